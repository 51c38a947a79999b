package io.ferrite.internal.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitListTest {

    private final WaitList list = new WaitList();
    private final List<String> woken = new ArrayList<>();

    private WaitList.Waiter queue(String name, int units) {
        WaitList.Waiter w = new WaitList.Waiter(units) {
        };
        list.add(w, () -> woken.add(name));
        return w;
    }

    @Test
    void grant_should_serve_the_oldest_in_full_before_a_later_smaller_one_when_units_are_short() {
        WaitList.Waiter big = queue("big", 3);
        WaitList.Waiter small = queue("small", 1);
        assertEquals(0, list.grant(2));
        assertEquals(1, big.remaining());
        assertEquals(1, small.remaining());
        assertNull(list.takeWakeups(), "a waiter served in part is not woken");
        assertEquals(1, list.grant(3));        // big takes 1, small 1, one is left over
        WaitList.wake(list.takeWakeups());
        assertEquals(List.of("big", "small"), woken);
        assertEquals(0, big.remaining());
        assertTrue(list.isEmpty());
    }

    @Test
    void remove_should_return_the_units_a_waiter_held_in_part_or_in_full() {
        WaitList.Waiter partly = queue("partly", 3);
        WaitList.Waiter served = queue("served", 1);
        list.grant(2);
        assertEquals(2, list.remove(partly));
        assertEquals(WaitList.Waiter.REMOVED, partly.remaining());
        assertEquals(0, list.remove(partly), "removing twice holds nothing");
        list.grant(1);
        assertEquals(1, list.remove(served), "a served waiter's units are handed back to its owner");
        assertTrue(list.isEmpty());
    }

    @Test
    void removeAll_should_chain_every_waiter_and_return_what_they_held_in_part() {
        WaitList.Waiter a = queue("a", 2);
        queue("b", 1);
        list.grant(1);
        assertEquals(1, list.removeAll());
        WaitList.wake(list.takeWakeups());
        assertEquals(List.of("a", "b"), woken);
        assertEquals(WaitList.Waiter.REMOVED, a.remaining());
        assertTrue(list.isEmpty());
    }

    @Test
    void wake_should_wake_every_waiter_and_then_rethrow_when_a_waker_throws() {
        RuntimeException boom = new IllegalStateException("boom");
        WaitList.Waiter bad = new WaitList.Waiter(1) {
        };
        list.add(bad, () -> {
            throw boom;
        });
        queue("after", 1);
        list.grant(2);
        WaitList.Waiter chain = list.takeWakeups();
        assertSame(boom, assertThrows(IllegalStateException.class, () -> WaitList.wake(chain)));
        assertEquals(List.of("after"), woken);
    }

    @Test
    void add_should_refuse_a_waiter_that_was_queued_before() {
        WaitList.Waiter w = queue("w", 1);
        list.remove(w);
        assertThrows(IllegalStateException.class, () -> list.add(w, () -> { }));
        assertThrows(IllegalStateException.class, () -> list.add(new WaitList.Waiter(0) {
        }, () -> { }), "a waiter wanting nothing would never leave the list");
    }

    @Test
    void updateWaker_should_report_a_waiter_that_was_served_meanwhile() {
        WaitList.Waiter w = queue("old", 1);
        assertTrue(list.updateWaker(w, () -> woken.add("new")));
        list.grant(1);
        WaitList.wake(list.takeWakeups());
        assertEquals(List.of("new"), woken);
        assertEquals(false, list.updateWaker(w, () -> woken.add("late")));
    }
}

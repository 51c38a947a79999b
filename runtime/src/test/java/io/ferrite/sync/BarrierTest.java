package io.ferrite.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class BarrierTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final CountingWaker w3 = new CountingWaker();

    @Test
    void arriveAndWait_should_release_the_group_when_the_last_one_arrives_and_name_it_leader() {
        Barrier b = new Barrier(3);
        Future<Boolean> a1 = b.arriveAndWait();
        Future<Boolean> a2 = b.arriveAndWait();
        w1.assertPending(a1);
        w2.assertPending(a2);
        assertEquals(Boolean.TRUE, w3.assertReady(b.arriveAndWait()));
        assertTrue(w1.woken());
        assertTrue(w2.woken());
        assertEquals(Boolean.FALSE, w1.assertReady(a1));
        assertEquals(Boolean.FALSE, w2.assertReady(a2));
    }

    @Test
    void barrier_should_form_a_new_group_when_reused() {
        Barrier b = new Barrier(2);
        Future<Boolean> first = b.arriveAndWait();
        w1.assertPending(first);
        assertTrue(w2.assertReady(b.arriveAndWait()));
        Future<Boolean> second = b.arriveAndWait();
        w3.assertPending(second);
        assertFalse(w1.assertReady(first));
        assertTrue(w1.assertReady(b.arriveAndWait()));
        assertFalse(w3.assertReady(second));
    }

    @Test
    void cancel_should_take_the_arrival_back_when_the_group_was_not_released() {
        Barrier b = new Barrier(2);
        Future<Boolean> quitter = b.arriveAndWait();
        w1.assertPending(quitter);
        quitter.cancel();
        Future<Boolean> next = b.arriveAndWait();
        w2.assertPending(next);             // still needs a second arrival
        assertTrue(w3.assertReady(b.arriveAndWait()));
        assertFalse(w2.assertReady(next));
        assertFalse(w1.woken());
    }

    @Test
    void cancel_should_change_nothing_when_the_group_was_already_released() {
        Barrier b = new Barrier(2);
        Future<Boolean> a = b.arriveAndWait();
        w1.assertPending(a);
        w2.assertReady(b.arriveAndWait());
        a.cancel();                          // released but not yet observed
        Future<Boolean> c = b.arriveAndWait();
        w3.assertPending(c);                 // a new group of two: the cancel did not count down
        assertTrue(w1.assertReady(b.arriveAndWait()));
        assertFalse(w3.assertReady(c));
    }

    @Test
    void barrier_should_reject_groups_of_less_than_one() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertTrue(w1.assertReady(new Barrier(1).arriveAndWait()));
    }
}

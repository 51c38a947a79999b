package io.ferrite.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.time.VirtualTimeSource;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

    private final VirtualTimeSource clock = new VirtualTimeSource();
    private final TimerWheel wheel = new TimerWheel(clock);
    private final List<String> fired = new ArrayList<>();

    @AfterEach
    void detach() {
        wheel.detach();
    }

    private TimerEntry entry(String name, Duration delay) {
        TimerEntry e = new TimerEntry() { };
        e.deadline = clock.nanoTime() + delay.toNanos();
        assertTrue(wheel.register(e, () -> fired.add(name)), name + " should be pending");
        return e;
    }

    /** Creates a wheel on {@code on} and forgets it, as a runtime that is dropped without close() does. */
    private static WeakReference<TimerWheel> abandonedWheel(VirtualTimeSource on) {
        return new WeakReference<>(new TimerWheel(on));
    }

    @Test
    void wheel_should_be_collected_when_abandoned_while_its_virtual_clock_lives() {
        VirtualTimeSource kept = new VirtualTimeSource();
        WeakReference<TimerWheel> ref = abandonedWheel(kept);
        // Bounded: a collectable wheel is cleared by the first full collections; a leaked one never is.
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "the clock's registry kept an unreachable wheel alive");
        TimerWheel next = new TimerWheel(kept);   // and the clock is free for a new wheel
        next.detach();
    }

    @Test
    void constructor_should_accept_clock_when_its_previous_wheel_was_detached() {
        VirtualTimeSource reused = new VirtualTimeSource();
        TimerWheel first = new TimerWheel(reused);
        first.detach();
        TimerWheel second = new TimerWheel(reused);
        List<String> seen = new ArrayList<>();
        TimerEntry e = new TimerEntry() { };
        e.deadline = reused.nanoTime() + 5_000_000L;
        assertTrue(second.register(e, () -> seen.add("fired")));
        reused.advance(Duration.ofMillis(5));
        assertEquals(List.of("fired"), seen, "advancing the clock drives the new wheel");
        second.detach();
    }

    @Test
    void register_should_fire_entries_in_deadline_order_across_levels_and_never_early() {
        Duration[] delays = {
            Duration.ofMillis(1), Duration.ofMillis(63), Duration.ofMillis(64), Duration.ofMillis(65),
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(5), Duration.ofDays(13),
            Duration.ofDays(800), Duration.ofDays(365 * 3)
        };
        for (Duration d : delays) {
            entry(d.toString(), d);
        }
        assertEquals(delays.length, wheel.size());
        List<String> expected = new ArrayList<>();
        Duration now = Duration.ZERO;
        for (Duration d : delays) {
            Duration justBefore = d.minusNanos(1);
            clock.advance(justBefore.minus(now));
            assertEquals(expected, fired, "nothing fires before " + d);
            clock.advance(Duration.ofNanos(1));
            expected.add(d.toString());
            assertEquals(expected, fired, "fires at " + d);
            now = d;
        }
        assertEquals(0, wheel.size());
    }

    @Test
    void register_should_round_deadline_up_to_the_next_millisecond() {
        entry("a", Duration.ofNanos(1_500_000));
        clock.advance(Duration.ofNanos(1_999_999));
        assertEquals(List.of(), fired);
        clock.advance(Duration.ofNanos(1));
        assertEquals(List.of("a"), fired);
    }

    @Test
    void register_should_return_false_when_deadline_has_passed() {
        clock.advance(Duration.ofSeconds(1));
        TimerEntry late = new TimerEntry() { };
        late.deadline = clock.nanoTime();
        assertFalse(wheel.register(late, () -> fired.add("late")));
        assertEquals(0, wheel.size());
    }

    @Test
    void cancel_should_remove_entry_so_it_never_fires() {
        TimerEntry a = entry("a", Duration.ofMillis(10));
        entry("b", Duration.ofMillis(10));
        TimerEntry c = entry("c", Duration.ofHours(1));
        wheel.cancel(a);
        wheel.cancel(c);
        wheel.cancel(c);  // twice: harmless
        assertEquals(1, wheel.size());
        clock.advance(Duration.ofHours(2));
        assertEquals(List.of("b"), fired);
        wheel.cancel(a);  // after firing time: harmless
    }

    @Test
    void fired_entry_should_be_registrable_again() {
        TimerEntry e = entry("first", Duration.ofMillis(5));
        clock.advance(Duration.ofMillis(5));
        assertEquals(TimerEntry.FIRED, e.position);
        e.deadline = clock.nanoTime() + Duration.ofMillis(5).toNanos();
        assertTrue(wheel.register(e, () -> fired.add("second")));
        clock.advance(Duration.ofMillis(5));
        assertEquals(List.of("first", "second"), fired);
    }

    @Test
    void beginPark_should_return_no_deadline_for_a_virtual_clock() {
        entry("a", Duration.ofMillis(5));
        assertEquals(TimerWheel.NONE, wheel.beginPark(Thread.currentThread()));
        assertTrue(wheel.nextDeadlineNanos() <= Duration.ofMillis(5).toNanos());
    }

    @Test
    void many_entries_in_one_slot_should_all_fire_together() {
        for (int i = 0; i < 1000; i++) {
            entry("e" + i, Duration.ofMillis(3));
        }
        clock.advance(Duration.ofMillis(3));
        assertEquals(1000, fired.size());
        assertEquals(0, wheel.size());
    }
}

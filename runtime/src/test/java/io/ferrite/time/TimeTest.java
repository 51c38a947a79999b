package io.ferrite.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.BlockOn;
import io.ferrite.runtime.JoinHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeTest {

    static AsyncRuntime paused(VirtualTimeSource clock) {
        return AsyncRuntime.currentThread().timeSource(clock).build();
    }

    /** Pending forever; counts cancels. */
    static final class Never<T> implements Future<T> {
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public Poll<T> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    /** Polls {@code inner}; counts down {@code registered} after its first pending poll. */
    static <T> Future<T> signalling(Future<T> inner, CountDownLatch registered) {
        return cx -> {
            Poll<T> p = inner.poll(cx);
            if (p.isPending()) {
                registered.countDown();
            }
            return p;
        };
    }

    @Test
    void sleep_should_complete_after_its_duration_when_clock_auto_advances() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            rt.blockOn(Time.sleep(Duration.ofHours(1)));
            assertEquals(Duration.ofHours(1).toNanos(), clock.nanoTime());
            assertEquals(Instant.EPOCH.plus(Duration.ofHours(1)), clock.instant());
        }
    }

    @Test
    void sleep_should_fire_only_when_advanced_past_deadline_on_multi_thread_runtime() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).timeSource(clock).build()) {
            CountDownLatch registered = new CountDownLatch(1);
            JoinHandle<Void> h = rt.spawn(signalling(Time.sleep(Duration.ofSeconds(10)), registered));
            registered.await();
            assertEquals(1, rt.metrics().numTimers());
            clock.advance(Duration.ofMillis(9_999));
            assertEquals(1, rt.metrics().numTimers(), "not due yet");
            assertFalse(h.isFinished());
            clock.advance(Duration.ofMillis(1));
            assertEquals(0, rt.metrics().numTimers());
            rt.blockOn(h);
        }
    }

    @Test
    void sleep_should_complete_at_once_when_duration_is_zero_or_negative() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            rt.blockOn(Time.sleep(Duration.ZERO));
            rt.blockOn(Time.sleep(Duration.ofSeconds(-5)));
            assertEquals(0, clock.nanoTime());
        }
    }

    @Test
    void sleep_should_measure_delay_from_first_poll() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Future<Void> s = Time.sleep(Duration.ofSeconds(5));
            clock.advance(Duration.ofSeconds(100));
            rt.blockOn(s);
            assertEquals(Duration.ofSeconds(105).toNanos(), clock.nanoTime());
        }
    }

    @Test
    void sleepUntil_should_complete_at_the_instant_read_on_the_time_source() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            rt.blockOn(Time.sleepUntil(Instant.EPOCH.plusSeconds(30)));
            assertEquals(Instant.EPOCH.plusSeconds(30), clock.instant());
            rt.blockOn(Time.sleepUntil(Instant.EPOCH));  // in the past: at once
            assertEquals(Instant.EPOCH.plusSeconds(30), clock.instant());
        }
    }

    @Test
    void cancel_should_remove_the_timer_of_a_sleep() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            Future<Void> s = Time.sleep(Duration.ofMinutes(1));
            Future<Void> first = cx -> s.poll(cx).isPending() ? Poll.ready(null) : Poll.ready(null);
            rt.blockOn(first);
            assertEquals(1, rt.metrics().numTimers());
            s.cancel();
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    @Test
    void timeout_should_throw_elapsed_and_cancel_inner_when_time_runs_out() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Never<String> inner = new Never<>();
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(Time.timeout(Duration.ofMillis(250), inner)));
            assertEquals(Duration.ofMillis(250), e.limit());
            assertTrue(e.getMessage().contains("PT0.25S"), e.getMessage());
            assertEquals(1, inner.cancels.get());
            assertEquals(Duration.ofMillis(250).toNanos(), clock.nanoTime());
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    @Test
    void timeout_should_return_inner_value_and_remove_timer_when_inner_wins() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Future<String> slowish = new Future<>() {
                final Future<Void> nap = Time.sleep(Duration.ofMillis(100));

                @Override
                public Poll<String> poll(Context cx) {
                    return nap.poll(cx).isReady() ? Poll.ready("in time") : Poll.pending();
                }
            };
            assertEquals("in time", rt.blockOn(Time.timeout(Duration.ofSeconds(1), slowish)));
            assertEquals(0, rt.metrics().numTimers());
            assertEquals(Duration.ofMillis(100).toNanos(), clock.nanoTime());
        }
    }

    @Test
    void timeout_should_rethrow_inner_failure_and_remove_timer() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            IllegalStateException boom = new IllegalStateException("boom");
            Future<String> failing = cx -> {
                throw boom;
            };
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(Time.timeout(Duration.ofSeconds(1), failing))));
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    @Test
    void timeout_cancel_should_cancel_inner_and_remove_timer() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            Never<String> inner = new Never<>();
            Future<String> t = Time.timeout(Duration.ofSeconds(1), inner);
            rt.blockOn(cx -> {
                assertTrue(t.poll(cx).isPending());
                return Poll.ready(null);
            });
            assertEquals(1, rt.metrics().numTimers());
            t.cancel();
            assertEquals(1, inner.cancels.get());
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    /** Takes {@code count} ticks; before tick {@code lateAt} the task is "busy" for {@code busy}. */
    static List<Instant> ticks(MissedTickBehavior behavior, int count, int lateAt, Duration busy) {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        List<Instant> taken = new ArrayList<>();
        try (AsyncRuntime rt = paused(clock)) {
            Interval every = Time.interval(Duration.ofMillis(10));
            every.setMissedTickBehavior(behavior);
            rt.blockOn(new Future<Void>() {
                Future<Instant> tick;

                @Override
                public Poll<Void> poll(Context cx) {
                    while (taken.size() < count) {
                        if (tick == null) {
                            if (taken.size() == lateAt) {
                                clock.advance(busy);
                            }
                            tick = every.tick();
                        }
                        Poll<Instant> p = tick.poll(cx);
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        taken.add(p.value());
                        tick = null;
                    }
                    return Poll.ready(null);
                }
            });
        }
        return taken;
    }

    static List<Instant> at(long... millis) {
        List<Instant> l = new ArrayList<>();
        for (long m : millis) {
            l.add(Instant.EPOCH.plusMillis(m));
        }
        return l;
    }

    @Test
    void interval_should_tick_every_period_starting_at_once() {
        assertEquals(at(0, 10, 20, 30), ticks(MissedTickBehavior.BURST, 4, -1, Duration.ZERO));
    }

    @Test
    void interval_should_fire_missed_ticks_at_once_when_behavior_is_burst() {
        // busy from 10 ms (after the second tick) until 45 ms: ticks 20, 30, 40 are late
        assertEquals(at(0, 10, 20, 30, 40, 50), ticks(MissedTickBehavior.BURST, 6, 2, Duration.ofMillis(35)));
    }

    @Test
    void interval_should_restart_schedule_from_late_tick_when_behavior_is_delay() {
        // the tick due at 20 is taken at 45; the next are one period apart from then
        assertEquals(at(0, 10, 20, 55, 65), ticks(MissedTickBehavior.DELAY, 5, 2, Duration.ofMillis(35)));
    }

    @Test
    void interval_should_drop_missed_ticks_when_behavior_is_skip() {
        // the tick due at 20 is taken at 45; 30 and 40 are dropped; the schedule stays on multiples of 10
        assertEquals(at(0, 10, 20, 50, 60), ticks(MissedTickBehavior.SKIP, 5, 2, Duration.ofMillis(35)));
    }

    @Test
    void interval_should_reject_non_positive_period_and_reset_before_first_tick() {
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
        Interval every = Time.interval(Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, every::reset);
        assertEquals(Duration.ofSeconds(1), every.period());
        assertEquals(MissedTickBehavior.BURST, every.missedTickBehavior());
    }

    @Test
    void interval_reset_should_restart_the_schedule_from_now() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Interval every = Time.interval(Duration.ofMillis(10));
            assertEquals(Instant.EPOCH, rt.blockOn(every.tick()));
            clock.advance(Duration.ofMillis(7));
            every.reset();
            assertEquals(Instant.EPOCH.plusMillis(17), rt.blockOn(every.tick()));
        }
    }

    @Test
    void sleep_should_throw_ise_when_polled_outside_a_runtime() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BlockOn.blockOn(Time.sleep(Duration.ofMillis(1))));
        assertTrue(e.getMessage().contains("AsyncRuntime.blockOn"), e.getMessage());
    }

    @Test
    void advance_should_reject_negative_duration() {
        VirtualTimeSource clock = new VirtualTimeSource();
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
    }

    @Test
    void virtualTimeSource_should_serve_one_runtime_at_a_time() {
        VirtualTimeSource clock = new VirtualTimeSource();
        AsyncRuntime first = paused(clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> paused(clock));
        assertTrue(e.getMessage().contains("own VirtualTimeSource"), e.getMessage());
        first.close();
        paused(clock).close();  // free again after close
    }

    @Test
    void sleep_should_wait_real_time_with_the_system_source() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            long start = System.nanoTime();
            rt.blockOn(Time.sleep(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(20).toNanos(), "never early");
        }
    }

    /** Always ready while it has budget, as a stream that never runs dry; gives up after many polls. */
    static final class BusyForever implements Future<String> {
        final CountDownLatch polled = new CountDownLatch(1);
        int polls;

        @Override
        public Poll<String> poll(Context cx) {
            polled.countDown();
            if (++polls > 20_000) {
                return Poll.ready("the timeout never fired");
            }
            while (io.ferrite.runtime.Task.pollProceed(cx)) {
                Thread.onSpinWait();   // ready work, one budget unit each
            }
            return Poll.pending();    // out of budget: it woke itself
        }
    }

    @Test
    void timeout_should_fire_when_the_inner_future_spends_the_whole_budget_every_poll() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).timeSource(clock).build()) {
            BusyForever inner = new BusyForever();
            JoinHandle<String> h = rt.spawn(Time.timeout(Duration.ofMillis(10), inner));
            inner.polled.await();
            while (rt.metrics().numTimers() == 0) {
                Thread.onSpinWait();   // the timer is armed right after the inner future's first poll
            }
            clock.advance(Duration.ofMillis(10));
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(h));
            assertEquals(Duration.ofMillis(10), e.limit());
        }
    }

    // ------------------------------------------------------------------ Sleep.reset, deadline, isElapsed

    @Test
    void sleep_deadline_should_be_unknown_before_the_first_poll_and_count_from_it() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            Sleep nap = Time.sleep(Duration.ofSeconds(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, nap::deadline);
            assertTrue(e.getMessage().contains("first poll"), e.getMessage());
            assertFalse(nap.isElapsed());
            clock.advance(Duration.ofSeconds(5));
            rt.blockOn(cx -> Poll.ready(nap.poll(cx).isPending()));
            assertEquals(Instant.EPOCH.plusSeconds(6), nap.deadline());
            assertFalse(nap.isElapsed());
            clock.advance(Duration.ofSeconds(1));
            assertTrue(nap.isElapsed());
        }
    }

    @Test
    void sleepUntil_deadline_should_be_known_before_the_first_poll() {
        Sleep nap = Time.sleepUntil(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), nap.deadline());
        assertFalse(nap.isElapsed());
    }

    @Test
    void reset_should_move_a_pending_sleep_later_and_fire_only_at_the_new_deadline() {
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = paused(clock)) {
            Sleep nap = Time.sleep(Duration.ofSeconds(1));
            io.ferrite.testing.CountingWaker waker = new io.ferrite.testing.CountingWaker();
            rt.blockOn(cx -> Poll.ready(nap.poll(waker.cx()).isPending()));
            nap.reset(Duration.ofSeconds(3));
            assertEquals(Instant.EPOCH.plusSeconds(3), nap.deadline());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(0, waker.takeWakes(), "fired at the old deadline");
            assertFalse(nap.isElapsed());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(1, waker.takeWakes(), "the waker of the last poll is woken at the new deadline");
            assertTrue(nap.isElapsed());
            boolean ready = rt.blockOn(cx -> Poll.ready(nap.poll(cx).isReady()));
            assertTrue(ready);
        }
    }

    @Test
    void reset_should_make_a_completed_sleep_wait_again_and_a_past_deadline_wake_at_once() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Sleep nap = Time.sleep(Duration.ofMillis(10));
            rt.blockOn(nap);
            assertTrue(nap.isElapsed());
            nap.reset(clock.instant().plusMillis(50));
            assertFalse(nap.isElapsed());
            rt.blockOn(nap);
            assertEquals(Duration.ofMillis(60).toNanos(), clock.nanoTime());

            io.ferrite.testing.CountingWaker waker = new io.ferrite.testing.CountingWaker();
            nap.reset(Duration.ofHours(1));
            rt.blockOn(cx -> Poll.ready(nap.poll(waker.cx()).isPending()));
            nap.reset(Instant.EPOCH);   // in the past: ready now, and whoever waits is told
            assertEquals(1, waker.takeWakes());
            assertTrue(nap.isElapsed());
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    @Test
    void reset_before_the_first_poll_should_set_what_the_sleep_arms_with() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Sleep byDelay = Time.sleep(Duration.ofSeconds(1));
            byDelay.reset(Duration.ofMillis(20));
            rt.blockOn(byDelay);
            assertEquals(Duration.ofMillis(20).toNanos(), clock.nanoTime());
            Sleep byInstant = Time.sleep(Duration.ofSeconds(1));
            byInstant.reset(Instant.EPOCH.plusMillis(50));
            assertEquals(Instant.EPOCH.plusMillis(50), byInstant.deadline());
            rt.blockOn(byInstant);
            assertEquals(Duration.ofMillis(50).toNanos(), clock.nanoTime());
        }
    }

    // ------------------------------------------------------------------ timeoutAt, intervalAt

    @Test
    void timeoutAt_should_throw_elapsed_naming_the_deadline_and_cancel_inner() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            Never<String> inner = new Never<>();
            Instant deadline = Instant.EPOCH.plusMillis(250);
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(Time.timeoutAt(deadline, inner)));
            assertEquals(deadline, e.deadline());
            assertEquals(null, e.limit());
            assertTrue(e.getMessage().contains(deadline.toString()), e.getMessage());
            assertEquals(1, inner.cancels.get());
            assertEquals(Duration.ofMillis(250).toNanos(), clock.nanoTime());
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    @Test
    void timeoutAt_should_let_a_ready_future_win_even_when_the_deadline_has_passed() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = paused(clock)) {
            clock.advance(Duration.ofSeconds(10));
            assertEquals("ready", rt.blockOn(Time.timeoutAt(Instant.EPOCH, Future.ready("ready"))));
            assertThrows(Elapsed.class, () -> rt.blockOn(Time.timeoutAt(Instant.EPOCH, new Never<String>())));
        }
    }

    /** Takes {@code count} ticks of {@code every} on an auto-advancing clock. */
    static List<Instant> ticksOf(Interval every, int count, VirtualTimeSource clock) {
        List<Instant> taken = new ArrayList<>();
        try (AsyncRuntime rt = paused(clock)) {
            for (int i = 0; i < count; i++) {
                taken.add(rt.blockOn(every.tick()));
            }
        }
        return taken;
    }

    @Test
    void intervalAt_should_tick_first_at_its_start_then_every_period() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        Interval every = Time.intervalAt(Instant.EPOCH.plusMillis(100), Duration.ofMillis(10));
        assertEquals(at(100, 110, 120), ticksOf(every, 3, clock));
        assertEquals(Duration.ofMillis(120).toNanos(), clock.nanoTime());
    }

    @Test
    void intervalAt_should_tick_at_once_and_catch_up_when_its_start_has_passed() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        clock.advance(Duration.ofMillis(25));
        Interval every = Time.intervalAt(Instant.EPOCH, Duration.ofMillis(10));
        // BURST: the ticks due at 0, 10 and 20 ms come at once (at 25 ms), then the schedule resumes.
        assertEquals(at(0, 10, 20, 30), ticksOf(every, 4, clock));
        assertEquals(Duration.ofMillis(30).toNanos(), clock.nanoTime());
    }
}

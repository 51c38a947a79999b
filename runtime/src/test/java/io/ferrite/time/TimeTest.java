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
}

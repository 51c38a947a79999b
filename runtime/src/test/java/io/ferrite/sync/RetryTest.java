package io.ferrite.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.testing.CountingWaker;
import io.ferrite.testing.ManualFuture;
import io.ferrite.time.VirtualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final CountingWaker w = new CountingWaker();
    /** A virtual clock: each sleep is a manual future the test completes. */
    private final List<Duration> delays = new ArrayList<>();
    private final List<ManualFuture<Void>> sleeps = new ArrayList<>();

    private Retry policy(int attempts) {
        return Retry.withBackoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(300), attempts)
                .sleepingWith(d -> {
                    delays.add(d);
                    ManualFuture<Void> s = ManualFuture.named("sleep " + d);
                    sleeps.add(s);
                    return s;
                });
    }

    private ManualFuture<Void> lastSleep() {
        return sleeps.get(sleeps.size() - 1);
    }

    @Test
    void run_should_retry_with_growing_capped_delays_until_success() {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = policy(5).run(() -> calls.incrementAndGet() < 4
                ? Future.failed(new IOException("try " + calls.get()))
                : Future.ready("ok"));
        for (int i = 0; i < 3; i++) {
            w.assertPending(f);
            lastSleep().complete(null);
            assertTrue(w.woken());
        }
        assertEquals("ok", w.assertReady(f));
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)), delays);
    }

    @Test
    void run_should_throw_the_last_failure_with_the_earlier_ones_suppressed_when_attempts_run_out() {
        AtomicInteger calls = new AtomicInteger();
        List<IOException> thrown = new ArrayList<>();
        Future<String> f = policy(3).run(() -> {
            IOException e = new IOException("try " + calls.incrementAndGet());
            thrown.add(e);
            return Future.failed(e);
        });
        w.assertPending(f);
        lastSleep().complete(null);
        w.assertPending(f);
        lastSleep().complete(null);
        IOException last = assertThrows(IOException.class, () -> w.poll(f));
        assertSame(thrown.get(2), last);
        assertEquals(List.of(thrown.get(0), thrown.get(1)), List.of(last.getSuppressed()));
        assertEquals(3, calls.get());
    }

    @Test
    void run_should_fail_at_once_when_the_failure_is_not_retryable() {
        AtomicInteger calls = new AtomicInteger();
        IllegalArgumentException bad = new IllegalArgumentException("bad request");
        Future<String> f = policy(5).retryingOn(e -> e instanceof IOException).run(() -> {
            calls.incrementAndGet();
            return Future.failed(bad);
        });
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> w.poll(f)));
        assertEquals(1, calls.get());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void cancel_should_cancel_the_sleep_and_start_no_further_attempt_when_cancelled_between_attempts() {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = policy(5).run(() -> {
            calls.incrementAndGet();
            return Future.failed(new IOException("down"));
        });
        w.assertPending(f);
        f.cancel();
        assertTrue(lastSleep().cancelled());
        assertEquals(1, calls.get());
    }

    @Test
    void cancel_should_cancel_the_attempt_in_flight() {
        ManualFuture<String> attempt = ManualFuture.named("attempt");
        Future<String> f = policy(5).run(() -> attempt);
        w.assertPending(f);
        f.cancel();
        assertTrue(attempt.cancelled());
    }

    @Test
    void run_should_not_call_the_operation_before_the_first_poll() {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = policy(2).run(() -> {
            calls.incrementAndGet();
            return Future.ready("x");
        });
        assertEquals(0, calls.get());
        assertEquals("x", w.assertReady(f));
        assertEquals(1, calls.get());
    }

    @Test
    void run_should_wait_on_the_runtime_timer_when_no_sleep_function_is_given() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        Retry policy = Retry.withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 3);
        List<Long> attemptTimes = new ArrayList<>();
        String result;
        try (AsyncRuntime rt = AsyncRuntime.currentThread().timeSource(clock).build()) {
            result = rt.blockOn(policy.run(() -> {
                attemptTimes.add(clock.nanoTime());
                return attemptTimes.size() < 3 ? Future.failed(new IOException("down")) : Future.ready("up");
            }));
        }
        assertEquals("up", result);
        assertEquals(List.of(0L, Duration.ofMillis(100).toNanos(), Duration.ofMillis(300).toNanos()), attemptTimes);
    }

    @Test
    void withBackoff_should_reject_bad_arguments() {
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(Duration.ofMillis(-1), 2, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(Duration.ZERO, 0.5, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Retry.withBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(Duration.ZERO, 2, Duration.ZERO, 0));
        assertFalse(Retry.withBackoff(Duration.ofMillis(1), 10, Duration.ofMillis(50), 9)
                .delayBeforeRetry(5).compareTo(Duration.ofMillis(50)) > 0, "capped");
    }
}

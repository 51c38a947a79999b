package io.ferrite.time;

import io.ferrite.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Timers on the runtime's timer wheel (Tokio's {@code tokio::time}): {@link #sleep},
 * {@link #sleepUntil}, {@link #timeout}, {@link #timeoutAt}, {@link #interval} and
 * {@link #intervalAt}.
 *
 * <p>The futures returned here need a runtime: poll them in a task or inside
 * {@code AsyncRuntime.blockOn} (not with the runtime-free {@code BlockOn}). Like every future they
 * are lazy: a delay is measured from the first poll. Resolution is 1 ms, and a timer never fires
 * early. Time is read from the runtime's {@link TimeSource}, so with a {@link VirtualTimeSource}
 * it moves only when the test says.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<String> fetchWithRetry(Client client) {
 *     for (int attempt = 1; ; attempt++) {
 *         try {
 *             return Future.ready(await(Time.timeout(Duration.ofSeconds(2), client.fetch())));
 *         } catch (Elapsed slow) {
 *             if (attempt == 3) throw slow;
 *             await(Time.sleep(Duration.ofMillis(100L << attempt)));   // back off
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a timer future removes its timer from the wheel at once; {@link #timeout} also
 * cancels the future it wraps.
 *
 * <h2>Thread safety</h2>
 * The futures are polled by one task at a time, as every future; timers fire from any thread.
 */
public final class Time {

    private Time() {
    }

    /**
     * Returns a future that completes {@code duration} after its first poll. A zero or
     * negative duration completes at the first poll.
     *
     * <pre>{@code
     * await(Time.sleep(Duration.ofMillis(10)));
     * }</pre>
     *
     * <p>The returned {@link Sleep} can also tell its deadline and be moved to another one
     * ({@link Sleep#reset(Duration)}).
     *
     * <p>Cancellation: cancelling removes the timer; nothing else to undo.
     *
     * @param duration how long to sleep
     * @return the sleep, a future
     * @throws NullPointerException if {@code duration} is null
     */
    public static Sleep sleep(Duration duration) {
        return new Sleep(saturatedNanos(Objects.requireNonNull(duration, "duration")));
    }

    /**
     * Returns a future that completes at the wall-clock {@code deadline}, read on the runtime's
     * time source at the first poll; a deadline in the past completes at once. Later changes of
     * the wall clock do not move the timer (it waits on the monotonic clock).
     *
     * <pre>{@code
     * await(Time.sleepUntil(Instant.parse("2030-01-01T00:00:00Z")));
     * }</pre>
     *
     * <p>Cancellation: cancelling removes the timer.
     *
     * @param deadline when to complete
     * @return the sleep, a future
     * @throws NullPointerException if {@code deadline} is null
     */
    public static Sleep sleepUntil(Instant deadline) {
        return new Sleep(Objects.requireNonNull(deadline, "deadline"));
    }

    /**
     * Returns a future that completes like {@code future} if it does so within
     * {@code duration} of the first poll, and otherwise cancels {@code future} (its
     * {@code finally} blocks run) and fails with {@link Elapsed}. The inner future is polled
     * before the timer, so one that is ready at once always wins.
     *
     * <pre>{@code
     * Quote q = await(Time.timeout(Duration.ofMillis(200), pricing.quote(cart)));
     * }</pre>
     *
     * <p>Cancellation: cancelling the timeout cancels the inner future and removes the timer.
     *
     * @param duration the time limit
     * @param future   the future to limit
     * @param <T>      its value type
     * @return a single-use future of {@code future}'s value
     * @throws NullPointerException if an argument is null
     */
    public static <T> Future<T> timeout(Duration duration, Future<T> future) {
        return new Timeout<>(Objects.requireNonNull(duration, "duration"), Objects.requireNonNull(future, "future"));
    }

    /**
     * Returns a future that completes like {@code future} if it does so before the wall-clock
     * {@code deadline} (read on the runtime's time source at the first poll, as
     * {@link #sleepUntil} does), and otherwise cancels {@code future} and fails with
     * {@link Elapsed} (Tokio's {@code timeout_at}). A deadline already past still polls
     * {@code future} once: one that is ready at once wins.
     *
     * <pre>{@code
     * Instant requestDeadline = received.plusSeconds(30);   // one budget for every step of a request
     * User user = await(Time.timeoutAt(requestDeadline, users.find(id)));
     * Cart cart = await(Time.timeoutAt(requestDeadline, carts.load(user)));
     * }</pre>
     *
     * <p>Cancellation: cancelling it cancels the inner future and removes the timer.
     *
     * @param deadline when to give up
     * @param future   the future to limit
     * @param <T>      its value type
     * @return a single-use future of {@code future}'s value
     * @throws NullPointerException if an argument is null
     */
    public static <T> Future<T> timeoutAt(Instant deadline, Future<T> future) {
        return new Timeout<>(Objects.requireNonNull(deadline, "deadline"), Objects.requireNonNull(future, "future"));
    }

    /**
     * Returns an interval ticking every {@code period}, with its first tick at its first poll.
     *
     * <pre>{@code
     * Interval every = Time.interval(Duration.ofSeconds(1));
     * while (running) {
     *     await(every.tick());
     *     report();
     * }
     * }</pre>
     *
     * @param period the time between ticks
     * @return a new interval
     * @throws IllegalArgumentException if {@code period} is zero or negative
     * @throws NullPointerException     if {@code period} is null
     */
    public static Interval interval(Duration period) {
        return new Interval(Objects.requireNonNull(period, "period"), null);
    }

    /**
     * Returns an interval ticking every {@code period} whose first tick is due at the wall-clock
     * {@code start} (Tokio's {@code interval_at}), read on the runtime's time source at the first
     * poll; the next ticks follow at {@code start + period}, {@code start + 2 * period}, ... A
     * start already past makes the first tick due at once, and the ticks missed since are
     * handled by the {@link MissedTickBehavior} ({@link MissedTickBehavior#BURST} by default).
     *
     * <pre>{@code
     * // Every hour on the hour, starting at the next full hour.
     * Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
     * Interval hourly = Time.intervalAt(nextHour, Duration.ofHours(1));
     * }</pre>
     *
     * @param start  when the first tick is due
     * @param period the time between ticks
     * @return a new interval
     * @throws IllegalArgumentException if {@code period} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static Interval intervalAt(Instant start, Duration period) {
        return new Interval(Objects.requireNonNull(period, "period"), Objects.requireNonNull(start, "start"));
    }

    /** {@code d} in nanoseconds, saturated instead of overflowing. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}

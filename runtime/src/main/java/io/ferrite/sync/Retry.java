package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an asynchronous operation again after failures, waiting longer each time: exponential
 * backoff with a cap, as in the Rust seed's {@code retry_with_backoff}.
 *
 * <p>A policy is immutable: {@link #withBackoff(Duration, double, Duration, int)} gives the
 * delays (the first retry waits {@code initial}, each next one {@code factor} times longer, never
 * more than {@code cap}) and the number of attempts. It waits on the runtime's timer,
 * {@link Time#sleep(Duration)}, so {@code run} futures must be polled inside a runtime (a task or
 * {@code AsyncRuntime.blockOn}); {@link #sleepingWith(Function)} replaces the sleep function (a
 * test's manual clock, say). {@link #retryingOn(Predicate)} says which failures are worth another
 * attempt (by default every {@link Exception}; an {@link Error}, {@code Cancelled} included, never
 * is). {@link #run(Supplier)} calls the supplier for a fresh future per attempt. When the last
 * attempt fails, its exception is thrown with the earlier attempts' failures attached as
 * suppressed exceptions, so none is lost.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Retry policy = Retry.withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 5)
 *         .retryingOn(e -> e instanceof IOException);
 *
 * @Async
 * Future<String> fetch(String url) {
 *     return policy.run(() -> http.get(url));   // waits 100 ms, 200 ms, 400 ms, 800 ms between tries
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling the future returned by {@link #run(Supplier)} cancels the attempt in flight, or the
 * sleep between two attempts; no further attempt starts.
 *
 * <h2>Thread safety</h2>
 * Policies are immutable and may be shared; each {@code run} future belongs to one task.
 */
public final class Retry {

    private final Duration initial;
    private final double factor;
    private final Duration cap;
    private final int maxAttempts;
    private final Function<? super Duration, ? extends Future<?>> sleeper;
    private final Predicate<? super Throwable> retryable;

    private Retry(Duration initial, double factor, Duration cap, int maxAttempts,
            Function<? super Duration, ? extends Future<?>> sleeper, Predicate<? super Throwable> retryable) {
        this.initial = initial;
        this.factor = factor;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.retryable = retryable;
    }

    /**
     * Returns a policy of at most {@code maxAttempts} attempts, waiting {@code initial} before
     * the first retry and {@code factor} times longer before each next one, capped at
     * {@code cap}.
     *
     * <pre>{@code
     * Retry.withBackoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 4);   // 50, 100, 200 ms
     * }</pre>
     *
     * @param initial     the delay before the first retry, zero or more
     * @param factor      how much longer each next delay is, at least 1.0
     * @param cap         the longest delay, at least {@code initial}
     * @param maxAttempts the number of attempts in all, at least 1
     * @return the policy, sleeping with {@link Time#sleep(Duration)} and retrying every
     *         {@link Exception}
     * @throws IllegalArgumentException if an argument is out of range
     * @throws NullPointerException     if a duration is null
     */
    public static Retry withBackoff(Duration initial, double factor, Duration cap, int maxAttempts) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || !(factor >= 1.0) || cap.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("Retry.withBackoff(" + initial + ", " + factor + ", " + cap + ", "
                    + maxAttempts + "): need initial >= 0, factor >= 1.0, cap >= initial and maxAttempts >= 1");
        }
        return new Retry(initial, factor, cap, maxAttempts, Time::sleep, e -> e instanceof Exception);
    }

    /**
     * Returns this policy waiting between attempts with {@code sleeper}, a function from a delay
     * to a future that completes after it, instead of the default {@link Time#sleep(Duration)}:
     * for tests that complete the waits by hand, or code that must wait on another timer.
     *
     * <pre>{@code
     * policy.sleepingWith(delay -> clock.sleep(delay));   // a test's manual clock
     * }</pre>
     *
     * @param sleeper the sleep function
     * @return a new policy
     * @throws NullPointerException if {@code sleeper} is null
     */
    public Retry sleepingWith(Function<? super Duration, ? extends Future<?>> sleeper) {
        return new Retry(initial, factor, cap, maxAttempts, Objects.requireNonNull(sleeper, "sleeper"), retryable);
    }

    /**
     * Returns this policy retrying only the failures {@code retryable} accepts; others are thrown
     * at once.
     *
     * <pre>{@code
     * policy.retryingOn(e -> e instanceof TimeoutException || e instanceof ConnectException);
     * }</pre>
     *
     * @param retryable tells whether a failure is worth another attempt
     * @return a new policy
     * @throws NullPointerException if {@code retryable} is null
     */
    public Retry retryingOn(Predicate<? super Throwable> retryable) {
        Objects.requireNonNull(retryable, "retryable");
        return new Retry(initial, factor, cap, maxAttempts, sleeper, retryable);
    }

    /**
     * Returns the delay before retry number {@code retry} (1 for the wait after the first
     * failure).
     *
     * <pre>{@code
     * policy.delayBeforeRetry(3);   // initial * factor^2, at most cap
     * }</pre>
     *
     * @param retry the retry number, at least 1
     * @return the delay
     * @throws IllegalArgumentException if {@code retry} is less than 1
     */
    public Duration delayBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry = " + retry + ": retries are numbered from 1");
        }
        double nanos = initial.toNanos() * Math.pow(factor, retry - 1);
        long capNanos = cap.toNanos();
        return nanos >= capNanos ? cap : Duration.ofNanos((long) nanos);
    }

    /**
     * Returns a future that runs {@code operation}'s futures until one succeeds, a failure is not
     * retryable, or the attempts run out. Nothing runs until the future is first polled.
     *
     * <pre>{@code
     * String body = await(policy.run(() -> http.get(url)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancels the attempt in flight or the sleep; no further attempt starts.
     *
     * @param operation makes the future of one attempt; called once per attempt
     * @param <T>       the value type
     * @return the future of the first successful attempt's value
     * @throws NullPointerException if {@code operation} is null
     */
    public <T> Future<T> run(Supplier<? extends Future<T>> operation) {
        Objects.requireNonNull(operation, "operation");
        return new Attempts<>(operation);
    }

    @Override
    public String toString() {
        return "Retry[" + maxAttempts + " attempts, backoff " + initial + " x" + factor + " up to " + cap + "]";
    }

    private final class Attempts<T> implements Future<T> {
        private final Supplier<? extends Future<T>> operation;
        private int attempt;
        private Future<T> current;
        private Future<?> sleeping;
        /** The failures of the earlier attempts, attached to the last one if it fails too. */
        private List<Throwable> failures;
        private boolean done;

        Attempts(Supplier<? extends Future<T>> operation) {
            this.operation = operation;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException(this + " was polled after it completed: call run() again");
            }
            while (true) {
                if (sleeping != null) {
                    if (sleeping.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    sleeping = null;
                }
                if (current == null) {
                    attempt++;
                    current = Objects.requireNonNull(operation.get(), "the Retry operation returned null instead of a future");
                }
                Poll<T> poll;
                try {
                    poll = current.poll(cx);
                } catch (Throwable failure) {
                    current = null;
                    if (attempt >= maxAttempts || !retryable.test(failure)) {
                        done = true;
                        throw AsyncSupport.sneaky(withEarlier(failure));
                    }
                    remember(failure);
                    sleeping = sleeper.apply(delayBeforeRetry(attempt));
                    continue;
                }
                if (poll.isReady()) {
                    done = true;
                    current = null;
                }
                return poll;
            }
        }

        private void remember(Throwable failure) {
            if (failures == null) {
                failures = new ArrayList<>(maxAttempts - 1);
            }
            failures.add(failure);
        }

        private Throwable withEarlier(Throwable last) {
            if (failures != null) {
                for (Throwable earlier : failures) {
                    if (earlier != last) {
                        last.addSuppressed(earlier);
                    }
                }
            }
            return last;
        }

        @Override
        public void cancel() {
            done = true;
            Future<?> c = current;
            Future<?> s = sleeping;
            current = null;
            sleeping = null;
            if (c != null) {
                c.cancel();
            }
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public String toString() {
            return "Retry.run[attempt " + attempt + " of " + maxAttempts + (sleeping != null ? ", sleeping" : "") + "]";
        }
    }
}

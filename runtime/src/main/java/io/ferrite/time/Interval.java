package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.scheduler.TimerEntry;
import io.ferrite.runtime.scheduler.TimerWheel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Ticks at a fixed period (Tokio's {@code Interval}): each {@link #tick()} completes when the
 * next tick is due. The first tick completes at once, at the first poll, and the schedule is
 * counted from it. When the task falls behind, the {@link MissedTickBehavior} decides what the
 * next ticks do; the default is {@link MissedTickBehavior#BURST}.
 *
 * <p>One timer entry serves every tick, so a ticking interval allocates only the small
 * {@code tick()} future.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Void> heartbeat(Connection conn) {
 *     Interval every = Time.interval(Duration.ofSeconds(5));
 *     every.setMissedTickBehavior(MissedTickBehavior.DELAY);
 *     while (true) {
 *         await(every.tick());
 *         await(conn.ping());
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a {@code tick()} future removes the interval's timer and loses no tick: the next
 * {@code tick()} still completes for the tick that was due.
 *
 * <h2>Thread safety</h2>
 * Used by one task at a time.
 */
public final class Interval {

    /** A tick taken later than this after its deadline counts as missed (as in Tokio). */
    private static final long MISSED_AFTER = 5_000_000L;

    private final long period;
    /** The first tick's due time of {@link Time#intervalAt}; null: the first poll. */
    private final Instant firstTick;
    private final Timer timer = new Timer();
    private MissedTickBehavior missedTickBehavior = MissedTickBehavior.BURST;
    private Instant startInstant;
    private long startNanos;

    Interval(Duration period, Instant firstTick) {
        long p = Time.saturatedNanos(period);
        if (p <= 0) {
            throw new IllegalArgumentException("Time.interval(" + period + "): the period must be positive");
        }
        this.period = Math.min(p, Sleep.MAX_DELAY);
        this.firstTick = firstTick;
    }

    /**
     * Returns a future that completes when the next tick is due, with the instant the tick was
     * scheduled for (read on the runtime's {@link TimeSource}).
     *
     * <pre>{@code
     * Instant when = await(every.tick());
     * }</pre>
     *
     * @return a single-use future of the tick's scheduled time
     */
    public Future<Instant> tick() {
        return new Tick();
    }

    /**
     * Restarts the schedule: the next tick is due one period from now.
     *
     * <pre>{@code
     * every.reset();
     * }</pre>
     *
     * @throws IllegalStateException if the interval has not ticked yet (its schedule has no
     *                               start yet: its first tick is still due at once)
     */
    public void reset() {
        if (startInstant == null) {
            throw new IllegalStateException("Interval.reset() before the first tick: the first tick() is due at"
                    + " once, and the schedule starts then");
        }
        timer.resetTo(timer.now() + period);
    }

    /**
     * Returns the period.
     *
     * @return the time between ticks
     */
    public Duration period() {
        return Duration.ofNanos(period);
    }

    /**
     * Returns what happens to missed ticks.
     *
     * @return the current behaviour
     */
    public MissedTickBehavior missedTickBehavior() {
        return missedTickBehavior;
    }

    /**
     * Sets what happens to missed ticks.
     *
     * <pre>{@code
     * every.setMissedTickBehavior(MissedTickBehavior.SKIP);
     * }</pre>
     *
     * @param behavior the new behaviour
     * @throws NullPointerException if {@code behavior} is null
     */
    public void setMissedTickBehavior(MissedTickBehavior behavior) {
        this.missedTickBehavior = Objects.requireNonNull(behavior, "behavior");
    }

    /**
     * Returns this interval's ticks as an endless stream of the instants they were scheduled for.
     * See {@link io.ferrite.stream.AsyncStream#from(Interval)}.
     *
     * <pre>{@code
     * await(Time.interval(Duration.ofSeconds(1)).stream().take(3).forEach(t -> report()));
     * }</pre>
     *
     * @return a stream over this interval
     */
    public io.ferrite.stream.AsyncStream<Instant> stream() {
        return io.ferrite.stream.AsyncStream.from(this);
    }

    @Override
    public String toString() {
        return "Interval[" + period() + ", " + missedTickBehavior + "]";
    }

    /** The one timer entry of the interval; its deadline is the next tick's. */
    private final class Timer extends TimerEntry {

        /** Ready with the due tick's scheduled instant, or pending after (re)registering. */
        Poll<Instant> poll(Context cx) {
            TimerWheel w = wheel;
            if (position == UNARMED) {
                w = Sleep.wheelOf(cx, Interval.this);
                wheel = w;
                long now = w.now();
                Instant nowInstant = w.clock().instant();
                if (firstTick == null) {
                    startNanos = now;
                    startInstant = nowInstant;
                } else {
                    long untilStart = Time.saturatedNanos(Duration.between(nowInstant, firstTick));
                    startNanos = now + Math.max(-Sleep.MAX_DELAY, Math.min(untilStart, Sleep.MAX_DELAY));
                    startInstant = firstTick;
                }
                deadline = startNanos;
                position = IDLE;
            }
            long now = w.now();
            if (now - deadline < 0 && w.register(this, cx.waker())) {
                if (position != FIRED) {
                    return Poll.pending();
                }
                now = w.now();
            }
            if (!Task.pollProceed(cx)) {
                return Poll.pending();
            }
            w.cancel(this);
            long due = deadline;
            deadline = now - due > MISSED_AFTER ? missedTickBehavior.next(due, now, period) : due + period;
            position = IDLE;
            return Poll.ready(startInstant.plusNanos(due - startNanos));
        }

        void resetTo(long next) {
            wheel.cancel(this);
            deadline = next;
            position = IDLE;
        }

        long now() {
            return wheel.now();
        }

        void cancelTimer() {
            TimerWheel w = wheel;
            if (w != null) {
                w.cancel(this);
            }
        }
    }

    /** The future of one {@link #tick()}. */
    private final class Tick implements Future<Instant> {
        private boolean done;

        @Override
        public Poll<Instant> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("an Interval.tick() future was polled after it completed:"
                        + " call tick() again for the next tick");
            }
            Poll<Instant> p = timer.poll(cx);
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            if (!done) {
                timer.cancelTimer();
            }
        }

        @Override
        public String toString() {
            return "Interval.tick(" + period() + ")";
        }
    }
}

package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.runtime.scheduler.TimerEntry;
import io.ferrite.runtime.scheduler.TimerWheel;
import io.ferrite.runtime.scheduler.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The future of {@link Time#sleep} and {@link Time#sleepUntil} (Tokio's {@code time::Sleep}):
 * it completes when its deadline has passed, and it can be asked for its deadline and moved to
 * another one. The sleep is itself the timer's entry in the runtime's timer wheel (its
 * superclass is the runtime's internal entry type, not API), so a sleeping task costs this
 * object and nothing else.
 *
 * <p>A {@code Time.sleep(duration)} is lazy like every future: its delay is measured from its
 * first poll, so it has no deadline before that. A {@code Time.sleepUntil(instant)} has one from
 * the start. Deadlines are {@link Instant}s read on the runtime's {@link TimeSource}: with a
 * {@link VirtualTimeSource} they are virtual instants.
 *
 * <p>Unlike an {@code @Async} future, a sleep may be polled again after it completed: it stays
 * ready until it is {@linkplain #reset(Instant) reset}, and then waits again.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<List<String>> debounce(Mpsc.Receiver<String> edits) {
 *     List<String> batch = new ArrayList<>();
 *     Sleep quiet = Time.sleep(Duration.ofMillis(100));
 *     while (true) {
 *         String edit = await(Futures.Select.<String>fair()
 *                 .on(edits.recv(), e -> e)
 *                 .on(quiet, elapsed -> null));
 *         if (edit == null) {
 *             return Future.ready(batch);            // 100 ms without an edit (or the channel closed)
 *         }
 *         batch.add(edit);
 *         quiet.reset(Duration.ofMillis(100));       // every edit restarts the quiet period
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling removes the timer from the wheel; nothing else to undo. A cancelled sleep that is
 * polled or reset again re-enters the wheel.
 *
 * <h2>Thread safety</h2>
 * Owned by one task at a time, like every future: poll, reset and query it from that task. The
 * wheel fires it from any thread.
 */
public final class Sleep extends TimerEntry implements Future<Void> {

    private static final Poll<Void> DONE = Poll.ready(null);
    /** Longest delay honoured (about 146 years): keeps deadline arithmetic free of overflow. */
    static final long MAX_DELAY = 1L << 62;

    /** Sleeps for {@code delayNanos} from the first poll. */
    Sleep(long delayNanos) {
        deadline = clamp(delayNanos);
    }

    /** Sleeps until the wall-clock {@code target}, read on the runtime's time source at the first poll. */
    Sleep(Instant target) {
        position = UNARMED_AT;
        deadline = epochNanos(target);
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 0), MAX_DELAY);
    }

    /** {@code t} in nanoseconds since the epoch, saturated (about 292 years either way). */
    private static long epochNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException outOfRange) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Instant ofEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The delay from now on {@code w}'s clock until the wall-clock {@code epochNanos}, at least 0. */
    private static long delayUntil(TimerWheel w, long epochNanos) {
        return clamp(Time.saturatedNanos(Duration.between(w.clock().instant(), ofEpochNanos(epochNanos))));
    }

    @Override
    public Poll<Void> poll(Context cx) {
        int pos = position;
        if (pos == FIRED) {
            return ready(cx);
        }
        TimerWheel w = wheel;
        if (pos == UNARMED || pos == UNARMED_AT) {
            w = wheelOf(cx, this);
            deadline = w.now() + (pos == UNARMED ? deadline : delayUntil(w, deadline));
            wheel = w;
            position = IDLE;
        }
        if (w.now() - deadline >= 0 || !w.register(this, cx.waker())) {
            w.cancel(this);
            position = FIRED;
            return ready(cx);
        }
        return position == FIRED ? ready(cx) : Poll.pending();
    }

    private static Poll<Void> ready(Context cx) {
        return Task.pollProceed(cx) ? DONE : Poll.pending();
    }

    /**
     * Returns when this sleep completes, on the runtime's time source.
     *
     * <pre>{@code
     * Instant wakeUp = nap.deadline();
     * }</pre>
     *
     * @return the deadline
     * @throws IllegalStateException if this is a {@code Time.sleep(duration)} that was never
     *                               polled: its delay is measured from its first poll, so it has
     *                               no deadline yet
     */
    public Instant deadline() {
        TimerWheel w = wheel;
        int pos = position;
        if (pos == UNARMED_AT) {
            return ofEpochNanos(deadline);
        }
        if (pos == UNARMED) {
            throw new IllegalStateException(this + " has no deadline yet: a sleep's delay is measured from its first"
                    + " poll (use Time.sleepUntil for a fixed instant, or reset(Instant) to set one now)");
        }
        return w.clock().instant().plusNanos(deadline - w.now());
    }

    /**
     * Tells whether the deadline has passed; false for a sleep never polled (its delay has not
     * started), and false again after a {@code reset} to a later deadline.
     *
     * <pre>{@code
     * if (nap.isElapsed()) { ... }
     * }</pre>
     *
     * @return true once the deadline has passed
     */
    public boolean isElapsed() {
        int pos = position;
        if (pos == FIRED) {
            return true;
        }
        TimerWheel w = wheel;
        return pos != UNARMED && pos != UNARMED_AT && w.now() - deadline >= 0;
    }

    /**
     * Moves the deadline to {@code deadline} (Tokio's {@code Sleep::reset}), whether or not this
     * sleep has completed: it is pending again until then, and a deadline already past makes it
     * ready. If the sleep was polled, the waker of its last poll is woken at the new deadline (at
     * once if it has passed), so a task that polls the sleep inside a {@code select} does not
     * need to poll it again to see the change. Before the first poll it sets the deadline the
     * sleep will arm with.
     *
     * <pre>{@code
     * nap.reset(clock.instant().plusSeconds(5));
     * }</pre>
     *
     * @param deadline the new deadline, read on the runtime's time source
     * @throws NullPointerException if {@code deadline} is null
     */
    public void reset(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        TimerWheel w = wheel;
        if (w == null) {
            position = UNARMED_AT;
            this.deadline = epochNanos(deadline);
            return;
        }
        rearm(w, w.now() + delayUntil(w, epochNanos(deadline)));
    }

    /**
     * Moves the deadline to {@code delay} from now, read on the runtime's time source (so it works
     * the same with a {@link VirtualTimeSource}); otherwise as {@link #reset(Instant)}. Before the
     * first poll it sets the delay, measured from that poll.
     *
     * <pre>{@code
     * quiet.reset(Duration.ofMillis(100));
     * }</pre>
     *
     * @param delay the time from now to the new deadline; zero or negative means now
     * @throws NullPointerException if {@code delay} is null
     */
    public void reset(Duration delay) {
        long nanos = clamp(Time.saturatedNanos(Objects.requireNonNull(delay, "delay")));
        TimerWheel w = wheel;
        if (w == null) {
            position = UNARMED;
            deadline = nanos;
            return;
        }
        rearm(w, w.now() + nanos);
    }

    /** Takes the timer out, sets the new deadline, and registers it again for whoever polled last. */
    private void rearm(TimerWheel w, long newDeadline) {
        w.cancel(this);
        deadline = newDeadline;
        position = IDLE;
        Waiter last = waker;
        if (last != null && (w.now() - newDeadline >= 0 || !w.register(this, last))) {
            position = FIRED;
            last.wake();
        }
    }

    /** Removes the timer from the wheel. */
    @Override
    public void cancel() {
        TimerWheel w = wheel;
        if (w != null) {
            w.cancel(this);
        }
    }

    /** The timer wheel of the runtime polling {@code cx}. */
    static TimerWheel wheelOf(Context cx, Object what) {
        Scheduler s = Scheduler.of(cx);
        if (s == null) {
            throw new IllegalStateException(what + " was polled on thread '" + Thread.currentThread().getName()
                    + "' outside any Ferrite runtime, and timers need one: run it inside AsyncRuntime.blockOn or a task"
                    + " spawned on an AsyncRuntime (io.ferrite.runtime.BlockOn has no timers).");
        }
        return s.timers();
    }

    @Override
    public String toString() {
        int pos = position;
        if (pos == UNARMED) {
            return "Time.sleep(" + Duration.ofNanos(deadline) + ")";
        }
        if (pos == UNARMED_AT) {
            return "Time.sleepUntil(" + ofEpochNanos(deadline) + ")";
        }
        return pos == FIRED ? "Time.sleep(elapsed)" : "Time.sleep(pending)";
    }
}

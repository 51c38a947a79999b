package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.runtime.scheduler.TimerEntry;
import io.ferrite.runtime.scheduler.TimerWheel;

/**
 * The future of {@link Time#sleep}: a timer entry itself, so a sleeping task costs this object
 * and nothing else in the wheel. The delay is measured from the first poll.
 */
class Sleep extends TimerEntry implements Future<Void> {

    private static final Poll<Void> DONE = Poll.ready(null);
    /** Longest delay honoured (about 146 years): keeps deadline arithmetic free of overflow. */
    static final long MAX_DELAY = 1L << 62;

    /** Sleeps for {@code delayNanos} from the first poll. */
    Sleep(long delayNanos) {
        deadline = Math.min(Math.max(delayNanos, 0), MAX_DELAY);
    }

    /** The deadline to arm with at the first poll; {@link #deadline} holds the delay until then. */
    long armAt(TimerWheel w) {
        return w.now() + deadline;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        int pos = position;
        if (pos == FIRED) {
            return ready(cx);
        }
        TimerWheel w = wheel;
        if (pos == UNARMED) {
            w = wheelOf(cx, this);
            deadline = armAt(w);
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
        return pos == UNARMED ? "Time.sleep(" + java.time.Duration.ofNanos(deadline) + ")"
                : pos == FIRED ? "Time.sleep(elapsed)" : "Time.sleep(pending)";
    }

    /** {@link Time#sleepUntil}: the deadline is a wall-clock instant, read against the runtime's time source. */
    static final class Until extends Sleep {
        private final java.time.Instant target;

        Until(java.time.Instant target) {
            super(0);
            this.target = target;
        }

        @Override
        long armAt(TimerWheel w) {
            java.time.Duration left = java.time.Duration.between(w.clock().instant(), target);
            return w.now() + Math.min(Math.max(Time.saturatedNanos(left), 0), MAX_DELAY);
        }

        @Override
        public String toString() {
            return "Time.sleepUntil(" + target + ")";
        }
    }
}

package io.ferrite.time;

/**
 * What an {@link Interval} does when ticks were missed because its task was busy or late
 * (Tokio's {@code MissedTickBehavior}). A tick counts as missed when it is taken more than
 * 5 ms after it was due.
 *
 * <h2>Example</h2>
 * With a period of 10 ms starting at 0, ticks due at 10, 20, 30, ..., and the task not polling
 * from 5 ms until 35 ms:
 * <ul>
 *   <li>{@link #BURST}: ticks at 35 (for 10), 35 (for 20), 35 (for 30), then 40, 50: catches up
 *       on every missed tick at once, keeping the original schedule.</li>
 *   <li>{@link #DELAY}: ticks at 35, then 45, 55: the schedule restarts from the late tick.</li>
 *   <li>{@link #SKIP}: ticks at 35, then 40, 50: missed ticks are dropped, the original
 *       schedule is kept.</li>
 * </ul>
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofSeconds(1));
 * every.setMissedTickBehavior(MissedTickBehavior.SKIP);
 * }</pre>
 */
public enum MissedTickBehavior {

    /** Fire every missed tick as fast as possible, then continue on the original schedule (the default). */
    BURST {
        @Override
        long next(long missed, long now, long period) {
            return missed + period;
        }
    },

    /** Fire once now, and schedule the next tick one period after now. */
    DELAY {
        @Override
        long next(long missed, long now, long period) {
            return now + period;
        }
    },

    /** Fire once now, and schedule the next tick at the next multiple of the period of the original schedule. */
    SKIP {
        @Override
        long next(long missed, long now, long period) {
            return now + period - Math.floorMod(now - missed, period);
        }
    };

    /**
     * The deadline after the tick that was due at {@code missed} and is taken at {@code now}
     * (all in nanoseconds).
     */
    abstract long next(long missed, long now, long period);
}

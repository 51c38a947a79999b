package io.ferrite.time;

import java.time.Instant;

/**
 * Where a runtime reads the time: the system's monotonic clock, or a {@link VirtualTimeSource}
 * that tests advance by hand. Every timer of a runtime ({@link Time#sleep}, {@link Time#timeout},
 * {@link Time#interval}) measures time with the source the runtime was built with.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * VirtualTimeSource clock = new VirtualTimeSource();
 * try (AsyncRuntime rt = AsyncRuntime.builder().timeSource(clock).build()) {
 *     ...
 *     clock.advance(Duration.ofSeconds(5));   // fires the timers due in the next 5 s
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Both sources may be read from any thread.
 */
public abstract class TimeSource {

    /** Only the two sources of this package exist: the runtime relies on how they behave. */
    TimeSource() {
    }

    /**
     * Returns the system source: {@link System#nanoTime()} for durations and
     * {@link Instant#now()} for wall-clock deadlines. It is the default of every runtime.
     *
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.builder().timeSource(TimeSource.system()).build();
     * }</pre>
     *
     * @return the shared system source
     */
    public static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /**
     * Returns the current reading of the monotonic clock, in nanoseconds from an arbitrary
     * origin; only differences between readings mean something.
     *
     * <pre>{@code
     * long start = source.nanoTime();
     * }</pre>
     *
     * @return the time in nanoseconds
     */
    public abstract long nanoTime();

    /**
     * Returns the current wall-clock time, used to turn an {@link Instant} deadline into a
     * duration ({@link Time#sleepUntil(Instant)}) and to label {@link Interval} ticks.
     *
     * <pre>{@code
     * Instant now = source.instant();
     * }</pre>
     *
     * @return the current instant
     */
    public abstract Instant instant();

    /** The system clock. */
    private static final class SystemTimeSource extends TimeSource {
        static final SystemTimeSource INSTANCE = new SystemTimeSource();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public String toString() {
            return "TimeSource.system()";
        }
    }
}

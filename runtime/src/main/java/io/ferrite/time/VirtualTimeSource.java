package io.ferrite.time;

import io.ferrite.runtime.scheduler.TimerWheel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paused clock for tests: time stands still until {@link #advance(Duration)} moves it, and
 * then every timer that became due fires at once, in deadline order, before {@code advance}
 * returns. Tests of timeouts, intervals and sleeps become deterministic and take no real time.
 *
 * <p>With {@link #autoAdvancing()}, a {@linkplain io.ferrite.runtime.AsyncRuntime#currentThread()
 * current-thread} runtime also advances the clock by itself whenever it has nothing to run but
 * timers, jumping straight to the next deadline (Tokio's paused time): a test that sleeps for an
 * hour finishes at once. A multi-thread runtime only moves when {@code advance} is called.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * VirtualTimeSource clock = new VirtualTimeSource();
 * try (AsyncRuntime rt = AsyncRuntime.builder().timeSource(clock).build()) {
 *     JoinHandle<Void> nap = rt.spawn(Time.sleep(Duration.ofMinutes(10)));
 *     ... wait until the task has polled its sleep ...
 *     clock.advance(Duration.ofMinutes(10));   // the sleep fires; the task completes
 *     rt.blockOn(nap);
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Any thread may read and advance the clock. One source drives one runtime.
 */
public final class VirtualTimeSource extends TimeSource {

    private final AtomicLong nanos = new AtomicLong();
    private final Instant origin;
    private final boolean autoAdvance;

    /**
     * Creates a paused clock reading {@link Instant#EPOCH} that moves only by
     * {@link #advance(Duration)}.
     *
     * <pre>{@code
     * VirtualTimeSource clock = new VirtualTimeSource();
     * }</pre>
     */
    public VirtualTimeSource() {
        this(Instant.EPOCH, false);
    }

    /**
     * Creates a paused clock whose wall-clock reading starts at {@code origin}.
     *
     * <pre>{@code
     * VirtualTimeSource clock = new VirtualTimeSource(Instant.parse("2030-01-01T00:00:00Z"));
     * }</pre>
     *
     * @param origin what {@link #instant()} returns before any advance
     * @throws NullPointerException if {@code origin} is null
     */
    public VirtualTimeSource(Instant origin) {
        this(origin, false);
    }

    private VirtualTimeSource(Instant origin, boolean autoAdvance) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.autoAdvance = autoAdvance;
    }

    /**
     * Creates a paused clock that a current-thread runtime advances by itself to the next timer
     * deadline whenever it has no task to run.
     *
     * <pre>{@code
     * VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
     * try (AsyncRuntime rt = AsyncRuntime.currentThread().timeSource(clock).build()) {
     *     rt.blockOn(Time.sleep(Duration.ofHours(1)));   // returns at once; clock reads 1 h
     * }
     * }</pre>
     *
     * @return a new auto-advancing clock at {@link Instant#EPOCH}
     */
    public static VirtualTimeSource autoAdvancing() {
        return new VirtualTimeSource(Instant.EPOCH, true);
    }

    /**
     * Tells whether an idle current-thread runtime advances this clock by itself.
     *
     * @return true for a clock made by {@link #autoAdvancing()}
     */
    public boolean isAutoAdvancing() {
        return autoAdvance;
    }

    /**
     * Returns the time elapsed since creation, in nanoseconds.
     *
     * @return the virtual nanoseconds
     */
    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /**
     * Returns the origin plus the virtual time elapsed.
     *
     * @return the virtual wall-clock time
     */
    @Override
    public Instant instant() {
        return origin.plusNanos(nanos.get());
    }

    /**
     * Moves the clock forward by {@code duration} and fires, on the calling thread, every timer
     * that is now due; the tasks they wake are scheduled before this method returns (they run on
     * the runtime's workers as usual).
     *
     * <pre>{@code
     * clock.advance(Duration.ofMillis(250));
     * }</pre>
     *
     * @param duration how far to move, zero or positive
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws NullPointerException     if {@code duration} is null
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: advance(" + duration + ")");
        }
        nanos.addAndGet(Time.saturatedNanos(duration));
        TimerWheel.timeAdvanced(this);
    }

    @Override
    public String toString() {
        return "VirtualTimeSource[" + Duration.ofNanos(nanos.get()) + (autoAdvance ? ", auto-advancing]" : "]");
    }
}

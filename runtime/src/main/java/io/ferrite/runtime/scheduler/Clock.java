package io.ferrite.runtime.scheduler;

import java.lang.ref.WeakReference;
import java.time.Instant;

/**
 * The timers' view of a time source. {@code io.ferrite.time} makes one from each public
 * {@code TimeSource}, so the engine reads time without naming the public types (the packages
 * form no cycle). Internal: not part of Ferrite's API (this package is not exported).
 */
public interface Clock {

    /**
     * Now, in this clock's nanoseconds (only differences mean anything).
     *
     * @return the current reading
     */
    long nanoTime();

    /**
     * Now, as a wall-clock instant, for deadlines given as instants.
     *
     * @return the current instant
     */
    Instant instant();

    /**
     * Whether time moves only when a test advances it: then workers never park on a timeout,
     * and the wheel is fired by {@link AdvanceHook} instead.
     *
     * @return true for a virtual clock
     */
    boolean isVirtual();

    /**
     * Whether the scheduler, with nothing else to do, moves this clock to the next deadline.
     *
     * @return true for an auto-advancing virtual clock
     */
    boolean isAutoAdvancing();

    /**
     * Moves a virtual clock forward; then its hook fires the timers that became due.
     *
     * @param nanos how far, not negative
     * @throws UnsupportedOperationException if the clock is not virtual
     */
    void advance(long nanos);

    /**
     * Registers the hook the clock runs after each advance; a no-op for the system clock.
     *
     * @param hook the wheel's hook
     * @throws IllegalStateException if the clock is virtual and a live hook of another wheel is
     *                               registered (a virtual clock drives one runtime's timers)
     */
    void attach(AdvanceHook hook);

    /**
     * Removes {@code hook} if it is still the registered one, so a new runtime may use the clock.
     *
     * @param hook the hook given to {@link #attach}
     */
    void detach(AdvanceHook hook);

    /**
     * What a virtual clock calls after it moves: fires the due timers of one wheel. It holds its
     * wheel weakly, so a runtime dropped without closing does not live as long as its clock.
     */
    final class AdvanceHook {

        private final WeakReference<TimerWheel> wheel;

        AdvanceHook(TimerWheel wheel) {
            this.wheel = new WeakReference<>(wheel);
        }

        /**
         * Fires the timers that became due, on the calling thread.
         */
        public void advanced() {
            TimerWheel w = wheel.get();
            if (w != null) {
                w.fireDue(true);
            }
        }

        /**
         * Whether the wheel still exists; a dead hook may be replaced.
         *
         * @return true while the wheel is reachable
         */
        public boolean isLive() {
            return wheel.get() != null;
        }
    }
}

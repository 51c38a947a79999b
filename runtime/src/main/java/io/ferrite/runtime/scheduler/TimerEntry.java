package io.ferrite.runtime.scheduler;

/**
 * A timer in a {@link TimerWheel}: intrusive (the wheel links entries through their own fields,
 * so registering allocates nothing) and removable in constant time. Timer futures extend it.
 *
 * <p>{@code position} is written only under the wheel's lock and read without it:
 * {@link #UNARMED} (no deadline yet), {@link #IDLE} (armed, not in the wheel), a slot index
 * ({@code >= 0}, in the wheel), or {@link #FIRED}.
 */
public abstract class TimerEntry {

    /** Created; {@link #deadline} still holds the delay, measured from the first poll. */
    protected static final int UNARMED = -3;
    /** Fired by the wheel: the deadline has passed. */
    protected static final int FIRED = -2;
    /** Armed with a deadline but not in the wheel. */
    protected static final int IDLE = -1;

    /** The deadline in the time source's nanoseconds, or the delay while {@link #UNARMED}. */
    protected long deadline;
    /** See the class comment. */
    protected volatile int position = UNARMED;
    /** What to wake when the entry fires; written by the poller before it registers. */
    protected volatile Waiter waker;
    /** The wheel the entry was armed on, or null before. */
    protected TimerWheel wheel;
    TimerEntry prev;
    TimerEntry next;

    /** For timer futures. */
    protected TimerEntry() {
    }
}

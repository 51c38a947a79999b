package io.ferrite.runtime.scheduler;

/**
 * A timer in a {@link TimerWheel}: intrusive (the wheel links entries through their own fields,
 * so registering allocates nothing) and removable in constant time. Timer futures extend it.
 *
 * <p>{@code position} is written only under the wheel's lock and read without it:
 * {@link #UNARMED} or {@link #UNARMED_AT} (no deadline on the wheel's clock yet), {@link #IDLE}
 * (armed, not in the wheel), a slot index ({@code >= 0}, in the wheel), or {@link #FIRED}.
 */
public abstract class TimerEntry {

    /** Created; {@link #deadline} still holds the delay, measured from the first poll. */
    protected static final int UNARMED = -3;
    /**
     * Created with a wall-clock deadline; {@link #deadline} still holds it, in nanoseconds since
     * the epoch, to be read against the wheel's clock at the first poll (no field of its own, so
     * a sleeping task costs no more).
     */
    protected static final int UNARMED_AT = -4;
    /** Fired by the wheel: the deadline has passed. */
    protected static final int FIRED = -2;
    /** Armed with a deadline but not in the wheel. */
    protected static final int IDLE = -1;

    /**
     * The deadline in the time source's nanoseconds; the delay while {@link #UNARMED}; the
     * wall-clock deadline in epoch nanoseconds while {@link #UNARMED_AT}.
     */
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

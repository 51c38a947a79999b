package io.ferrite.runtime.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a thread that is not a worker carries while it polls on a runtime's behalf: inside
 * {@code blockOn}, while a {@code LocalSet} runs its tasks, or while shutdown cancels tasks.
 * It names the runtime (for {@code Task.spawn} and the timers), the waiter whose poll is running
 * (which answers for the foreign wakers it registers, see {@link Scheduler#waiterFor}), and that
 * poll's cooperative budget. Workers keep the same three things in their own fields.
 *
 * <p>Frames nest (a {@code LocalSet} polled inside {@code blockOn}); each thread sees only its
 * own, so the fields need no synchronisation.
 */
final class PollFrame {

    private static final ThreadLocal<PollFrame> CURRENT = new ThreadLocal<>();
    /**
     * How many threads have a frame, in any runtime. While it is zero no thread can be inside
     * {@code blockOn}, so a poll outside every runtime (a foreign executor, a test's manual
     * waker) skips the thread-local lookup, which would cost more than the ready path of a lock
     * or a channel. A thread raises it before setting its own frame, so it always sees a count
     * of at least one while it has one.
     */
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The runtime; null for a {@code LocalSet} run outside any runtime. */
    final Scheduler scheduler;
    private final PollFrame previous;
    /** The waiter whose poll runs now on this thread (no worker is polling), or null. */
    Waiter current;
    /** Whether {@link #budget} counts: only while a poll runs. */
    boolean polling;
    int budget;

    private PollFrame(Scheduler scheduler, PollFrame previous, Waiter current) {
        this.scheduler = scheduler;
        this.previous = previous;
        this.current = current;
    }

    /** The calling thread's frame, or null. */
    static PollFrame get() {
        return THREADS.get() == 0 ? null : CURRENT.get();
    }

    /** Gives the calling thread a new frame for {@code scheduler}, on top of the one it had. */
    static PollFrame enter(Scheduler scheduler, Waiter current) {
        PollFrame previous = get();
        if (previous == null) {
            THREADS.incrementAndGet();
        }
        PollFrame f = new PollFrame(scheduler, previous, current);
        CURRENT.set(f);
        return f;
    }

    /** Restores the frame this one was entered on top of. */
    void exit() {
        if (previous != null) {
            CURRENT.set(previous);
        } else {
            CURRENT.remove();
            THREADS.decrementAndGet();
        }
    }

    /** Starts a budgeted poll; returns the state to hand to {@link #endPoll}. */
    long beginPoll() {
        long saved = save();
        polling = true;
        budget = Worker.BUDGET;
        return saved;
    }

    void endPoll(long saved) {
        polling = (saved & (1L << 32)) != 0;
        budget = (int) saved;
    }

    private long save() {
        return (polling ? 1L << 32 : 0) | (budget & 0xFFFF_FFFFL);
    }
}

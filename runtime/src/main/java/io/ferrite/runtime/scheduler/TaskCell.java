package io.ferrite.runtime.scheduler;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every task is: one object that is the task's {@link Context}, its {@link Waker} and its
 * {@link JoinHandle}, so spawning allocates only this object and waking allocates nothing.
 *
 * <p>Its whole lifecycle is one {@code int} of state bits, changed only by atomic
 * read-modify-writes; the invariants are stated next to each constant. The {@code slot} holds
 * the work (a future or a callable) until {@link #COMPLETE}, and the outcome after it: the
 * ready {@link Poll} the future returned (so joining allocates nothing), or a {@link Failure}.
 *
 * @param <T> the type of the task's result
 */
public abstract class TaskCell<T> extends Context implements Waker, JoinHandle<T> {

    /**
     * A thread is polling (or running) the task. Set only by the thread that took the task out
     * of a queue while {@link #NOTIFIED}, cleared by that thread; never set together with
     * {@link #COMPLETE}.
     */
    static final int RUNNING = 1;
    /**
     * Terminal: the outcome is in {@code slot}, written before this bit (so reading it after
     * seeing the bit is safe). No bit changes after it except {@link #JOIN_WAKER} and
     * {@link #NOTIFIED}, which then mean nothing.
     */
    static final int COMPLETE = 2;
    /**
     * The task is owed one run. Set by a wake: if the task was idle, the waker that set it
     * pushes it to exactly one queue; if it was {@link #RUNNING}, the running thread re-queues
     * it after the poll. While it is set further wakes do nothing, so a task is queued at most
     * once however often it is woken.
     */
    static final int NOTIFIED = 4;
    /**
     * {@link #abort()} was called. Whoever next runs the task cancels its future instead of
     * polling it; set with {@link #NOTIFIED} so that happens.
     */
    static final int CANCELLED = 8;
    /**
     * {@code joinWaker} holds the waker of the task awaiting the handle, and completion must
     * wake it. Set and cleared only by the awaiting side while not {@link #COMPLETE}; the
     * completing side reads {@code joinWaker} only if its completing write saw this bit.
     */
    static final int JOIN_WAKER = 16;
    /**
     * The task is in a worker's registry, where shutdown finds suspended tasks (queued ones are
     * found in the queues). Set once, by the worker that first sees the task suspend, in the same
     * atomic step that clears {@link #RUNNING}; tasks that finish in their first poll never
     * register.
     */
    static final int REGISTERED = 32;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskCell.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The state bits above. */
    volatile int state;
    /** The work until {@link #COMPLETE}; the outcome after it. */
    Object slot;
    /** See {@link #JOIN_WAKER}. */
    private Waker joinWaker;
    /** The scheduler that runs the task. */
    final Scheduler scheduler;

    TaskCell(Scheduler scheduler, Object work) {
        this.scheduler = scheduler;
        this.slot = work;
        this.state = NOTIFIED;  // born scheduled: the spawner queues it once
    }

    // ------------------------------------------------------------------ state transitions

    final int getAndAddState(int delta) {
        return (int) STATE.getAndAdd(this, delta);
    }

    final boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update);
    }

    /**
     * Stores the outcome and sets {@link #COMPLETE} (clearing {@link #RUNNING}), then wakes the
     * awaiting task, if any.
     *
     * @return false if the task had already completed (the outcome is left as it was)
     */
    final boolean complete(Object outcome) {
        int s;
        do {
            s = state;
            if ((s & COMPLETE) != 0) {
                return false;
            }
            slot = outcome;  // published by the CAS below
        } while (!casState(s, (s | COMPLETE) & ~RUNNING));
        if ((s & JOIN_WAKER) != 0) {
            Waker w = joinWaker;
            joinWaker = null;
            w.wake();
        }
        return true;
    }

    /** Completes the task as cancelled without running it (shutdown, rejected spawn). */
    final boolean completeCancelled(String why) {
        return complete(new Failure(new Cancelled(this + " " + why), describeWork()));
    }

    /**
     * Completes the task with {@code error} thrown by its work. Anything but {@link Cancelled}
     * is reported first, as Tokio's panic hook runs before the join handle completes: the handler
     * sees the task named after its work, and whoever awaits the handle sees the failure only
     * after it was reported.
     */
    final void completeFailed(Throwable error) {
        String work = describeWork();
        if (!(error instanceof Cancelled)) {
            scheduler.reportFailure(this, error);
        }
        complete(new Failure(error, work));
    }

    // ------------------------------------------------------------------ JoinHandle

    @Override
    public final Poll<T> poll(Context cx) {
        if ((state & COMPLETE) == 0 && registerJoinWaker(cx.waker())) {
            return Poll.pending();
        }
        if (!Task.pollProceed(cx)) {
            return Poll.pending();
        }
        return outcome();
    }

    /** Returns the outcome of a completed task as a poll, or throws its failure. */
    @SuppressWarnings("unchecked")
    final Poll<T> outcome() {
        Object o = slot;
        if (o instanceof Failure f) {
            throw AsyncSupport.sneaky(f.error);
        }
        return (Poll<T>) o;
    }

    /**
     * Makes {@code w} the waker to call on completion.
     *
     * @return false if the task completed first (the caller reads the outcome instead)
     */
    final boolean registerJoinWaker(Waker w) {
        int s = state;
        if ((s & JOIN_WAKER) != 0) {
            if (joinWaker == w) {
                return true;
            }
            // Take the old waker back before replacing it, so completion never reads a torn pair.
            do {
                s = state;
                if ((s & COMPLETE) != 0) {
                    return false;
                }
            } while (!casState(s, s & ~JOIN_WAKER));
        }
        joinWaker = w;
        do {
            s = state;
            if ((s & COMPLETE) != 0) {
                joinWaker = null;
                return false;
            }
        } while (!casState(s, s | JOIN_WAKER));
        return true;
    }

    @Override
    public final void cancel() {
        int s;
        do {
            s = state;
            if ((s & COMPLETE) != 0 || (s & JOIN_WAKER) == 0) {
                return;
            }
        } while (!casState(s, s & ~JOIN_WAKER));
        joinWaker = null;
    }

    @Override
    public final boolean isFinished() {
        return (state & COMPLETE) != 0;
    }

    @Override
    public void abort() {
        int s;
        do {
            s = state;
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return;
            }
        } while (!casState(s, s | CANCELLED | NOTIFIED));
        if ((s & (RUNNING | NOTIFIED)) == 0) {
            scheduleAfterNotify();
        }
    }

    /** Queues the task after this thread set {@link #NOTIFIED} on an idle task. */
    abstract void scheduleAfterNotify();

    /**
     * Describes the work for messages and {@code toString}: the future (or callable) while the
     * task lives, and still after it failed, since the failure keeps the description.
     */
    final String describeWork() {
        boolean complete = (state & COMPLETE) != 0;
        Object o = slot;
        if (!complete && o != null) {
            return describe(o);
        }
        if (o instanceof Failure f && f.work != null) {
            return f.work;
        }
        return describe(null);
    }

    /** Describes {@code work}, or the task by identity when {@code work} is null (gone). */
    abstract String describe(Object work);

    @Override
    public String toString() {
        int s = state;
        String what = (s & COMPLETE) != 0 ? "finished"
                : (s & RUNNING) != 0 ? "running"
                : (s & NOTIFIED) != 0 ? "scheduled" : "idle";
        return "task " + describeWork() + " [" + what + ((s & CANCELLED) != 0 ? ", aborted" : "") + "]";
    }

    /** An exception outcome, told apart from values by its type, which no user code can create. */
    static final class Failure {
        final Throwable error;
        /** The description of the work that failed, since the outcome replaces the work. */
        final String work;

        Failure(Throwable error, String work) {
            this.error = error;
            this.work = work;
        }
    }
}

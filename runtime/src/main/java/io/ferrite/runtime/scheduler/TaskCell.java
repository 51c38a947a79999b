package io.ferrite.runtime.scheduler;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncStateMachine;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every task is: one object that is the task's {@link Context}, its {@link Waker} and its
 * {@link JoinHandle}, so spawning allocates only this object and waking allocates nothing.
 *
 * <p>Its whole lifecycle is one {@code int} of state bits, changed only by atomic
 * read-modify-writes; the invariants are stated next to each constant. The {@code slot} holds
 * the work (a future or a callable) until {@link #COMPLETE}, and the outcome after it: the
 * ready {@link Poll} the future returned (so joining allocates nothing), or a {@link Failure}.
 *
 * <h2>Awaiters</h2>
 * Any number of parties may await the handle at once (Kotlin's {@code Deferred}, not Tokio's
 * single-owner {@code JoinHandle}): a Java handle is a value that gets shared, and a second
 * awaiter that silently never wakes is the worst outcome. Each awaiting party (a task, a
 * {@code blockOn} call, a {@code CompletableFuture} from {@code toCompletableFuture}) keeps one
 * registration: polling again replaces its own waker, as the {@code Future} contract says, and
 * never another party's. {@code waiters} holds them: one waiter, or an array copied on every change
 * and swapped in by CAS, so registering costs one CAS, as a single-awaiter handle would.
 *
 * @param <T> the type of the task's result
 */
public abstract class TaskCell<T> extends Context implements Waiter, JoinHandle<T> {

    /**
     * A thread is polling (or running, or cancelling) the task. Set only by the thread that took
     * the task out of a queue while {@link #NOTIFIED}, or by the shutdown sweep that claimed an
     * idle task; cleared by that thread; never set together with {@link #COMPLETE}.
     */
    static final int RUNNING = 1;
    /**
     * Terminal: the outcome is in {@code slot}, written before this bit (so reading it after
     * seeing the bit is safe). No flag changes after it except {@link #NOTIFIED}, which then
     * means nothing (the index bits may, while the task leaves its registry).
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
     * {@link #abort()} was called (or a waker registered by the task threw). Whoever next runs
     * the task cancels its future instead of polling it; set with {@link #NOTIFIED} so that
     * happens.
     */
    static final int CANCELLED = 8;
    /**
     * The task entered a registry, where shutdown finds suspended tasks (queued ones are found
     * in the queues): a worker's, set once by the worker that first sees the task suspend, in the
     * same atomic step that clears {@link #RUNNING} (tasks that finish in their first poll never
     * register), or its {@code LocalSet}'s, set at spawn. Its position there is in the bits from
     * {@link #INDEX_SHIFT} up.
     */
    static final int REGISTERED = 16;
    /**
     * The task failed and the failure is being reported, before the outcome is stored: the
     * failure handler sees the task as failed, not as running.
     */
    static final int FAILED = 32;

    /**
     * The bits from here up hold the task's index in its registry (which registry, and where in
     * it; see {@link TaskRegistry}), so a task needs no field for it. Written only by the
     * registry, under its lock, by CAS; every other change of the state is a flag below this bit,
     * by CAS or by an addition that cannot carry out of the flags.
     */
    static final int INDEX_SHIFT = 6;
    /** How many bits the index has. */
    static final int INDEX_BITS = 32 - INDEX_SHIFT;
    private static final int FLAGS = (1 << INDEX_SHIFT) - 1;

    /** {@link #claim()}: the caller now holds {@link #RUNNING}. */
    static final int CLAIMED = 0;
    /** {@link #claim()}: the task had completed. */
    static final int FINISHED = 1;
    /** {@link #claim()}: another thread is running the task. */
    static final int BUSY = 2;

    private static final VarHandle STATE;
    private static final VarHandle WAITERS;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskCell.class, "state", int.class);
            WAITERS = MethodHandles.lookup().findVarHandle(TaskCell.class, "waiters", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The failures that wakers registered by tasks threw, until the task fails with it (see
     * {@link #wakeFailed}): rare enough for a shared map, so tasks need no field for it.
     */
    private static final Map<TaskCell<?>, Throwable> WAKE_FAILURES = new ConcurrentHashMap<>();

    /** The state bits above. */
    volatile int state;
    /** The work until {@link #COMPLETE}; the outcome after it. */
    Object slot;
    /**
     * The awaiters: null, one {@link Waiter}, or a {@code Waiter[]} never changed once published
     * (a change publishes a copy). Registrations swap it by CAS and then check {@link #COMPLETE};
     * completion sets {@link #COMPLETE} and then takes it. Each side does its write before its
     * read, so at least one sees the other: a registration either is taken by completion or sees
     * the task complete (and withdraws). Nothing else is needed to lose no waiter.
     */
    private volatile Object waiters;
    /**
     * The scheduler that runs the task; null for a {@code LocalSet}'s task, which uses the
     * runtime polling it.
     */
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
     * Takes a task that was woken ({@link #NOTIFIED}) out of its queue for a run: swaps that bit
     * for {@link #RUNNING}.
     *
     * @return the state before, or -1 if the task is not to be run (it completed, or the
     *         shutdown sweep claimed it, while it sat in the queue)
     */
    final int startRun() {
        int s;
        do {
            s = state;
            if ((s & (COMPLETE | RUNNING)) != 0) {
                return -1;
            }
        } while (!casState(s, s + RUNNING - NOTIFIED));
        return s;
    }

    /** Replaces the index bits; only the task's registry calls it, under its lock. */
    final void setIndexBits(int index) {
        int s;
        do {
            s = state;
        } while (!casState(s, (s & FLAGS) | (index << INDEX_SHIFT)));
    }

    /**
     * Records a wake: sets {@link #NOTIFIED} unless it is set or the task completed.
     *
     * @return true if the caller must queue the task (it was idle); false if the wake changes
     *         nothing, or the running thread re-queues the task after its poll
     */
    final boolean notifyWake() {
        int s;
        do {
            s = state;
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return false;
            }
        } while (!casState(s, s | NOTIFIED));
        return (s & RUNNING) == 0;
    }

    /** Sets {@link #RUNNING} on a task nobody runs, for the shutdown sweep. */
    final int claim() {
        int s;
        do {
            s = state;
            if ((s & COMPLETE) != 0) {
                return FINISHED;
            }
            if ((s & RUNNING) != 0) {
                return BUSY;
            }
        } while (!casState(s, s | RUNNING));
        return CLAIMED;
    }

    /**
     * Stores the outcome and sets {@link #COMPLETE} (clearing {@link #RUNNING}), leaves the
     * registry, then wakes every awaiter.
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
        if ((s & (REGISTERED | CANCELLED)) != 0) {
            leave(s);
        }
        Object w = waiters;   // read after COMPLETE is set: see the field's comment
        if (w != null) {
            WAITERS.setOpaque(this, (Object) null);
            wakeAll(w);
        }
        return true;
    }

    /** After completing: leaves the registry and forgets a waker's failure left for the task. */
    private void leave(int s) {
        if ((s & REGISTERED) != 0) {
            registry(s).remove(this);
        }
        if ((s & CANCELLED) != 0) {
            WAKE_FAILURES.remove(this);
        }
    }

    private static void wakeAll(Object w) {
        if (w instanceof Waiter one) {
            wakeSafely(one);
        } else {
            for (Waiter one : (Waiter[]) w) {
                if (one != null) {
                    wakeSafely(one);
                }
            }
        }
    }

    /** Wakes {@code w}; a throwing waiter fails itself, never the completing thread. */
    static void wakeSafely(Waiter w) {
        try {
            w.wake();
        } catch (Throwable error) {
            w.wakeFailed(error);
        }
    }

    /**
     * Polls the future once, as the holder of {@link #RUNNING}, and completes the task if the
     * poll finished it: ready, threw, or broke the contract by returning null. Never throws.
     *
     * @param worker the worker whose counter counts completions, or null
     * @return true if the task completed
     */
    @SuppressWarnings("unchecked")
    final boolean pollWork(Worker worker) {
        Future<T> future = (Future<T>) slot;
        Poll<T> poll;
        try {
            poll = future.poll(this);
            if (poll == null) {
                throw new NullPointerException(describeWork() + ".poll returned null: a future returns"
                        + " Poll.pending() (after arranging for its waker to be called) or Poll.ready(value)");
            }
        } catch (Throwable failure) {
            if (worker != null) {
                worker.taskCompleted();
            }
            completeFailed(failure);
            return true;
        }
        if (poll.isReady()) {
            if (worker != null) {
                worker.taskCompleted();
            }
            complete(poll);
            return true;
        }
        return false;
    }

    /**
     * Cancels the future (its {@code finally} blocks run here) and completes the task with
     * {@link Cancelled}, or with the failure a throwing waker left for it. The caller holds
     * {@link #RUNNING}. An exception other than {@code Cancelled} thrown while unwinding is
     * reported (before the handle completes), not lost.
     */
    final void cancelWork(String why) {
        Future<?> future = (Future<?>) slot;
        Throwable unwinding = null;
        try {
            future.cancel();
        } catch (Cancelled expected) {
            // The body unwound to the top.
        } catch (Throwable t) {
            unwinding = t;
        }
        Throwable wakeFailure = takeWakeFailure();
        if (wakeFailure != null) {
            if (unwinding != null) {
                wakeFailure.addSuppressed(unwinding);
            }
            completeFailed(wakeFailure);
            return;
        }
        String name = describeWork();
        if (unwinding != null) {
            reportFailure(unwinding);   // before the handle completes, as a failure is
        }
        complete(new Failure(new Cancelled("task " + name + " " + why), name));
    }

    /** Completes the task as cancelled without running it (shutdown, rejected spawn). */
    final boolean completeCancelled(String why) {
        return complete(new Failure(new Cancelled(this + " " + why), describeWork()));
    }

    /**
     * Completes the task with {@code error} thrown by its work. Anything but {@link Cancelled}
     * is reported first, as Tokio's panic hook runs before the join handle completes: the handler
     * sees the task named after its work and marked failed, and whoever awaits the handle sees
     * the failure only after it was reported.
     */
    final void completeFailed(Throwable error) {
        String work = describeWork();
        if (!(error instanceof Cancelled)) {
            getAndAddState(FAILED);
            reportFailure(error);
        }
        complete(new Failure(error, work));
    }

    /** Hands a failure of this task to its runtime's handler. */
    void reportFailure(Throwable error) {
        scheduler.reportFailure(this, error);
    }

    /**
     * A waker registered by this task threw: the task fails with that exception. Like an abort,
     * the next run cancels the future (its {@code finally} blocks run) and then completes the task
     * with the failure, which is reported.
     */
    @Override
    public void wakeFailed(Throwable error) {
        WAKE_FAILURES.put(this, error);
        int s;
        do {
            s = state;
            if ((s & COMPLETE) != 0) {
                WAKE_FAILURES.remove(this);
                reportFailure(error);   // too late to fail the task: at least say so
                return;
            }
        } while (!casState(s, s | CANCELLED | NOTIFIED));
        if ((s & (RUNNING | NOTIFIED)) == 0) {
            scheduleAfterNotify();
        }
    }

    /** The failure a throwing waker left for this task, taken; null if it was only aborted. */
    final Throwable takeWakeFailure() {
        return WAKE_FAILURES.isEmpty() ? null : WAKE_FAILURES.remove(this);
    }

    // ------------------------------------------------------------------ JoinHandle

    @Override
    public final Poll<T> poll(Context cx) {
        if ((state & COMPLETE) == 0 && addWaiter(registrationFor(cx.waker()))) {
            return Poll.pending();
        }
        if (!Task.pollProceed(cx)) {
            return Poll.pending();
        }
        return outcome();
    }

    /**
     * The waiter to register for {@code waker}: itself if the runtime made it, else the wrapper
     * this party registered for it last time (so re-polling allocates nothing), else a new one.
     */
    private Waiter registrationFor(Waker waker) {
        if (waker instanceof Waiter w) {
            return w;
        }
        Object current = waiters;   // only a hint: checked below
        ForeignWaker found = null;
        if (current instanceof ForeignWaker f && f.waker == waker) {
            found = f;
        } else if (current instanceof Waiter[] a) {
            for (Waiter e : a) {
                if (e instanceof ForeignWaker f && f.waker == waker) {
                    found = f;
                    break;
                }
            }
        }
        if (found != null && found.key == Scheduler.currentAwaiterKey()) {
            return found;
        }
        return Scheduler.waiterFor(waker, null);
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
     * Registers {@code w} to be woken on completion, replacing the registration of the same
     * awaiting party.
     *
     * @return false if the task completed first (the caller reads the outcome instead)
     */
    final boolean addWaiter(Waiter w) {
        Object key = keyOf(w);
        while (true) {
            Object current = waiters;
            Object next = current == null ? w : current == w ? w : withWaiter(current, w, key);
            if (next == current || WAITERS.compareAndSet(this, current, next)) {
                break;
            }
        }
        if ((state & COMPLETE) != 0) {
            removeWaiter(key);   // too late: completion may not have seen it; take it back
            return false;
        }
        return true;
    }

    /**
     * The waiters {@code current} with {@code w} in place of the entry of {@code key} (or added),
     * as a new array; {@code current} itself if {@code w} is in it already. Entries of finished
     * tasks are dropped on the way.
     */
    private static Object withWaiter(Object current, Waiter w, Object key) {
        if (current instanceof Waiter one) {
            return keyOf(one) == key || isStale(one) ? w : new Waiter[] {one, w};
        }
        Waiter[] a = (Waiter[]) current;
        int n = 0;
        for (Waiter e : a) {
            if (e == w) {
                return current;
            }
            if (keyOf(e) != key && !isStale(e)) {
                n++;
            }
        }
        Waiter[] b = new Waiter[n + 1];
        int i = 0;
        for (Waiter e : a) {
            if (keyOf(e) != key && !isStale(e)) {
                b[i++] = e;
            }
        }
        b[n] = w;
        return n == 0 ? w : b;
    }

    /** An entry whose awaiting task has finished: it awaits nothing any more. */
    private static boolean isStale(Waiter e) {
        return keyOf(e) instanceof TaskCell<?> t && t.isFinished();
    }

    /** The awaiting party a registration stands for. */
    static Object keyOf(Waiter w) {
        return w instanceof ForeignWaker f ? f.key : w;
    }

    /**
     * Detaches the calling party (the task or {@code blockOn} call polling now, else the calling
     * thread): the waker it registered is forgotten. Others awaiting the handle stay.
     */
    @Override
    public final void cancel() {
        removeWaiter(Scheduler.currentAwaiterKey());
    }

    /**
     * Forgets the registration of {@code key}'s party, if any. Internal: a {@code JoinSet}
     * detaching its own entry.
     *
     * @param key the waiter that registered itself
     */
    public final void removeWaiter(Object key) {
        while (true) {
            Object current = waiters;
            Object next;
            if (current == null) {
                return;
            } else if (current instanceof Waiter one) {
                if (keyOf(one) != key) {
                    return;
                }
                next = null;
            } else {
                Waiter[] a = (Waiter[]) current;
                int n = 0;
                for (Waiter e : a) {
                    if (keyOf(e) != key) {
                        n++;
                    }
                }
                if (n == a.length) {
                    return;
                }
                Waiter[] b = new Waiter[n];
                int i = 0;
                for (Waiter e : a) {
                    if (keyOf(e) != key) {
                        b[i++] = e;
                    }
                }
                next = n == 0 ? null : n == 1 ? b[0] : b;
            }
            if (WAITERS.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    /**
     * Tells whether a task, a {@code blockOn} call or a {@code CompletableFuture} is waiting for
     * this task's outcome right now.
     */
    @Override
    public final boolean isAwaited() {
        return waiters != null && (state & COMPLETE) == 0;
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
     * The registry the task entered (it may have left it since); called only once
     * {@link #REGISTERED} is set.
     *
     * @param s the task's state
     */
    abstract TaskRegistry registry(int s);

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

    /**
     * Names a piece of work without ever failing: a generated state machine by its class (the
     * task's own state says the rest), anything else by its {@code toString}, and by its class
     * if that throws.
     */
    static String nameOf(Object work) {
        if (work instanceof AsyncStateMachine<?>) {
            return work.getClass().getName();
        }
        return Scheduler.describeSafely(work);
    }

    @Override
    public String toString() {
        int s = state;
        String what;
        if ((s & COMPLETE) != 0) {
            what = slot instanceof Failure f ? (f.error instanceof Cancelled ? "cancelled" : "failed") : "finished";
        } else if ((s & FAILED) != 0) {
            what = "failed";
        } else {
            what = (s & RUNNING) != 0 ? "running" : (s & NOTIFIED) != 0 ? "scheduled" : "idle";
            if ((s & CANCELLED) != 0) {
                what += ", aborted";
            }
        }
        return "task " + describeWork() + " [" + what + "]";
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

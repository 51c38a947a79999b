package io.ferrite.runtime.scheduler;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.runtime.JoinHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * The engine of {@code LocalSet}: tasks pinned to the one thread that drives the set. Internal:
 * not part of Ferrite's API.
 *
 * <p>Woken tasks wait in a queue that any thread may add to; the driving thread takes them out
 * and polls them, a batch at a time, each with a budget of its own, then yields to whatever
 * drives it (as a worker checks its injection queue every {@link #MAX_TICKS} polls). Every task
 * not finished is in a {@link TaskRegistry}, so closing the set finds and cancels them all.
 *
 * <p>The driving thread is fixed by the first poll: a worker of a multi-thread runtime is
 * refused outright (the task polling the set may move to another worker at its next poll), and
 * any other thread than the first is refused later.
 */
public final class LocalScheduler {

    /** The set being polled on this thread, for {@code Task.spawnLocal}. */
    private static final ThreadLocal<LocalScheduler> RUNNING = new ThreadLocal<>();
    /** Task polls per poll of the set before it lets its driver run other work. */
    static final int MAX_TICKS = Worker.MAINTENANCE_INTERVAL;

    private final ConcurrentLinkedQueue<LocalTask<?>> queue = new ConcurrentLinkedQueue<>();
    final TaskRegistry tasks = new TaskRegistry(0, 0);
    private final BiConsumer<? super JoinHandle<?>, ? super Throwable> withoutRuntime;
    private final Object owner;
    /** The waiter of the last poll of the set, woken when a task is queued. */
    private volatile Waiter driver;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * Creates an empty set. Internal.
     *
     * @param owner          the façade, named in messages
     * @param withoutRuntime where failures go when no runtime polls the set
     */
    public LocalScheduler(Object owner, BiConsumer<? super JoinHandle<?>, ? super Throwable> withoutRuntime) {
        this.owner = owner;
        this.withoutRuntime = withoutRuntime;
    }

    /**
     * The set being polled on the calling thread.
     *
     * @return the set, or null
     */
    public static LocalScheduler current() {
        return RUNNING.get();
    }

    /**
     * Spawns {@code future} as a task of this set.
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return its handle
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "spawnLocal(null): pass the future to run as a task");
        LocalTask<T> task = new LocalTask<>(this, future);
        tasks.add(task);
        task.getAndAddState(TaskCell.REGISTERED);
        if (closed) {   // read after adding: close() either finds the task or is seen here
            if (task.claim() == TaskCell.CLAIMED) {
                task.cancelClaimed("was spawned after " + owner + " was closed");
            }
            return task;
        }
        enqueue(task);
        return task;
    }

    void enqueue(LocalTask<?> task) {
        queue.add(task);
        Waiter d = driver;
        if (d != null) {
            d.wake();
        }
    }

    /**
     * Enters the set on the calling thread for one poll: checks that this is the set's thread,
     * remembers {@code cx}'s waker for tasks woken later, and makes the set current.
     *
     * @param cx the context of the poll that drives the set
     * @return what {@link #exit} restores
     * @throws IllegalStateException on a worker of a multi-thread runtime, or on another thread
     *                               than the one that drove the set first
     */
    public Object enter(Context cx) {
        Thread me = Thread.currentThread();
        Thread pinned = thread;
        if (pinned == null) {
            if (me instanceof WorkerThread wt && wt.scheduler.isMultiThread()) {
                throw new IllegalStateException(owner + " was polled by a task on worker thread '" + me.getName()
                        + "' of the multi-thread runtime '" + wt.scheduler.name() + "', and that task may move to"
                        + " another worker at its next poll, while a LocalSet runs its tasks on one thread: drive"
                        + " it from a thread of your own with runtime.blockOn(localSet.runUntil(...)), or from a"
                        + " task of a current-thread runtime");
            }
            thread = me;
        } else if (pinned != me) {
            throw new IllegalStateException(owner + " runs its tasks on thread '" + pinned.getName() + "', which"
                    + " drove it first, and was polled on thread '" + me.getName() + "': a LocalSet is pinned to"
                    + " one thread; drive it from that thread only");
        }
        driver = Scheduler.waiterFor(cx.waker(), driver);
        LocalScheduler previous = RUNNING.get();
        RUNNING.set(this);
        return previous;
    }

    /**
     * Leaves the set after a poll {@link #enter} began.
     *
     * @param token what {@code enter} returned
     */
    public void exit(Object token) {
        if (token == null) {
            RUNNING.remove();
        } else {
            RUNNING.set((LocalScheduler) token);
        }
    }

    /**
     * Polls up to {@link #MAX_TICKS} queued tasks on the calling thread, which is inside
     * {@link #enter}.
     *
     * @return true if tasks are still queued (the caller should wake its waker and yield)
     */
    public boolean tick() {
        for (int i = 0; i < MAX_TICKS; i++) {
            LocalTask<?> t = queue.poll();
            if (t == null) {
                return false;
            }
            t.run();
        }
        return !queue.isEmpty();
    }

    /**
     * Tells how many tasks have not finished.
     *
     * @return the number of live tasks
     */
    public int size() {
        return tasks.size();
    }

    /**
     * Cancels every task of the set on the calling thread (their {@code finally} blocks run
     * here); tasks spawned after it are cancelled at once.
     */
    public void close() {
        closed = true;
        TaskCell<?> t;
        while ((t = tasks.claimForShutdown()) != null) {
            ((LocalTask<?>) t).cancelClaimed("was cancelled because " + owner + " was closed");
        }
        queue.clear();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    void reportFailure(LocalTask<?> task, Throwable error) {
        Scheduler s = Scheduler.current();
        if (s != null) {
            s.reportFailure(task, error);
            return;
        }
        try {
            withoutRuntime.accept(task, error);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(error);
            handlerFailure.printStackTrace();
        }
    }
}

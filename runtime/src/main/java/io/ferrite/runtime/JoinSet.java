package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.runtime.scheduler.TaskCell;
import io.ferrite.runtime.scheduler.Waiter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A set of spawned tasks whose results are taken in the order the tasks finish (Tokio's
 * {@code JoinSet}). Closing the set aborts the tasks still in it, so a scope that spawns work
 * into a set cannot leak it.
 *
 * <p>{@link #spawn(Future)} starts a task on the current runtime; {@link #joinNext()} waits for
 * whichever task finishes next and completes with its value, rethrows its exception, or throws
 * {@link Cancelled} for an aborted task. Each task leaves the set when it is joined.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> fastestTotal(List<Shard> shards) {
 *     try (JoinSet<Integer> set = new JoinSet<>()) {
 *         for (Shard s : shards) {
 *             set.spawn(s.count());
 *         }
 *         int total = 0;
 *         while (!set.isEmpty()) {
 *             total += await(set.joinNext());      // in finishing order
 *         }
 *         return Future.ready(total);
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a {@code joinNext()} future loses no result: the finished task stays in the set for
 * the next {@code joinNext()}. {@link #close()} and {@link #abortAll()} abort the tasks, whose
 * {@code finally} blocks then run on the runtime's workers; {@link #detachAll()} lets them run
 * on without the set.
 *
 * <h2>Thread safety</h2>
 * Owned by one task at a time: spawn, join and close from the same task. Tasks may finish on
 * any thread.
 *
 * @param <T> the tasks' result type
 */
public final class JoinSet<T> implements AutoCloseable {

    private final Set<Entry<T>> live = new HashSet<>();
    private final ConcurrentLinkedDeque<Entry<T>> finished = new ConcurrentLinkedDeque<>();
    /** The waiter of the last {@code joinNext()} poll; it never lets a waker's exception out. */
    private volatile Waiter waker;

    /**
     * Creates an empty set.
     *
     * <pre>{@code
     * JoinSet<String> set = new JoinSet<>();
     * }</pre>
     */
    public JoinSet() {
    }

    /**
     * Spawns {@code future} on the current runtime (as {@link Task#spawn}) into this set.
     *
     * <pre>{@code
     * set.spawn(fetch(url));
     * }</pre>
     *
     * @param future the task's future
     * @return the task's handle, for {@link JoinHandle#abort()} and
     *         {@link JoinHandle#isFinished()}; take its result through {@link #joinNext()},
     *         not by awaiting the handle
     * @throws IllegalStateException if the calling thread belongs to no runtime
     * @throws NullPointerException  if {@code future} is null
     */
    public JoinHandle<T> spawn(Future<? extends T> future) {
        @SuppressWarnings("unchecked")
        JoinHandle<T> handle = (JoinHandle<T>) Task.spawn(future);
        Entry<T> entry = new Entry<>(this, handle);
        live.add(entry);
        entry.watch();
        return handle;
    }

    /**
     * Returns a future of the next task to finish: its value, or its exception rethrown
     * ({@link Cancelled} if it was aborted). The task leaves the set.
     *
     * <pre>{@code
     * String first = await(set.joinNext());
     * }</pre>
     *
     * @return a single-use future
     * @throws NoSuchElementException if the set is empty
     */
    public Future<T> joinNext() {
        if (live.isEmpty()) {
            throw new NoSuchElementException("joinNext() on an empty JoinSet: check isEmpty() first");
        }
        return new JoinNext();
    }

    /**
     * Tells whether no task is left to join.
     *
     * @return true if the set is empty
     */
    public boolean isEmpty() {
        return live.isEmpty();
    }

    /**
     * Returns how many tasks are in the set, finished or not.
     *
     * @return the number of tasks not joined yet
     */
    public int size() {
        return live.size();
    }

    /**
     * Aborts every task in the set; they stay in it, and joining them throws {@link Cancelled}
     * (or returns the result of a task that finished first).
     *
     * <pre>{@code
     * set.abortAll();
     * }</pre>
     */
    public void abortAll() {
        for (Entry<T> e : new ArrayList<>(live)) {
            e.handle.abort();
        }
    }

    /**
     * Removes every task from the set without aborting it (Tokio's {@code detach_all}): the
     * tasks run on in the background, and closing the set no longer touches them. Their handles
     * still work; the set simply forgets them.
     *
     * <pre>{@code
     * try (JoinSet<Void> set = new JoinSet<>()) {
     *     set.spawn(flushToDisk());
     *     set.detachAll();          // let the flush finish even though the set closes now
     * }
     * }</pre>
     */
    public void detachAll() {
        forgetAll();
    }

    /**
     * Aborts every task still in the set and empties it.
     *
     * <pre>{@code
     * try (JoinSet<Void> set = new JoinSet<>()) { ... }   // leftover tasks aborted here
     * }</pre>
     */
    @Override
    public void close() {
        abortAll();
        forgetAll();
    }

    /** Empties the set: each entry stops listening to its task. */
    private void forgetAll() {
        for (Entry<T> e : live) {
            e.detach();
        }
        live.clear();
        finished.clear();
    }

    @Override
    public String toString() {
        return "JoinSet[" + live.size() + " tasks]";
    }

    /** The poll of {@link #joinNext()}. */
    private final class JoinNext implements Future<T> {
        @Override
        public Poll<T> poll(Context cx) {
            waker = Scheduler.waiterFor(cx.waker(), waker);
            Entry<T> e;
            while ((e = finished.poll()) != null) {
                e.queued.set(false);
                if (!live.contains(e)) {
                    continue;
                }
                if (!e.handle.isFinished()) {
                    e.watch();  // woken early: wait for it again
                    continue;
                }
                live.remove(e);
                Poll<T> p = e.handle.poll(cx);
                if (p.isPending()) {
                    // Out of budget: the task was woken; keep the result for the next poll.
                    live.add(e);
                    e.queued.set(true);
                    finished.addFirst(e);
                }
                return p;
            }
            return Poll.pending();
        }

        @Override
        public String toString() {
            return "JoinSet.joinNext()";
        }
    }

    /**
     * One task of the set; its waker queues it as (possibly) finished. Each entry is an awaiter
     * of its own on the task's handle, beside whoever else awaits it.
     */
    private static final class Entry<T> implements Waiter {
        final JoinSet<T> set;
        final JoinHandle<T> handle;
        final AtomicBoolean queued = new AtomicBoolean();
        private final Context context = Context.of(this);
        private volatile boolean detached;

        Entry(JoinSet<T> set, JoinHandle<T> handle) {
            this.set = set;
            this.handle = handle;
        }

        /** Registers this entry as the task's join waker, or queues it if the task has finished. */
        void watch() {
            if (handle.isFinished()) {
                wake();
                return;
            }
            try {
                if (handle.poll(context).isPending()) {
                    return;
                }
            } catch (Throwable finishedWithFailure) {
                // Taken again by joinNext.
            }
            wake();
        }

        @Override
        public void wake() {
            if (!detached && queued.compareAndSet(false, true)) {
                set.finished.add(this);
                Waiter w = set.waker;
                if (w != null) {
                    w.wake();
                }
            }
        }

        /** Never called: its own wake cannot throw (the set's waker is a waiter that catches). */
        @Override
        public void wakeFailed(Throwable error) {
            Waiter w = set.waker;
            if (w != null) {
                w.wakeFailed(error);
            }
        }

        /** Stops listening to the task (the set forgot it). */
        void detach() {
            detached = true;
            if (handle instanceof TaskCell<?> task) {
                task.removeWaiter(this);
            }
        }
    }
}

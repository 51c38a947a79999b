package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;

/**
 * An asynchronous mutual-exclusion lock around a value: waiting for it suspends the task instead
 * of blocking the thread (Tokio's {@code tokio::sync::Mutex}). Built on the engine of a
 * one-permit {@link Semaphore}, so waiters get the lock in the order they asked for it.
 *
 * <p>{@link #lock()} returns a future of a {@link Guard}; the guard gives access to the value and
 * is {@link AutoCloseable}, so try-with-resources unlocks it, as Rust's drop does.
 *
 * <h2>Locks across await: which is fine and which is the bug</h2>
 * Holding this mutex's guard across an {@code await} is allowed and is what it is for: while the
 * holder is suspended, other tasks that want the lock are suspended too, and no thread is
 * blocked. Holding a {@code synchronized} block or a {@code java.util.concurrent.locks.Lock}
 * across an {@code await} is the bug: the task may resume on another thread, which does not own
 * the lock, and every task on the blocked thread stalls (the transformer rejects {@code await}
 * inside {@code synchronized}). Even with this mutex, keep the guarded region short, and never
 * await, inside it, something that needs the same lock: that deadlocks, as in the Rust seed's
 * {@code bad_lock}. When no await is needed inside, prefer fetching first, then locking:
 * <pre>{@code
 * var more = await(fetchMoreData());          // no lock held while fetching
 * try (var guard = await(items.lock())) {
 *     guard.get().addAll(more);               // lock only for the mutation
 * }
 * }</pre>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Mutex<List<String>> log = new Mutex<>(new ArrayList<>());
 *
 * @Async
 * Future<Void> record(String line) {
 *     try (Mutex.Guard<List<String>> guard = await(log.lock())) {
 *         guard.get().add(line);
 *         await(flushIfFull(guard.get()));    // fine: other writers wait, no thread blocks
 *     }
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending {@link #lock()} future removes the waiter from the queue; if the lock had
 * just been handed to it, it is handed on to the next waiter. A cancelled lock never holds the
 * mutex.
 *
 * <h2>Thread safety</h2>
 * The mutex may be used from any thread; the value is safely published from each holder to the
 * next. The guard belongs to its holder.
 *
 * @param <T> the type of the guarded value
 */
public final class Mutex<T> {

    private final BatchSemaphore semaphore = new BatchSemaphore(1);
    /** Guarded by the permit. */
    private T value;

    /**
     * Creates an unlocked mutex guarding {@code value}.
     *
     * <pre>{@code
     * Mutex<Map<String, Integer>> counts = new Mutex<>(new HashMap<>());
     * }</pre>
     *
     * @param value the initial value, which may be {@code null}
     */
    public Mutex(T value) {
        this.value = value;
    }

    /**
     * Creates an unlocked mutex guarding {@code null}: a plain async lock.
     *
     * <pre>{@code
     * Mutex<Void> writeLock = new Mutex<>();
     * }</pre>
     */
    public Mutex() {
        this(null);
    }

    /**
     * Returns a future that completes with the guard once the lock is free and earlier waiters
     * have had it.
     *
     * <pre>{@code
     * try (var guard = await(mutex.lock())) {
     *     guard.set(guard.get() + 1);
     * }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: a cancelled lock leaves the queue and never holds the mutex.
     *
     * @return a future of the guard
     */
    public Future<Guard<T>> lock() {
        return new Lock<>(this);
    }

    /**
     * Takes the lock now if it is free and nobody is waiting for it.
     *
     * <pre>{@code
     * Mutex.Guard<State> guard = mutex.tryLock();
     * if (guard != null) {
     *     try (guard) { guard.get().tick(); }
     * }
     * }</pre>
     *
     * @return the guard, or {@code null} if the lock is held or has waiters
     */
    public Guard<T> tryLock() {
        return semaphore.tryTakeNow(1) ? new Guard<>(this) : null;
    }

    /**
     * Tells whether the mutex is locked now; for diagnostics, as the answer may be stale at once.
     *
     * @return {@code true} if some guard holds the lock
     */
    public boolean isLocked() {
        return semaphore.available() == 0;
    }

    @Override
    public String toString() {
        return "Mutex[" + (isLocked() ? "locked" : "unlocked") + "]";
    }

    /**
     * The future of {@link #lock()}. A free lock is taken with one CAS and no wait node; only a
     * lock that must wait allocates its place in the semaphore's wait list.
     */
    private static final class Lock<T> implements Future<Guard<T>> {
        private final Mutex<T> mutex;
        /** Null until the first poll found the lock taken; then the place in the queue. */
        private BatchSemaphore.Acquire<Guard<T>> waiting;
        private boolean done;

        Lock(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        @Override
        public Poll<Guard<T>> poll(Context cx) {
            BatchSemaphore.Acquire<Guard<T>> w = waiting;
            if (w == null) {
                if (done) {
                    throw new IllegalStateException("Mutex.lock() was polled after it completed: call lock() again");
                }
                // The budget comes first, as in Semaphore.acquire: a task that keeps locking a
                // free mutex still yields now and then.
                if (!Task.pollProceed(cx)) {
                    return Poll.pending();
                }
                if (mutex.semaphore.tryTakeNow(1)) {
                    done = true;
                    return Poll.ready(new Guard<>(mutex));
                }
                w = new BatchSemaphore.Acquire<>(mutex.semaphore, 1) {
                    @Override
                    Guard<T> granted() {
                        return new Guard<>(mutex);
                    }

                    @Override
                    String describe() {
                        return "Mutex.lock()";
                    }
                };
                waiting = w;
            }
            Poll<Guard<T>> p = w.poll(cx);
            if (p.isReady()) {
                waiting = null;
                done = true;
            }
            return p;
        }

        /** Leaves the queue; a lock handed over but not yet observed goes to the next waiter. */
        @Override
        public void cancel() {
            BatchSemaphore.Acquire<Guard<T>> w = waiting;
            waiting = null;
            done = true;
            if (w != null) {
                w.cancel();
            }
        }

        @Override
        public String toString() {
            BatchSemaphore.Acquire<Guard<T>> w = waiting;
            return "Mutex.lock()[" + (w != null ? "waiting" : done ? "done" : "not polled") + "] on " + mutex;
        }
    }

    /**
     * Access to the value of a locked {@link Mutex}; {@link #close()} unlocks it.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mutex.Guard<Integer> g = await(counter.lock())) {
     *     g.set(g.get() + 1);
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Belongs to the task that locked; do not use it after {@link #close()}.
     *
     * @param <T> the type of the guarded value
     */
    public static final class Guard<T> implements AutoCloseable {

        private final Mutex<T> mutex;
        private boolean released;

        Guard(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        /**
         * Returns the guarded value.
         *
         * @return the value
         * @throws IllegalStateException if the guard was closed
         */
        public T get() {
            checkHeld();
            return mutex.value;
        }

        /**
         * Replaces the guarded value.
         *
         * @param value the new value
         * @throws IllegalStateException if the guard was closed
         */
        public void set(T value) {
            checkHeld();
            mutex.value = value;
        }

        /** Unlocks the mutex, handing it to the next waiter; only the first call does anything. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                mutex.semaphore.release(1);
            }
        }

        private void checkHeld() {
            if (released) {
                throw new IllegalStateException("this Mutex.Guard was closed, so the lock is no longer held:"
                        + " use the value only inside the try-with-resources block that locked it");
            }
        }

        @Override
        public String toString() {
            return "Mutex.Guard[" + (released ? "released" : "held") + "]";
        }
    }
}

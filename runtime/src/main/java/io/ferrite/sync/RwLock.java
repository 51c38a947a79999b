package io.ferrite.sync;

import io.ferrite.Future;

/**
 * An asynchronous reader-writer lock around a value: many readers at once, or one writer
 * (Tokio's {@code tokio::sync::RwLock}). Built on the engine of a {@link Semaphore}: a reader takes one permit,
 * a writer takes them all, so the queue is fair: a waiting writer is not starved by a stream of
 * new readers, which queue behind it.
 *
 * <p>Both {@link #read()} and {@link #write()} return futures of {@link AutoCloseable} guards,
 * so try-with-resources unlocks. As with {@link Mutex}, holding a guard across {@code await} is
 * fine; awaiting, while holding it, something that needs the same lock deadlocks.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * RwLock<Config> config = new RwLock<>(Config.defaults());
 *
 * @Async
 * Future<Integer> port() {
 *     try (RwLock.ReadGuard<Config> cfg = await(config.read())) {
 *         return Future.ready(cfg.get().port());
 *     }
 * }
 *
 * @Async
 * Future<Void> reload() {
 *     Config fresh = await(loadConfig());
 *     try (RwLock.WriteGuard<Config> cfg = await(config.write())) {
 *         cfg.set(fresh);
 *     }
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending {@link #read()} or {@link #write()} removes the waiter from the queue;
 * a writer that had collected some readers' permits hands them on. A cancelled waiter never
 * holds the lock.
 *
 * <h2>Thread safety</h2>
 * The lock may be used from any thread; the value is safely published from each writer to later
 * readers and writers.
 *
 * @param <T> the type of the guarded value
 */
public final class RwLock<T> {

    /** The most readers at once: every permit of the semaphore, all of which a writer takes. */
    static final int MAX_READERS = BatchSemaphore.MAX_PERMITS;

    private final BatchSemaphore semaphore = new BatchSemaphore(MAX_READERS);
    /** Written only under all permits, read under one. */
    private T value;

    /**
     * Creates an unlocked lock guarding {@code value}.
     *
     * <pre>{@code
     * RwLock<Map<String, User>> users = new RwLock<>(new HashMap<>());
     * }</pre>
     *
     * @param value the initial value, which may be {@code null}
     */
    public RwLock(T value) {
        this.value = value;
    }

    /**
     * Returns a future that completes with shared read access once no writer holds the lock and
     * every earlier waiter has been served.
     *
     * <pre>{@code
     * try (var cfg = await(config.read())) { use(cfg.get()); }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: a cancelled read leaves the queue and holds nothing.
     *
     * @return a future of a read guard
     */
    public Future<ReadGuard<T>> read() {
        return new BatchSemaphore.Acquire<>(semaphore, 1) {
            @Override
            ReadGuard<T> granted() {
                return new ReadGuard<>(RwLock.this);
            }

            @Override
            String describe() {
                return "RwLock.read()";
            }
        };
    }

    /**
     * Returns a future that completes with exclusive write access once every reader and writer
     * before it has finished.
     *
     * <pre>{@code
     * try (var cfg = await(config.write())) { cfg.set(fresh); }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: the read permits a cancelled writer had collected go to the next waiters.
     *
     * @return a future of a write guard
     */
    public Future<WriteGuard<T>> write() {
        return new BatchSemaphore.Acquire<>(semaphore, MAX_READERS) {
            @Override
            WriteGuard<T> granted() {
                return new WriteGuard<>(RwLock.this);
            }

            @Override
            String describe() {
                return "RwLock.write()";
            }
        };
    }

    /**
     * Takes read access now if no writer holds or waits for the lock.
     *
     * <pre>{@code
     * var cfg = config.tryRead();
     * }</pre>
     *
     * @return a read guard, or {@code null}
     */
    public ReadGuard<T> tryRead() {
        return semaphore.tryTakeNow(1) ? new ReadGuard<>(this) : null;
    }

    /**
     * Takes write access now if nobody holds or waits for the lock.
     *
     * <pre>{@code
     * var cfg = config.tryWrite();
     * }</pre>
     *
     * @return a write guard, or {@code null}
     */
    public WriteGuard<T> tryWrite() {
        return semaphore.tryTakeNow(MAX_READERS) ? new WriteGuard<>(this) : null;
    }

    @Override
    public String toString() {
        int free = semaphore.available();
        return "RwLock[" + (free == MAX_READERS ? "unlocked" : free == 0 ? "locked" : (MAX_READERS - free) + " readers")
                + "]";
    }

    /** What both guards share: the lock, its permit count, and release on close. */
    private abstract static class Held<T> implements AutoCloseable {
        final RwLock<T> lock;
        private final int permits;
        private boolean released;

        Held(RwLock<T> lock, int permits) {
            this.lock = lock;
            this.permits = permits;
        }

        final void checkHeld() {
            if (released) {
                throw new IllegalStateException("this " + getClass().getSimpleName() + " was closed, so the lock is"
                        + " no longer held: use the value only inside the try-with-resources block that locked it");
            }
        }

        /** Unlocks; only the first call does anything. */
        @Override
        public final void close() {
            if (!released) {
                released = true;
                lock.semaphore.release(permits);
            }
        }
    }

    /**
     * Shared read access to the value of an {@link RwLock}; {@link #close()} releases it.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (RwLock.ReadGuard<Config> g = await(config.read())) { return Future.ready(g.get().port()); }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Belongs to the task that locked; do not mutate the value through it.
     *
     * @param <T> the type of the guarded value
     */
    public static final class ReadGuard<T> extends Held<T> {

        ReadGuard(RwLock<T> lock) {
            super(lock, 1);
        }

        /**
         * Returns the guarded value.
         *
         * @return the value
         * @throws IllegalStateException if the guard was closed
         */
        public T get() {
            checkHeld();
            return lock.value;
        }
    }

    /**
     * Exclusive access to the value of an {@link RwLock}; {@link #close()} releases it.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (RwLock.WriteGuard<Config> g = await(config.write())) { g.set(fresh); }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Belongs to the task that locked.
     *
     * @param <T> the type of the guarded value
     */
    public static final class WriteGuard<T> extends Held<T> {

        WriteGuard(RwLock<T> lock) {
            super(lock, MAX_READERS);
        }

        /**
         * Returns the guarded value.
         *
         * @return the value
         * @throws IllegalStateException if the guard was closed
         */
        public T get() {
            checkHeld();
            return lock.value;
        }

        /**
         * Replaces the guarded value.
         *
         * @param value the new value
         * @throws IllegalStateException if the guard was closed
         */
        public void set(T value) {
            checkHeld();
            lock.value = value;
        }
    }
}

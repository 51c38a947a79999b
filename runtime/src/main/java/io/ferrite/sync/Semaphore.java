package io.ferrite.sync;

import io.ferrite.Future;

/**
 * A fair (first in, first out) counting semaphore whose waits are futures: Tokio's
 * {@code tokio::sync::Semaphore}. Its engine also backs {@link Mutex} and {@link RwLock}, and
 * its queue of waiters is the one {@link Notify} and the bounded
 * {@code io.ferrite.channel.Mpsc} channel use too.
 *
 * <p>{@link #acquire()} returns a future of a {@link Permit}; the permit is {@link AutoCloseable},
 * so try-with-resources gives it back the way Rust's drop does. Waiters are served strictly in
 * the order they first waited: a waiter asking for many permits collects released permits as
 * they come, and later waiters, even ones asking for fewer, queue behind it, so a large request
 * is never starved. {@link #tryAcquire()} never overtakes a queued waiter.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Semaphore limit = new Semaphore(3);   // at most three requests in flight
 *
 * @Async
 * Future<String> fetch(String url) {
 *     try (Semaphore.Permit permit = await(limit.acquire())) {
 *         return Future.ready(await(http.get(url)));
 *     }                                 // the permit goes back here, even on failure
 * }
 * }</pre>
 * Await the work inside the {@code try}: {@code return http.get(url);} would close the permit
 * first and run the call afterwards, outside the limit (a returned future is the method's tail).
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending {@link #acquire()} future (by {@code select}, {@code timeout} or
 * {@code abort}) removes it from the queue; permits it had already collected, or that were
 * handed to it but not yet observed by a poll, go to the next waiters. A cancelled acquire
 * never consumes a permit and loses its place in the queue only.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread. The permit count is an atomic word, so
 * acquiring and releasing without contention take no lock; the wait queue is guarded by a small
 * internal lock that is never held while a waker runs.
 */
public final class Semaphore {

    /** The largest number of permits a semaphore can hold: {@code 2^30 - 1}. */
    public static final int MAX_PERMITS = BatchSemaphore.MAX_PERMITS;

    private final BatchSemaphore engine;

    /**
     * Creates a semaphore holding {@code permits} permits.
     *
     * <pre>{@code
     * Semaphore connections = new Semaphore(10);
     * }</pre>
     *
     * @param permits the initial number of permits, from 0 to {@link #MAX_PERMITS}
     * @throws IllegalArgumentException if {@code permits} is negative or above {@link #MAX_PERMITS}
     */
    public Semaphore(int permits) {
        engine = new BatchSemaphore(permits);
    }

    /**
     * Returns a future that completes with one permit once one is available and every earlier
     * waiter has been served.
     *
     * <pre>{@code
     * try (Semaphore.Permit p = await(semaphore.acquire())) {
     *     work();
     * }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: see the class documentation. Only the place in the queue is lost.
     *
     * @return a future of a permit; it fails with {@link ClosedException} if the semaphore is
     *         closed before the permit is granted
     */
    public Future<Permit> acquire() {
        return acquireMany(1);
    }

    /**
     * Returns a future that completes with {@code n} permits at once, collected in one place in
     * the queue: while it waits, permits released go to it, and later waiters wait behind it.
     *
     * <pre>{@code
     * try (Semaphore.Permit p = await(bandwidth.acquireMany(chunk.length))) {
     *     send(chunk);
     * }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: permits already collected are handed to the next waiters.
     *
     * @param n the number of permits, from 0 to {@link #MAX_PERMITS}
     * @return a future of a permit worth {@code n}; it fails with {@link ClosedException} if the
     *         semaphore is closed first
     * @throws IllegalArgumentException if {@code n} is negative or above {@link #MAX_PERMITS}
     */
    public Future<Permit> acquireMany(int n) {
        BatchSemaphore.checkCount(n, "n");
        BatchSemaphore sem = engine;
        return new BatchSemaphore.Acquire<>(sem, n) {
            @Override
            Permit granted() {
                return new Permit(sem, n);
            }

            @Override
            String describe() {
                return "Semaphore.acquireMany(" + n + ")";
            }
        };
    }

    /**
     * Takes one permit now if one is available and nobody is queued for permits.
     *
     * <pre>{@code
     * Semaphore.Permit p = semaphore.tryAcquire();
     * if (p == null) {
     *     return Future.ready(Response.busy());
     * }
     * }</pre>
     *
     * @return a permit, or {@code null} if none is available now
     * @throws ClosedException if the semaphore is closed
     */
    public Permit tryAcquire() {
        return tryAcquireMany(1);
    }

    /**
     * Takes {@code n} permits now if they are available and nobody is queued for permits.
     *
     * <pre>{@code
     * Semaphore.Permit p = semaphore.tryAcquireMany(4);
     * }</pre>
     *
     * @param n the number of permits, from 0 to {@link #MAX_PERMITS}
     * @return a permit worth {@code n}, or {@code null} if they are not available now
     * @throws ClosedException          if the semaphore is closed
     * @throws IllegalArgumentException if {@code n} is negative or above {@link #MAX_PERMITS}
     */
    public Permit tryAcquireMany(int n) {
        BatchSemaphore.checkCount(n, "n");
        int r = engine.tryTake(n);
        if (r == BatchSemaphore.TAKE_CLOSED) {
            throw new ClosedException();
        }
        return r == BatchSemaphore.TAKE_OK ? new Permit(engine, n) : null;
    }

    /**
     * Adds {@code n} permits: they go to the queued waiters first, in order, and the rest become
     * available. {@link Permit#close()} calls this; call it directly for permits that were
     * {@linkplain Permit#forget() forgotten}, or to raise the limit.
     *
     * <pre>{@code
     * semaphore.addPermits(2);   // two more concurrent jobs from now on
     * }</pre>
     *
     * @param n how many permits to add, at least 0
     * @throws IllegalArgumentException if {@code n} is negative, or if the semaphore would then
     *                                  hold more than {@link #MAX_PERMITS} permits
     */
    public void addPermits(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("addPermits(" + n + "): the count must be at least 0");
        }
        if (n > 0) {
            engine.release(n);
        }
    }

    /**
     * Returns the number of permits available now, not counting those already promised to
     * queued waiters.
     *
     * <pre>{@code
     * log.debug("free slots: " + semaphore.availablePermits());
     * }</pre>
     *
     * @return the number of available permits
     */
    public int availablePermits() {
        return engine.available();
    }

    /**
     * Closes the semaphore: every queued and future {@link #acquire()} fails with
     * {@link ClosedException}, and {@link #tryAcquire()} throws it. Permits already held stay
     * valid and may still be given back. Closing twice is harmless.
     *
     * <pre>{@code
     * semaphore.close();   // shutting down: no new work may start
     * }</pre>
     */
    public void close() {
        engine.close();
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * <pre>{@code
     * if (semaphore.isClosed()) { return Future.ready(null); }
     * }</pre>
     *
     * @return {@code true} once the semaphore is closed
     */
    public boolean isClosed() {
        return engine.isClosed();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Permits taken from a {@link Semaphore}; {@link #close()} gives them back, so
     * try-with-resources releases them the way Rust's drop does.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Semaphore.Permit permit = await(semaphore.acquire())) {
     *     await(upload(file));
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * A permit belongs to whoever holds it: it may be closed from any thread, but not from two
     * at once.
     */
    public static final class Permit implements AutoCloseable {

        private final BatchSemaphore semaphore;
        private int count;
        private boolean released;

        Permit(BatchSemaphore semaphore, int count) {
            this.semaphore = semaphore;
            this.count = count;
        }

        /**
         * Returns how many permits this holds.
         *
         * @return the permit count
         */
        public int count() {
            return count;
        }

        /**
         * Gives the permits back to the semaphore (first to its queued waiters). Only the first
         * call does anything.
         */
        @Override
        public void close() {
            if (!released) {
                released = true;
                if (count > 0) {
                    semaphore.release(count);
                }
            }
        }

        /**
         * Drops the permits without giving them back, shrinking the semaphore for good (Tokio's
         * {@code forget}); {@link Semaphore#addPermits(int)} can restore them later. Afterwards
         * {@link #close()} does nothing.
         *
         * <pre>{@code
         * await(slots.acquire()).forget();   // the slot is now owned by the buffered message
         * }</pre>
         */
        public void forget() {
            released = true;
        }

        /**
         * Takes the permits of {@code other} into this one, without giving any back: afterwards
         * this permit holds both counts and releases them together, and {@code other} holds
         * nothing (its {@link #close()} does nothing). Tokio's {@code SemaphorePermit::merge}.
         *
         * <pre>{@code
         * Semaphore.Permit both = await(semaphore.acquire());
         * both.merge(await(semaphore.acquire()));   // one permit worth 2, given back at once
         * }</pre>
         *
         * @param other a permit of the same semaphore, not this one
         * @throws IllegalArgumentException if {@code other} is this permit or comes from another
         *                                  semaphore, or the merged count would exceed
         *                                  {@link Semaphore#MAX_PERMITS}
         * @throws IllegalStateException    if either permit was already closed or forgotten
         */
        public void merge(Permit other) {
            if (other == this) {
                throw new IllegalArgumentException("a Semaphore.Permit cannot be merged into itself");
            }
            if (other.semaphore != semaphore) {
                throw new IllegalArgumentException("Semaphore.Permit.merge: " + other + " comes from another semaphore"
                        + " than " + this + "; only permits of one semaphore can be merged");
            }
            if (released || other.released) {
                throw new IllegalStateException("Semaphore.Permit.merge: " + (released ? this : other)
                        + " was already closed or forgotten; merge permits before giving them back");
            }
            if (other.count > MAX_PERMITS - count) {
                throw new IllegalArgumentException("Semaphore.Permit.merge: " + count + " + " + other.count
                        + " permits would exceed Semaphore.MAX_PERMITS (" + MAX_PERMITS + ")");
            }
            count += other.count;
            other.count = 0;
            other.released = true;
        }

        @Override
        public String toString() {
            return "Semaphore.Permit[" + count + (released ? ", released" : "") + "]";
        }
    }

    /**
     * Thrown by {@link Semaphore#tryAcquire()} and raised by an acquire future when the
     * semaphore has been {@linkplain Semaphore#close() closed}.
     *
     * <p>It carries no stack trace: closing is an expected event (shutdown) and may fail many
     * waiters at once.
     */
    public static final class ClosedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public ClosedException() {
            super("the semaphore is closed: no permit will be granted (Semaphore.close() was called)");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

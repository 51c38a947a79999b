package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.runtime.Task;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fair (first in, first out) counting semaphore whose waits are futures: Tokio's
 * {@code tokio::sync::Semaphore}, and the shared engine under {@link Mutex}, {@link RwLock} and
 * the bounded {@code io.ferrite.channel.Mpsc} channel.
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
    public static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    /*
     * state = (permits << 1) | CLOSED. Invariant: while the queue is non-empty (queued == true),
     * every permit released goes to the waiters first; permits appear in `state` only for the
     * moment between a lock-free release and the rebalance it then does under the lock.
     */
    private static final int CLOSED = 1;
    private static final int SHIFT = 1;

    private final AtomicInteger state;
    /** Sentinel of the circular wait queue; also the lock guarding the queue and the nodes' fields. */
    private final Acquire<?> queue = new Acquire<>(null, 0);
    /** Readable without the lock: true while the queue has a waiter. Written under the lock. */
    private volatile boolean queued;

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
        checkCount(permits, "permits");
        state = new AtomicInteger(permits << SHIFT);
        queue.prev = queue;
        queue.next = queue;
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
        checkCount(n, "n");
        return new Acquire<>(this, n);
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
        checkCount(n, "n");
        int r = tryTake(n);
        if (r == TAKE_CLOSED) {
            throw new ClosedException();
        }
        return r == TAKE_OK ? new Permit(this, n) : null;
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
            release(n);
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
        return state.get() >>> SHIFT;
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
        Acquire<?> woken = null;
        synchronized (queue) {
            int s;
            do {
                s = state.get();
            } while (!state.compareAndSet(s, s | CLOSED));
            int returned = 0;
            for (Acquire<?> w = queue.next; w != queue; w = queue.next) {
                returned += w.requested - w.remaining;
                unlinkLocked(w);
                w.remaining = Acquire.FAILED;
                woken = w.chain(woken);
            }
            queued = false;
            addToState(returned);
        }
        Acquire.wakeChain(woken);
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
        return (state.get() & CLOSED) != 0;
    }

    @Override
    public String toString() {
        int s = state.get();
        return "Semaphore[permits=" + (s >>> SHIFT) + (queued ? ", waiters" : "")
                + ((s & CLOSED) != 0 ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------------------------------
    // The engine.

    private static final int TAKE_OK = 0;
    private static final int TAKE_SHORT = 1;
    private static final int TAKE_CLOSED = 2;

    /** Lock-free attempt to take {@code n} permits; never overtakes a queued waiter. */
    private int tryTake(int n) {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return TAKE_CLOSED;
            }
            if (n == 0) {
                return TAKE_OK;
            }
            if ((s >>> SHIFT) < n || queued) {
                return TAKE_SHORT;
            }
            if (state.compareAndSet(s, s - (n << SHIFT))) {
                return TAKE_OK;
            }
        }
    }

    /** Takes {@code n} permits if free now; for the primitives built on this one, which never close it. */
    boolean tryTakeNow(int n) {
        return tryTake(n) == TAKE_OK;
    }

    /** Gives {@code n} permits back: to the waiters first, in order, then to the free count. */
    void release(int n) {
        if (!queued) {
            addToState(n);
            // Dekker with enqueue(): a waiter links itself, sets `queued`, then drains `state`.
            // Either it saw our permits, or we see it here and hand them over under the lock.
            if (!queued) {
                return;
            }
            n = 0;
        }
        Acquire<?> woken;
        synchronized (queue) {
            woken = distributeLocked(n + drainLocked());
        }
        Acquire.wakeChain(woken);
    }

    /** Adds {@code n} to the free count; fails before overflowing it. */
    private void addToState(int n) {
        while (true) {
            int s = state.get();
            if ((s >>> SHIFT) > MAX_PERMITS - n) {
                throw new IllegalArgumentException("adding " + n + " permits to " + (s >>> SHIFT)
                        + " would exceed Semaphore.MAX_PERMITS (" + MAX_PERMITS + "): a permit was given back"
                        + " more often than it was taken, or addPermits was called with too large a count");
            }
            if (state.compareAndSet(s, s + (n << SHIFT))) {
                return;
            }
        }
    }

    /** Takes every free permit out of {@code state}; under the lock, while waiters are queued. */
    private int drainLocked() {
        while (true) {
            int s = state.get();
            int permits = s >>> SHIFT;
            if (permits == 0 || state.compareAndSet(s, s & CLOSED)) {
                return permits;
            }
        }
    }

    /**
     * Hands {@code n} permits to the queued waiters in order; what nobody needs goes back to
     * {@code state}. Returns the chain of waiters to wake once the lock is released.
     */
    private Acquire<?> distributeLocked(int n) {
        Acquire<?> woken = null;
        Acquire<?> w = queue.next;
        while (n > 0 && w != queue) {
            int take = Math.min(n, w.remaining);
            n -= take;
            if (take == w.remaining) {
                Acquire<?> next = w.next;
                unlinkLocked(w);
                w.remaining = 0;
                woken = w.chain(woken);
                w = next;
            } else {
                w.remaining -= take;
            }
        }
        queued = queue.next != queue;
        if (n > 0) {
            addToState(n);
        }
        return woken;
    }

    private void unlinkLocked(Acquire<?> w) {
        w.prev.next = w.next;
        w.next.prev = w.prev;
        w.prev = null;
        w.next = null;
    }

    /** Polls an acquire for the first time; see {@link Acquire#poll(Context)}. */
    private Acquire<?> enqueueLocked(Acquire<?> w, Waker waker) {
        w.remaining = w.requested;
        w.waker = waker;
        w.prev = queue.prev;
        w.next = queue;
        queue.prev.next = w;
        queue.prev = w;
        queued = true;
        // Permits released without the lock before `queued` was visible are in `state`: serve
        // them to the queue in order (this waiter included).
        return distributeLocked(drainLocked());
    }

    private static void checkCount(int n, String name) {
        if (n < 0 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(name + " = " + n + ": a permit count must be from 0 to"
                    + " Semaphore.MAX_PERMITS (" + MAX_PERMITS + ")");
        }
    }

    /**
     * The future of {@link #acquire()}, and the node of the wait queue. {@link Mutex} and
     * {@link RwLock} subclass it to hand out their guards instead of a bare permit.
     *
     * @param <R> what the acquired permits are turned into
     */
    static class Acquire<R> implements Future<R> {

        /** {@link #remaining} of a waiter failed by {@link Semaphore#close()}. */
        static final int FAILED = -1;

        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int DONE = 2;

        final Semaphore semaphore;
        final int requested;
        /** Permits still to collect; 0 once granted, {@link #FAILED} once closed. Written under the lock. */
        volatile int remaining;
        /** Guarded by the lock: the queue links, and the waker of the latest poll. */
        Acquire<?> prev;
        Acquire<?> next;
        Waker waker;
        /** Threads the waiters to wake after the lock is released; the waker read under the lock. */
        private Acquire<?> wakeNext;
        private Waker toWake;
        /** Touched by the polling task only. */
        private int phase = NEW;

        Acquire(Semaphore semaphore, int requested) {
            this.semaphore = semaphore;
            this.requested = requested;
        }

        /** Turns the granted permits into this future's value; called once per acquire. */
        @SuppressWarnings("unchecked")
        R granted() {
            return (R) new Permit(semaphore, requested);
        }

        @Override
        public final Poll<R> poll(Context cx) {
            Semaphore sem = semaphore;
            if (phase == NEW) {
                // Cooperative budget, before taking anything: a task that keeps acquiring free
                // permits yields now and then instead of holding its worker.
                if (!Task.pollProceed(cx)) {
                    return Poll.pending();
                }
                int r = sem.tryTake(requested);
                if (r == TAKE_OK) {
                    phase = DONE;
                    return Poll.ready(granted());
                }
                if (r == TAKE_CLOSED) {
                    phase = DONE;
                    throw new ClosedException();
                }
                Acquire<?> woken;
                synchronized (sem.queue) {
                    woken = sem.enqueueLocked(this, cx.waker());
                }
                phase = WAITING;
                // This waiter is in the chain when it was served at once: waking it is harmless.
                wakeChain(woken);
            } else if (phase == WAITING) {
                if (remaining > 0) {
                    synchronized (sem.queue) {
                        if (remaining > 0 && waker != cx.waker()) {
                            waker = cx.waker();
                        }
                    }
                }
            } else {
                throw new IllegalStateException(this + " was polled after it completed: call acquire() again");
            }
            int left = remaining;
            if (left == 0) {
                phase = DONE;
                return Poll.ready(granted());
            }
            if (left == FAILED) {
                phase = DONE;
                throw new ClosedException();
            }
            return Poll.pending();
        }

        /**
         * Leaves the queue; permits collected so far, or granted but not yet observed, go to the
         * next waiters.
         */
        @Override
        public final void cancel() {
            if (phase != WAITING) {
                return;
            }
            phase = DONE;
            Semaphore sem = semaphore;
            int giveBack;
            Acquire<?> woken = null;
            synchronized (sem.queue) {
                int left = remaining;
                if (left == FAILED) {
                    return;
                }
                giveBack = requested - left;
                if (left > 0) {
                    sem.unlinkLocked(this);
                    remaining = FAILED;
                    if (sem.queue.next == sem.queue) {
                        sem.queued = false;
                    }
                    if (giveBack > 0) {
                        woken = sem.distributeLocked(giveBack);
                        giveBack = 0;
                    }
                }
            }
            wakeChain(woken);
            if (giveBack > 0) {
                sem.release(giveBack);
            }
        }

        Acquire<?> chain(Acquire<?> list) {
            toWake = waker;
            waker = null;
            wakeNext = list;
            return this;
        }

        static void wakeChain(Acquire<?> w) {
            while (w != null) {
                Acquire<?> next = w.wakeNext;
                Waker k = w.toWake;
                w.wakeNext = null;
                w.toWake = null;
                if (k != null) {
                    k.wake();
                }
                w = next;
            }
        }

        @Override
        public String toString() {
            String what = phase == NEW ? "not polled" : phase == DONE ? "done" : "waiting for " + remaining;
            return "Semaphore.acquireMany(" + requested + ")[" + what + "] on " + semaphore;
        }
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

        private final Semaphore semaphore;
        private final int count;
        private boolean released;

        Permit(Semaphore semaphore, int count) {
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

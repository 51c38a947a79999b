package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.sync.WaitList;
import io.ferrite.runtime.Task;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine of {@link Semaphore}, {@link Mutex} and {@link RwLock}: a count of free permits in
 * one atomic word, and a {@link WaitList} of acquires waiting for more (Tokio's
 * {@code batch_semaphore}). Acquiring and releasing without contention take no lock; the list is
 * touched under its own monitor, and no waker runs under it.
 */
final class BatchSemaphore {

    /** The largest number of permits: {@code 2^30 - 1}, as one bit of the word is the closed flag. */
    static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    /*
     * state = (permits << 1) | CLOSED. Invariant: while the list is non-empty (queued == true),
     * every permit released goes to the waiters first; permits appear in `state` only for the
     * moment between a lock-free release and the rebalance it then does under the lock.
     */
    private static final int CLOSED = 1;
    private static final int SHIFT = 1;

    static final int TAKE_OK = 0;
    static final int TAKE_SHORT = 1;
    static final int TAKE_CLOSED = 2;

    private final AtomicInteger state;
    /** The acquires waiting for permits; its monitor is the lock that guards it. */
    private final WaitList waiters = new WaitList();
    /** Readable without the lock: true while the list has a waiter. Written under the lock. */
    private volatile boolean queued;

    BatchSemaphore(int permits) {
        checkCount(permits, "permits");
        state = new AtomicInteger(permits << SHIFT);
    }

    /** Lock-free attempt to take {@code n} permits; never overtakes a queued waiter. */
    int tryTake(int n) {
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

    /** Takes {@code n} permits if free now; for the locks built on this, which never close it. */
    boolean tryTakeNow(int n) {
        return tryTake(n) == TAKE_OK;
    }

    /** The free permits, not counting those already promised to waiters. */
    int available() {
        return state.get() >>> SHIFT;
    }

    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Gives {@code n} permits back: to the waiters first, in order, then to the free count. */
    void release(int n) {
        if (!queued) {
            addToState(n);
            // Dekker with Acquire's enqueue: a waiter links itself, sets `queued`, then drains
            // `state`. Either it saw our permits, or we see it here and hand them over under the lock.
            if (!queued) {
                return;
            }
            n = 0;
        } else {
            checkRoom(n, available());
        }
        WaitList.Waiter woken;
        synchronized (waiters) {
            woken = distributeLocked(n + drainLocked());
        }
        WaitList.wake(woken);
    }

    /** Fails every queued and later acquire; permits collected in part go back to the free count. */
    void close() {
        WaitList.Waiter woken;
        synchronized (waiters) {
            int s;
            do {
                s = state.get();
            } while (!state.compareAndSet(s, s | CLOSED));
            int held = waiters.removeAll();
            queued = false;
            woken = waiters.takeWakeups();
            addToState(held);
        }
        WaitList.wake(woken);
    }

    /** Adds {@code n} to the free count; fails before overflowing it. */
    private void addToState(int n) {
        while (true) {
            int s = state.get();
            checkRoom(n, s >>> SHIFT);
            if (state.compareAndSet(s, s + (n << SHIFT))) {
                return;
            }
        }
    }

    private static void checkRoom(int n, int free) {
        if (free > MAX_PERMITS - n) {
            throw new IllegalArgumentException("adding " + n + " permits to " + free
                    + " would exceed Semaphore.MAX_PERMITS (" + MAX_PERMITS + "): a permit was given back"
                    + " more often than it was taken, or addPermits was called with too large a count");
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
     * Hands {@code n} permits to the waiters in order; what nobody needs goes back to
     * {@code state}. Returns the chain of waiters to wake once the lock is released.
     */
    private WaitList.Waiter distributeLocked(int n) {
        int unused = waiters.grant(n);
        queued = !waiters.isEmpty();
        WaitList.Waiter woken = waiters.takeWakeups();
        if (unused > 0) {
            addToState(unused);
        }
        return woken;
    }

    static void checkCount(int n, String name) {
        if (n < 0 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(name + " = " + n + ": a permit count must be from 0 to"
                    + " Semaphore.MAX_PERMITS (" + MAX_PERMITS + ")");
        }
    }

    @Override
    public String toString() {
        int s = state.get();
        return "Semaphore[permits=" + (s >>> SHIFT) + (queued ? ", waiters" : "")
                + ((s & CLOSED) != 0 ? ", closed" : "") + "]";
    }

    /**
     * The future of an acquire, and its place in the wait list. {@link Semaphore}, {@link Mutex}
     * and {@link RwLock} subclass it to hand out a permit or a guard.
     *
     * @param <R> what the acquired permits are turned into
     */
    abstract static class Acquire<R> extends WaitList.Waiter implements Future<R> {

        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int DONE = 2;

        final BatchSemaphore semaphore;
        /** Touched by the polling task only. */
        private int phase = NEW;
        /** The waker last handed to the list; saves the lock when a poll brings the same one. */
        private Waker registered;

        Acquire(BatchSemaphore semaphore, int requested) {
            super(requested);
            this.semaphore = semaphore;
        }

        /** Turns the granted permits into this future's value; called once per acquire. */
        abstract R granted();

        /** What the acquire is, for messages: {@code Semaphore.acquireMany(2)}, {@code Mutex.lock()}. */
        abstract String describe();

        @Override
        public final Poll<R> poll(Context cx) {
            BatchSemaphore sem = semaphore;
            if (phase == NEW) {
                // Cooperative budget, before taking anything: a task that keeps acquiring free
                // permits yields now and then instead of holding its worker.
                if (!Task.pollProceed(cx)) {
                    return Poll.pending();
                }
                int r = sem.tryTake(requested());
                if (r == TAKE_OK) {
                    phase = DONE;
                    return Poll.ready(granted());
                }
                if (r == TAKE_CLOSED) {
                    phase = DONE;
                    throw new Semaphore.ClosedException();
                }
                Waker waker = cx.waker();
                registered = waker;
                WaitList.Waiter woken;
                synchronized (sem.waiters) {
                    sem.waiters.add(this, waker);
                    sem.queued = true;
                    // Permits released without the lock before `queued` was visible are in
                    // `state`: serve them to the list in order (this waiter included).
                    woken = sem.distributeLocked(sem.drainLocked());
                }
                phase = WAITING;
                // This waiter is in the chain when it was served at once: waking it is harmless.
                WaitList.wake(woken);
            } else if (phase == WAITING) {
                Waker waker = cx.waker();
                if (waker != registered && isQueued()) {
                    registered = waker;
                    synchronized (sem.waiters) {
                        sem.waiters.updateWaker(this, waker);
                    }
                }
            } else {
                throw new IllegalStateException(this + " was polled after it completed: call it again for a new wait");
            }
            int left = remaining();
            if (left == 0) {
                phase = DONE;
                return Poll.ready(granted());
            }
            if (left == REMOVED) {
                phase = DONE;
                throw new Semaphore.ClosedException();
            }
            return Poll.pending();
        }

        /**
         * Leaves the list; permits collected so far, or granted but not yet observed, go to the
         * next waiters.
         */
        @Override
        public final void cancel() {
            if (phase != WAITING) {
                return;
            }
            phase = DONE;
            BatchSemaphore sem = semaphore;
            WaitList.Waiter woken;
            synchronized (sem.waiters) {
                int held = sem.waiters.remove(this);
                woken = held > 0 ? sem.distributeLocked(held + sem.drainLocked()) : null;
                sem.queued = !sem.waiters.isEmpty();
            }
            WaitList.wake(woken);
        }

        @Override
        public String toString() {
            String what = phase == NEW ? "not polled" : phase == DONE ? "done" : "waiting for " + remaining();
            return describe() + "[" + what + "] on " + semaphore;
        }
    }
}

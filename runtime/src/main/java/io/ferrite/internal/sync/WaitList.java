package io.ferrite.internal.sync;

import io.ferrite.Waker;

/**
 * The FIFO queue of waiting tasks under every Ferrite primitive whose waits queue: the
 * {@code Semaphore} engine (and so {@code Mutex} and {@code RwLock}), {@code Notify}, and the
 * bounded {@code Mpsc} channel's senders. Tokio's {@code batch_semaphore} wait list: a waiter
 * asks for some units (permits, notifications, room in a channel), {@link #grant(int)} hands
 * units to the waiters in the order they joined, {@link #remove(Waiter)} takes one out (a
 * cancelled wait) and {@link #removeAll()} empties the queue (a close).
 *
 * <p><b>Not API.</b> This package is public only so that {@code io.ferrite.sync} and
 * {@code io.ferrite.channel} can share it; the runtime's module does not export it, and it may
 * change in any release.
 *
 * <h2>How an owner uses it</h2>
 * The list is intrusive: the waiter is a node, typically the wait's future itself, so queueing
 * allocates nothing more. The list has no lock of its own: its owner guards every call with
 * one lock it already holds for its own state (a semaphore locks the list, a channel locks its
 * buffer and the list together), so a decision such as "room is free and nobody waits" is taken
 * in one step. No waker ever runs under that lock: the operations that take waiters off the
 * list thread them on a wake-up chain, which the owner takes with {@link #takeWakeups()} before
 * unlocking and runs with {@link #wake(Waiter)} after:
 * <pre>{@code
 * Waiter woken;
 * synchronized (lock) {
 *     int unused = list.grant(released);
 *     woken = list.takeWakeups();
 * }
 * WaitList.wake(woken);
 * }</pre>
 * The waiter says how many units it wants when it is made (a semaphore's acquire of
 * {@code n} permits), so that a wait costs one object, not two.
 *
 * <h2>A waiter's life</h2>
 * {@link Waiter#remaining()} tells the polling task, without the lock, where its wait stands:
 * <ul>
 *   <li>{@link Waiter#NEW}: never queued;</li>
 *   <li>above 0: queued, still wanting that many units;</li>
 *   <li>0: granted everything it asked for, and out of the list;</li>
 *   <li>{@link Waiter#REMOVED}: out of the list without its full grant, by {@link #remove} or
 *       {@link #removeAll()}.</li>
 * </ul>
 * A waiter is queued at most once: a new wait is a new waiter. This is what lets a waiter on
 * a wake-up chain be woken after the lock is released without being linked again meanwhile.
 *
 * <h2>Thread safety</h2>
 * Every method but {@link Waiter#remaining()} and {@link #wake(Waiter)} must be called under
 * the owner's lock; {@code wake} is called after releasing it.
 */
public final class WaitList {

    /** The sentinel of the circular list: {@code head.next} is the oldest waiter. */
    private final Waiter head = new Waiter(0);
    /** The chain of waiters to wake once the lock is released, oldest first. */
    private Waiter wakeFirst;
    private Waiter wakeLast;

    /** Creates an empty list. */
    public WaitList() {
        head.prev = head;
        head.next = head;
    }

    /**
     * Tells whether nobody waits.
     *
     * @return {@code true} if the list is empty
     */
    public boolean isEmpty() {
        return head.next == head;
    }

    /**
     * Queues {@code waiter} at the end, wanting the units it was made for, to be woken through
     * {@code waker}.
     *
     * @param waiter a waiter that was never queued, wanting at least 1 unit
     * @param waker  whom to wake when it is granted or removed; null to be woken by no one
     * @throws IllegalStateException if {@code waiter} was queued before, or wants no unit
     */
    public void add(Waiter waiter, Waker waker) {
        int units = waiter.requested;
        if (waiter.remaining != Waiter.NEW || units < 1) {
            throw new IllegalStateException(units < 1 ? "a waiter must want at least 1 unit to be queued"
                    : "a waiter is queued at most once: make a new wait instead");
        }
        waiter.waker = waker;
        waiter.prev = head.prev;
        waiter.next = head;
        head.prev.next = waiter;
        head.prev = waiter;
        waiter.remaining = units;
    }

    /**
     * Replaces the waker of a queued waiter, for a wait polled again by another task or with
     * another waker.
     *
     * @param waiter the waiter
     * @param waker  its new waker
     * @return {@code true} if it is still queued; {@code false} if it was granted or removed
     *         meanwhile (its waker is then not kept)
     */
    public boolean updateWaker(Waiter waiter, Waker waker) {
        if (waiter.remaining <= 0) {
            return false;
        }
        waiter.waker = waker;
        return true;
    }

    /**
     * Hands up to {@code units} units to the waiters, oldest first: each is served in full
     * before the next gets any, so a large request is never overtaken; the oldest may be served
     * only in part when the units run out. Waiters served in full leave the list and join the
     * wake-up chain.
     *
     * @param units how many units are free, at least 0
     * @return the units nobody needed
     */
    public int grant(int units) {
        Waiter w = head.next;
        while (units > 0 && w != head) {
            int want = w.remaining;
            if (units < want) {
                w.remaining = want - units;
                return 0;
            }
            units -= want;
            Waiter next = w.next;
            unlink(w);
            w.remaining = 0;
            chain(w);
            w = next;
        }
        return units;
    }

    /**
     * Takes {@code waiter} out of the list, whatever it was waiting for, and returns the units
     * it holds: those granted in part while it was queued, or all it asked for if it was served
     * in full. The owner decides what they become: units a cancelled wait held go to the next
     * waiters; units of a wait that succeeded are its own. Nothing joins the wake-up chain.
     *
     * @param waiter the waiter
     * @return the units it held, 0 if it held none (or was removed before)
     */
    public int remove(Waiter waiter) {
        int left = waiter.remaining;
        if (left == Waiter.NEW || left == Waiter.REMOVED) {
            return 0;
        }
        if (left > 0) {
            unlink(waiter);
            waiter.waker = null;
        }
        waiter.remaining = Waiter.REMOVED;
        return waiter.requested - left;
    }

    /**
     * Takes every waiter out of the list, marks each {@link Waiter#REMOVED}, and puts them on the
     * wake-up chain: a close, or a wake-all.
     *
     * @return the units they had been granted in part, for the owner to take back
     */
    public int removeAll() {
        int held = 0;
        for (Waiter w = head.next; w != head; w = head.next) {
            held += w.requested - w.remaining;
            unlink(w);
            w.remaining = Waiter.REMOVED;
            chain(w);
        }
        return held;
    }

    /**
     * Takes the chain of waiters to wake, built by the calls since the last take; call it before
     * releasing the lock, and {@link #wake(Waiter)} the chain after.
     *
     * @return the first waiter of the chain, or {@code null} if there is none
     */
    public Waiter takeWakeups() {
        Waiter first = wakeFirst;
        wakeFirst = null;
        wakeLast = null;
        return first;
    }

    /**
     * Wakes every waiter of a chain taken by {@link #takeWakeups()}, oldest first; call it after
     * releasing the lock. A waker that throws does not stop the others: the first exception is
     * rethrown once they all ran, with the later ones suppressed.
     *
     * @param first the chain, or {@code null}
     */
    public static void wake(Waiter first) {
        RuntimeException failure = null;
        for (Waiter w = first; w != null; ) {
            Waiter next = w.next;
            Waker k = w.waker;
            w.next = null;
            w.waker = null;
            if (k != null) {
                try {
                    k.wake();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            w = next;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void unlink(Waiter w) {
        w.prev.next = w.next;
        w.next.prev = w.prev;
        w.prev = null;
        w.next = null;
    }

    /**
     * Puts an unlinked waiter on the wake-up chain, threaded through its free {@code next} link;
     * its waker stays where it is, to be called after the lock. Safe because a waiter off the
     * list is never linked again, and nothing but {@link #wake} reads those two fields of it.
     */
    private void chain(Waiter w) {
        if (wakeLast == null) {
            wakeFirst = w;
        } else {
            wakeLast.next = w;
        }
        wakeLast = w;
    }

    @Override
    public String toString() {
        int n = 0;
        for (Waiter w = head.next; w != head; w = w.next) {
            n++;
        }
        return "WaitList[" + n + " waiting]";
    }

    /**
     * A place in a {@link WaitList}. Extend it, so the wait's own future is its node; every
     * field is guarded by the owner's lock, except {@link #remaining()}.
     */
    public static class Waiter {

        /** {@link #remaining()} of a waiter never queued. */
        public static final int NEW = -2;
        /** {@link #remaining()} of a waiter taken out of the list without its full grant. */
        public static final int REMOVED = -1;

        /** Written under the lock; read by the polling task without it. */
        private volatile int remaining = NEW;
        private final int requested;
        /** The list's links while queued; {@code next} then threads the wake-up chain. */
        private Waiter prev;
        private Waiter next;
        /** The waker of the wait's latest poll, until it is woken. */
        private Waker waker;

        /**
         * Creates a waiter that is not queued.
         *
         * @param units how many units it will want once queued
         */
        protected Waiter(int units) {
            this.requested = units;
        }

        /**
         * How many units this waiter wants in all.
         *
         * @return the units it was made for
         */
        public final int requested() {
            return requested;
        }

        /**
         * Where the wait stands: {@link #NEW}, the units still wanted (above 0), 0 once served
         * in full, or {@link #REMOVED}. Readable without the owner's lock.
         *
         * @return the state of the wait
         */
        public final int remaining() {
            return remaining;
        }

        /**
         * Tells whether the waiter is in its list.
         *
         * @return {@code true} while it waits for units
         */
        public final boolean isQueued() {
            return remaining > 0;
        }
    }
}

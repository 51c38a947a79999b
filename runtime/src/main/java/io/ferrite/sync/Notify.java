package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes one waiting task, or all of them, without carrying data (Tokio's
 * {@code tokio::sync::Notify}); the signal the channels, {@link Barrier} and
 * {@link CancellationToken} wait on.
 *
 * <p>{@link #notified()} returns a future that completes when notified. {@link #notifyOne()}
 * wakes the longest waiting {@code notified()} future; if none is waiting, it stores a single
 * permit that the next {@code notified()} consumes at once (several calls store one permit, not
 * several), so a notification sent just before the wait is not lost. {@link #notifyWaiters()}
 * completes every {@code notified()} future created before the call, polled yet or not, and
 * stores nothing.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Notify ready = new Notify();
 *
 * @Async
 * Future<Void> consumer() {
 *     while (queue.isEmpty()) {
 *         await(ready.notified());
 *     }
 *     return Future.ready(null);
 * }
 *
 * void producer(Job job) {
 *     queue.add(job);
 *     ready.notifyOne();     // the consumer does not miss it, even if it has not waited yet
 * }
 * }</pre>
 *
 * <p>To wait for a condition with {@link #notifyWaiters()}, create the future <em>before</em>
 * checking the condition, as the notifier changes the state before notifying:
 * <pre>{@code
 * while (true) {
 *     Future<Void> changed = notify.notified();   // from now on, no notifyWaiters() is missed
 *     if (condition()) break;
 *     await(changed);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending {@code notified()} future removes it from the queue. If
 * {@code notifyOne()} had chosen it and it had not yet observed that, the notification passes on
 * to the next waiter (or back to the stored permit): a cancelled waiter never swallows one.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread; notifying takes no lock when nobody waits.
 */
public final class Notify {

    /*
     * state = (generation << 2) | mode. generation counts notifyWaiters() calls; mode is EMPTY,
     * NOTIFIED (one stored permit) or WAITING (the queue is non-empty). WAITING is entered and
     * left only under the lock; EMPTY <-> NOTIFIED also changes without it, by CAS.
     */
    private static final int EMPTY = 0;
    private static final int NOTIFIED = 1;
    private static final int WAITING = 2;
    private static final int MODE = 3;
    private static final int GENERATION = 4;

    private final AtomicInteger state = new AtomicInteger();
    /** Sentinel of the circular wait queue and the lock that guards it. */
    private final Notified queue = new Notified(null);

    /**
     * Creates a notify with no stored permit and no waiter.
     *
     * <pre>{@code
     * Notify changed = new Notify();
     * }</pre>
     */
    public Notify() {
        queue.prev = queue;
        queue.next = queue;
    }

    /**
     * Returns a future that completes when this is notified: by a stored permit, a later
     * {@link #notifyOne()}, or a {@link #notifyWaiters()} made after this call.
     *
     * <pre>{@code
     * await(shutdown.notified());
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: a notification chosen for a cancelled future passes on.
     *
     * @return a future completing with {@code null} when notified
     */
    public Future<Void> notified() {
        return new Notified(this);
    }

    /**
     * Wakes the longest waiting {@link #notified()} future, or stores one permit for the next if
     * nobody waits.
     *
     * <pre>{@code
     * queue.add(job);
     * jobsAvailable.notifyOne();
     * }</pre>
     */
    public void notifyOne() {
        while (true) {
            int s = state.get();
            int mode = s & MODE;
            if (mode == NOTIFIED) {
                return;
            }
            if (mode == EMPTY) {
                if (state.compareAndSet(s, s | NOTIFIED)) {
                    return;
                }
                continue;
            }
            Notified chosen = null;
            synchronized (queue) {
                s = state.get();
                if ((s & MODE) == WAITING) {
                    chosen = queue.next;
                    unlinkLocked(chosen);
                    chosen.outcome = Notified.BY_ONE;
                    chosen.toWake = chosen.waker;
                    chosen.waker = null;
                    if (queue.next == queue) {
                        setModeLocked(EMPTY);
                    }
                }
            }
            if (chosen != null) {
                Waker w = chosen.toWake;
                chosen.toWake = null;
                w.wake();
                return;
            }
        }
    }

    /**
     * Completes every {@link #notified()} future created before this call; stores no permit.
     *
     * <pre>{@code
     * state.set(State.CLOSED);
     * stateChanged.notifyWaiters();
     * }</pre>
     */
    public void notifyWaiters() {
        Notified first;
        synchronized (queue) {
            int s;
            do {
                s = state.get();
            } while (!state.compareAndSet(s, ((s & ~MODE) + GENERATION) | ((s & MODE) == WAITING ? EMPTY : s & MODE)));
            if (queue.next == queue) {
                return;
            }
            // Detach the whole queue; its nodes are chained through `next` for waking.
            first = queue.next;
            queue.prev.next = null;
            queue.next = queue;
            queue.prev = queue;
            for (Notified n = first; n != null; n = n.next) {
                n.outcome = Notified.BY_ALL;
                n.toWake = n.waker;
                n.waker = null;
                n.prev = null;
            }
        }
        for (Notified n = first; n != null; ) {
            Notified next = n.next;
            n.next = null;
            Waker w = n.toWake;
            n.toWake = null;
            w.wake();
            n = next;
        }
    }

    @Override
    public String toString() {
        int mode = state.get() & MODE;
        return "Notify[" + (mode == EMPTY ? "empty" : mode == NOTIFIED ? "permit stored" : "waiters") + "]";
    }

    private void setModeLocked(int mode) {
        int s;
        do {
            s = state.get();
        } while (!state.compareAndSet(s, (s & ~MODE) | mode));
    }

    private static void unlinkLocked(Notified n) {
        n.prev.next = n.next;
        n.next.prev = n.prev;
        n.prev = null;
        n.next = null;
    }

    /** The future of {@link #notified()}, and the node of the wait queue. */
    private static final class Notified implements Future<Void> {

        private static final int PENDING = 0;
        private static final int BY_ONE = 1;
        private static final int BY_ALL = 2;

        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int DONE = 2;

        private final Notify notify;
        /** The notifyWaiters() generation when this future was made. */
        private final int generation;
        /** Set under the lock by the notifier; read by the poller without it. */
        private volatile int outcome = PENDING;
        /** Guarded by the lock. */
        private Notified prev;
        private Notified next;
        private Waker waker;
        private Waker toWake;
        /** Touched by the polling task only. */
        private int phase = NEW;

        Notified(Notify notify) {
            this.notify = notify;
            this.generation = notify == null ? 0 : notify.state.get() & ~MODE;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (phase == WAITING) {
                if (outcome != PENDING) {
                    phase = DONE;
                    return Poll.ready(null);
                }
                synchronized (notify.queue) {
                    if (outcome == PENDING) {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                }
                phase = DONE;
                return Poll.ready(null);
            }
            if (phase == DONE) {
                throw new IllegalStateException("Notify.notified() was polled after it completed: call notified() again");
            }
            AtomicInteger state = notify.state;
            int s = state.get();
            while (true) {
                if ((s & ~MODE) != generation) {
                    phase = DONE;
                    return Poll.ready(null);
                }
                if ((s & MODE) != NOTIFIED) {
                    break;
                }
                if (state.compareAndSet(s, s & ~MODE)) {
                    phase = DONE;
                    return Poll.ready(null);
                }
                s = state.get();
            }
            synchronized (notify.queue) {
                while (true) {
                    s = state.get();
                    if ((s & ~MODE) != generation) {
                        phase = DONE;
                        return Poll.ready(null);
                    }
                    int mode = s & MODE;
                    if (mode == NOTIFIED) {
                        if (state.compareAndSet(s, s & ~MODE)) {
                            phase = DONE;
                            return Poll.ready(null);
                        }
                    } else if (mode == WAITING || state.compareAndSet(s, s | Notify.WAITING)) {
                        break;
                    }
                }
                Notified sentinel = notify.queue;
                waker = cx.waker();
                prev = sentinel.prev;
                next = sentinel;
                sentinel.prev.next = this;
                sentinel.prev = this;
                phase = WAITING;
                return Poll.pending();
            }
        }

        @Override
        public void cancel() {
            if (phase != WAITING) {
                return;
            }
            phase = DONE;
            synchronized (notify.queue) {
                if (outcome == PENDING) {
                    unlinkLocked(this);
                    waker = null;
                    outcome = BY_ALL;   // nothing to pass on
                    if (notify.queue.next == notify.queue) {
                        notify.setModeLocked(EMPTY);
                    }
                    return;
                }
            }
            if (outcome == BY_ONE) {
                notify.notifyOne();
            }
        }

        @Override
        public String toString() {
            return "Notify.notified()[" + (phase == NEW ? "not polled" : phase == WAITING ? "waiting" : "done") + "]";
        }
    }
}

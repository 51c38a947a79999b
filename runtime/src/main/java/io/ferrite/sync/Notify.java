package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.sync.WaitList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes one waiting task, or all of them, without carrying data (Tokio's
 * {@code tokio::sync::Notify}); the signal the {@code Broadcast} and {@code Watch} channels,
 * {@link Barrier} and {@link CancellationToken} wait on.
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
 * <p>With {@link #notifyOne()}, {@link Notified#enable()} does the same for a single waiter: it
 * takes the future's place in the queue before the check, so a {@code notifyOne()} made between
 * the check and the {@code await} is received by this future, not stored for whoever waits next
 * (Tokio's {@code Notified::enable}):
 * <pre>{@code
 * while (true) {
 *     try (Notify.Notified next = jobsAdded.notified()) {
 *         next.enable();               // queued now: a notifyOne() from here on reaches it
 *         Job job = queue.poll();
 *         if (job != null) return Future.ready(job);   // closing it leaves the queue
 *         await(next);
 *     }
 * }
 * }</pre>
 * An enabled future keeps its place in the queue until it completes or is closed, so close
 * one that will not be awaited (try-with-resources does), as Rust drops it: a
 * {@code notifyOne()} that reached it then passes on instead of being swallowed.
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending (or enabled) {@code notified()} future removes it from the queue. If
 * {@code notifyOne()} had chosen it and it had not yet observed that, the notification passes on
 * to the next waiter (or back to the stored permit): a cancelled waiter never swallows one.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread; notifying takes no lock when nobody waits.
 */
public final class Notify {

    /*
     * state = (generation << 2) | mode. generation counts notifyWaiters() calls; mode is EMPTY,
     * NOTIFIED (one stored permit) or WAITING (the list is non-empty). WAITING is entered and
     * left only under the lock; EMPTY <-> NOTIFIED also changes without it, by CAS.
     */
    private static final int EMPTY = 0;
    private static final int NOTIFIED = 1;
    private static final int WAITING = 2;
    private static final int MODE = 3;
    private static final int GENERATION = 4;

    private final AtomicInteger state = new AtomicInteger();
    /** The queued {@code notified()} futures, each wanting one notification; its monitor is the lock. */
    private final WaitList waiters = new WaitList();

    /**
     * Creates a notify with no stored permit and no waiter.
     *
     * <pre>{@code
     * Notify changed = new Notify();
     * }</pre>
     */
    public Notify() {
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
    public Notified notified() {
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
            WaitList.Waiter woken = null;
            boolean served = false;
            synchronized (waiters) {
                if ((state.get() & MODE) == WAITING) {
                    waiters.grant(1);
                    if (waiters.isEmpty()) {
                        setModeLocked(EMPTY);
                    }
                    woken = waiters.takeWakeups();
                    served = true;
                }
            }
            if (served) {
                WaitList.wake(woken);
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
        WaitList.Waiter woken;
        synchronized (waiters) {
            int s;
            do {
                s = state.get();
            } while (!state.compareAndSet(s, ((s & ~MODE) + GENERATION) | ((s & MODE) == WAITING ? EMPTY : s & MODE)));
            waiters.removeAll();
            woken = waiters.takeWakeups();
        }
        WaitList.wake(woken);
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

    /**
     * Takes the stored permit, or sees a {@code notifyWaiters()} made since {@code generation};
     * otherwise queues a new node with {@code waker} (null for {@link Notified#enable()}).
     *
     * @return the queued node, or {@link #NOTIFIED_AT_ONCE} if notified at once
     */
    private Node register(int generation, Waker waker) {
        int s = state.get();
        while (true) {
            if ((s & ~MODE) != generation) {
                return NOTIFIED_AT_ONCE;
            }
            if ((s & MODE) != NOTIFIED) {
                break;
            }
            if (state.compareAndSet(s, s & ~MODE)) {
                return NOTIFIED_AT_ONCE;
            }
            s = state.get();
        }
        synchronized (waiters) {
            while (true) {
                s = state.get();
                if ((s & ~MODE) != generation) {
                    return NOTIFIED_AT_ONCE;
                }
                int mode = s & MODE;
                if (mode == NOTIFIED) {
                    if (state.compareAndSet(s, s & ~MODE)) {
                        return NOTIFIED_AT_ONCE;
                    }
                } else if (mode == WAITING || state.compareAndSet(s, s | WAITING)) {
                    break;
                }
            }
            Node node = new Node();
            waiters.add(node, waker);
            return node;
        }
    }

    /**
     * Leaves the list; returns whether a {@code notifyOne()} had chosen the node, so that the
     * caller passes it on.
     */
    private boolean leave(Node node) {
        synchronized (waiters) {
            int held = waiters.remove(node);
            if (waiters.isEmpty() && (state.get() & MODE) == WAITING) {
                setModeLocked(EMPTY);
            }
            return held > 0;
        }
    }

    /** A queued {@link Notified}'s place in the list: allocated only by a wait that must queue. */
    private static final class Node extends WaitList.Waiter {
        Node() {
            super(1);
        }
    }

    /** What {@link #register} returns when it was notified at once and queued nothing. */
    private static final Node NOTIFIED_AT_ONCE = new Node();

    /**
     * The future of {@link Notify#notified()}: completes with {@code null} once notified.
     * {@link AutoCloseable}: {@link #close()} cancels it unless it completed, so
     * try-with-resources releases an {@linkplain #enable() enabled} future that is not awaited,
     * as Rust's drop does.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Notify.Notified next = jobsAdded.notified()) {
     *     next.enable();
     *     if (queue.isEmpty()) {
     *         await(next);
     *     }
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * Cancel safe: a {@code notifyOne()} that had chosen a cancelled future, and that no poll and
     * no {@link #enable()} had reported, passes on to the next waiter, or is stored again.
     *
     * <h2>Thread safety</h2>
     * Belongs to one task: poll, enable and cancel it from that task only.
     */
    public static final class Notified implements Future<Void>, AutoCloseable {

        private static final int NEW = 0;
        private static final int WAITING = 1;
        /** Notified, and reported so by enable(); the next poll completes. */
        private static final int READY = 2;
        private static final int DONE = 3;

        private final Notify notify;
        /** The notifyWaiters() generation when this future was made. */
        private final int generation;
        /** Touched by the owning task only. */
        private int phase = NEW;
        /** The place in the list, once queued. */
        private Node node;
        /** The waker last handed to the list; saves the lock when a poll brings the same one. */
        private Waker registered;

        Notified(Notify notify) {
            this.notify = notify;
            this.generation = notify.state.get() & ~MODE;
        }

        /**
         * Queues this future now, without polling it, so that a {@link Notify#notifyOne()} made
         * from here on is received by this future (Tokio's {@code Notified::enable}); a stored
         * permit is taken at once. Calling it again, or after a poll, only reports the state.
         *
         * <p>From here on the future holds its place until it completes or is cancelled: if it
         * may not be awaited, {@linkplain #close() close} it (try-with-resources), or it
         * swallows the {@code notifyOne()} that reaches it.
         *
         * <pre>{@code
         * try (Notify.Notified next = notify.notified()) {
         *     if (!next.enable() && !condition()) {
         *         await(next);
         *     }
         * }
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancelling an enabled future that a {@code notifyOne()} reached passes the
         * notification on, as for a polled one, unless this method already returned
         * {@code true}: the caller then knows of it, as after a poll that completed.
         *
         * @return {@code true} if the future is notified already (a poll would complete it)
         */
        public boolean enable() {
            switch (phase) {
                case NEW:
                    return start(null);
                case WAITING:
                    if (node.isQueued()) {
                        return false;
                    }
                    phase = READY;   // reported: from now on this future has it, even if cancelled
                    return true;
                default:
                    return true;
            }
        }

        /**
         * Completes with {@code null} once notified; see {@link Notify#notified()}.
         *
         * @param cx the context of the polling task
         * @return ready once notified, else pending
         * @throws IllegalStateException if polled after it completed
         */
        @Override
        public Poll<Void> poll(Context cx) {
            switch (phase) {
                case NEW:
                    if (!start(cx.waker())) {
                        return Poll.pending();
                    }
                    break;
                case WAITING: {
                    Node n = node;
                    if (n.remaining() > 0) {
                        Waker waker = cx.waker();
                        if (waker == registered) {
                            return Poll.pending();
                        }
                        registered = waker;
                        synchronized (notify.waiters) {
                            if (notify.waiters.updateWaker(n, waker)) {
                                return Poll.pending();
                            }
                        }
                    }
                    break;
                }
                case READY:
                    break;
                default:
                    throw new IllegalStateException("Notify.notified() was polled after it completed: call notified() again");
            }
            phase = DONE;
            return Poll.ready(null);
        }

        /** First poll or enable: true if notified at once (then READY), false once queued. */
        private boolean start(Waker waker) {
            Node n = notify.register(generation, waker);
            if (n == NOTIFIED_AT_ONCE) {
                phase = READY;
                return true;
            }
            node = n;
            registered = waker;
            phase = WAITING;
            return false;
        }

        /**
         * Stops waiting; a {@code notifyOne()} that had chosen this future, and that neither a
         * poll nor {@link #enable()} had reported, passes on.
         */
        @Override
        public void cancel() {
            int p = phase;
            phase = DONE;
            if (p == WAITING && notify.leave(node)) {
                notify.notifyOne();
            }
        }

        /**
         * Cancels this future unless it completed: leaves the queue, passing on a
         * {@code notifyOne()} it had received and not reported. Harmless after completion and
         * when called again.
         */
        @Override
        public void close() {
            cancel();
        }

        @Override
        public String toString() {
            return "Notify.notified()[" + (phase == NEW ? "not polled" : phase == WAITING ? "waiting"
                    : phase == READY ? "notified" : "done") + "]";
        }
    }
}

package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Notify;

/**
 * What {@link Broadcast} and {@link Watch} share: the state of a channel with many senders and
 * many receivers (the counts of each, and the {@link Notify} receivers wait on), the senders'
 * bookkeeping (clone, close, the last close ending the channel), and the receivers' (close, the
 * wait for the next value, its future). Each channel adds what it carries: a ring of recent
 * messages, or the latest value.
 *
 * <p>Every field is guarded by the object's monitor, which the channels also hold for their own
 * state; no waker runs under it, as {@link Notify} is called after the monitor is released.
 */
abstract class Multicast {

    /** Stands for the end of the channel inside {@link ReceiverEnd#next()}; never handed out. */
    static final Object END = new Object();

    int senders = 1;
    int receivers = 1;
    /** Notified by every send, and by the last sender's close: what receivers wait on. */
    final Notify changed = new Notify();
    /** Notified when the last receiver closes: what {@link SenderEnd#receiversClosed()} waits on. */
    final Notify receiversGone = new Notify();

    /**
     * What both ends share: the channel's state, typed as the channel's own subclass, and the
     * closed flag.
     *
     * @param <S> the channel's state
     */
    abstract static class End<S extends Multicast> implements AutoCloseable {
        final S shared;
        /** The public name of this kind of end, for messages: {@code Broadcast.Sender}. */
        private final String kind;
        /** Guarded by the shared monitor. */
        boolean closed;

        End(S shared, String kind) {
            this.shared = shared;
            this.kind = kind;
        }

        final String kind() {
            return kind;
        }

        /** Under the shared monitor: fails if this end is closed. */
        final void checkOpenLocked() {
            if (closed) {
                throw new IllegalStateException("this " + kind + " is closed: use it before close()");
            }
        }

        final boolean isEndClosed() {
            synchronized (shared) {
                return closed;
            }
        }

        /** Under the shared monitor: takes this end off its count; returns whether it was the last. */
        abstract boolean leaveLocked();

        /** After the monitor is released: what closing this end sets off. */
        abstract void left(boolean last);

        /**
         * Closes this end. The last sender's close ends the channel: each receiver, once it has
         * seen what is left for it, sees the end. The last receiver's close makes senders hand
         * their messages back. Only the first call does anything.
         */
        @Override
        public final void close() {
            boolean last;
            synchronized (shared) {
                if (closed) {
                    return;
                }
                closed = true;
                last = leaveLocked();
            }
            left(last);
        }
    }

    /**
     * A sending end: counted while open; the last one's close ends the channel.
     *
     * @param <S> the channel's state
     */
    abstract static class SenderEnd<S extends Multicast> extends End<S> {

        SenderEnd(S shared, String kind) {
            super(shared, kind);
        }

        /** Counts one more sender for {@code clone()}. */
        final void retain() {
            synchronized (shared) {
                checkOpenLocked();
                shared.senders++;
            }
        }

        @Override
        final boolean leaveLocked() {
            return --shared.senders == 0;
        }

        @Override
        final void left(boolean last) {
            if (last) {
                shared.changed.notifyWaiters();
            }
        }

        /**
         * Returns the number of receivers subscribed now.
         *
         * @return the receiver count
         */
        public final int receiverCount() {
            synchronized (shared) {
                return shared.receivers;
            }
        }

        /** A future completing once no receiver is subscribed; cancelling it only stops the wait. */
        final Future<Void> receiversClosed() {
            return new Future<>() {
                private Notify.Notified wait;

                @Override
                public Poll<Void> poll(Context cx) {
                    while (true) {
                        if (wait == null) {
                            // Made before looking, so a close between the look and the wait is not missed.
                            wait = shared.receiversGone.notified();
                        }
                        synchronized (shared) {
                            if (shared.receivers == 0) {
                                cancel();
                                return Poll.ready(null);
                            }
                        }
                        if (wait.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        wait = null;
                    }
                }

                @Override
                public void cancel() {
                    Future<Void> w = wait;
                    wait = null;
                    if (w != null) {
                        w.cancel();
                    }
                }

                @Override
                public String toString() {
                    return kind() + ".closed()";
                }
            };
        }
    }

    /**
     * A receiving end: counted while open; waits on {@link #changed} for its next value, which
     * the channel's {@link #next()} says.
     *
     * @param <S> the channel's state
     */
    abstract static class ReceiverEnd<S extends Multicast> extends End<S> {
        /** The pending wait of the current receive; touched by this receiver's task only. */
        private Notify.Notified wait;

        ReceiverEnd(S shared, String kind) {
            super(shared, kind);
        }

        /**
         * Under the shared monitor: the next value for this receiver (now marked received),
         * {@link #END} once the channel has ended for it, or null if there is none yet.
         */
        abstract Object next();

        /** Under the shared monitor: counts one more receiver, for {@code subscribe()} and {@code clone()}. */
        static void retainLocked(Multicast shared) {
            shared.receivers++;
        }

        /**
         * The receive both channels run: the next value, the end (ready with null), or pending
         * with this task's waker registered for the next send or the last sender's close.
         */
        @SuppressWarnings("unchecked")
        final <T> Poll<T> pollNext(Context cx) {
            // Cooperative budget (as Tokio's channels): a receiver that always finds a message
            // would otherwise keep its worker forever; when the budget is spent the task is woken
            // and yields, and no message has been taken.
            if (!Task.pollProceed(cx)) {
                return Poll.pending();
            }
            while (true) {
                if (wait == null) {
                    // Made before looking, so a send between the look and the wait is not missed.
                    wait = shared.changed.notified();
                }
                Object v;
                synchronized (shared) {
                    checkOpenLocked();
                    v = next();
                }
                if (v != null) {
                    cancelWait();
                    return Poll.ready(v == END ? null : (T) v);
                }
                if (wait.poll(cx).isPending()) {
                    return Poll.pending();
                }
                wait = null;
            }
        }

        /** Stops waiting: for a cancelled receive, and once a receive completed. */
        final void cancelWait() {
            Notify.Notified w = wait;
            wait = null;
            if (w != null) {
                w.cancel();
            }
        }

        @Override
        final boolean leaveLocked() {
            return --shared.receivers == 0;
        }

        @Override
        final void left(boolean last) {
            cancelWait();
            if (last) {
                shared.receiversGone.notifyWaiters();
            }
        }
    }

    /**
     * The future of a receive: {@code recv()} of both channels, and {@code Watch}'s
     * {@code changed()}, which completes with whether a value arrived instead of the value.
     *
     * @param <R> the future's value
     */
    static final class Recv<R> implements Future<R> {
        private final ReceiverEnd<?> receiver;
        private final boolean changedOnly;
        private final String name;
        private boolean done;

        Recv(ReceiverEnd<?> receiver, boolean changedOnly, String name) {
            this.receiver = receiver;
            this.changedOnly = changedOnly;
            this.name = name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<R> poll(Context cx) {
            if (done) {
                throw new IllegalStateException(name + " was polled after it completed: call it again for the next");
            }
            Poll<Object> p;
            try {
                p = receiver.pollNext(cx);
            } catch (RuntimeException e) {
                done = true;
                throw e;
            }
            if (p.isPending()) {
                return Poll.pending();
            }
            done = true;
            return changedOnly ? (Poll<R>) Poll.ready(p.value() != null) : (Poll<R>) p;
        }

        /** Stops waiting; nothing was received, so nothing is lost. */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                receiver.cancelWait();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

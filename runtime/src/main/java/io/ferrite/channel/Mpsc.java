package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Notify;
import io.ferrite.sync.Semaphore;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multi-producer, single-consumer channels (Tokio's {@code tokio::sync::mpsc}): many
 * {@link Sender}s, one {@link Receiver}, messages received in the order they were sent by each
 * sender.
 *
 * <p>{@link #channel(int)} makes a bounded channel: when {@code capacity} messages are waiting,
 * {@link Sender#send(Object)} waits for room, which slows fast producers down to the consumer's
 * pace (backpressure). {@link #unboundedChannel()} makes one whose sends never wait.
 *
 * <h2>The end of the channel</h2>
 * Messages are never {@code null}: {@link Receiver#recv()} completes with {@code null} when
 * every sender is closed (or the receiver was closed) and every buffered message has been
 * received, so the usual loop ends without an exception. Close every sender, typically with
 * try-with-resources, or the receiver waits for ever. Sending to a channel whose receiver is
 * closed hands the message back in a {@link SendResult}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Mpsc.Channel<String> ch = Mpsc.channel(16);
 *
 * @Async
 * Future<Void> produce(Mpsc.Sender<String> tx) {
 *     try (tx) {
 *         for (String line : lines) {
 *             if (!await(tx.send(line)).isSent()) {
 *                 break;   // the consumer has gone
 *             }
 *         }
 *     }
 *     return Future.ready(null);
 * }
 *
 * @Async
 * Future<Integer> consume(Mpsc.Receiver<String> rx) {
 *     int count = 0;
 *     for (String line; (line = await(rx.recv())) != null; ) {
 *         count += line.length();
 *     }
 *     return Future.ready(count);   // every sender closed and the buffer drained
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link Receiver#recv()} is cancel safe: a message leaves the channel only in the poll that
 * returns it, so cancelling a pending {@code recv()} (in a {@code select} loop, say) loses
 * nothing. {@link Sender#send(Object)} is cancel safe in that a cancelled send leaves no trace:
 * the message was not sent and is still the caller's, and the room it waited for goes to the next
 * sender; only its place in the queue of waiting senders is lost.
 *
 * <h2>Thread safety</h2>
 * Senders may be used from any thread, at once. The receiver belongs to one consumer at a time.
 */
public final class Mpsc {

    private Mpsc() {
    }

    /**
     * Makes a bounded channel holding up to {@code capacity} messages.
     *
     * <pre>{@code
     * Mpsc.Channel<Job> jobs = Mpsc.channel(64);
     * Mpsc.Sender<Job> tx = jobs.sender();
     * Mpsc.Receiver<Job> rx = jobs.receiver();
     * }</pre>
     *
     * @param capacity how many messages may wait in the channel, at least 1
     * @param <T>      the message type
     * @return the sender and receiver
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or above
     *                                  {@link Semaphore#MAX_PERMITS}
     */
    public static <T> Channel<T> channel(int capacity) {
        if (capacity < 1 || capacity > Semaphore.MAX_PERMITS) {
            throw new IllegalArgumentException("Mpsc.channel(" + capacity + "): the capacity must be from 1 to "
                    + Semaphore.MAX_PERMITS + "; use Mpsc.unboundedChannel() for no limit");
        }
        Chan<T> chan = new Chan<>(new Semaphore(capacity));
        return new Channel<>(new Sender<>(chan), new Receiver<>(chan));
    }

    /**
     * Makes a channel with no limit: sends never wait. Prefer {@link #channel(int)} unless the
     * producers are known to be slower than the consumer, or memory grows without bound.
     *
     * <pre>{@code
     * Mpsc.UnboundedChannel<Event> events = Mpsc.unboundedChannel();
     * events.sender().send(new Event("started"));
     * }</pre>
     *
     * @param <T> the message type
     * @return the sender and receiver
     */
    public static <T> UnboundedChannel<T> unboundedChannel() {
        Chan<T> chan = new Chan<>(null);
        return new UnboundedChannel<>(new UnboundedSender<>(chan), new Receiver<>(chan));
    }

    /**
     * The two ends of a bounded channel.
     *
     * @param sender   the first sender; {@link Sender#clone()} makes more
     * @param receiver the receiver
     * @param <T>      the message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * The two ends of an unbounded channel.
     *
     * @param sender   the first sender; {@link UnboundedSender#clone()} makes more
     * @param receiver the receiver
     * @param <T>      the message type
     */
    public record UnboundedChannel<T>(UnboundedSender<T> sender, Receiver<T> receiver) {
    }

    /**
     * The state both ends share. The buffer is guarded by the chan's monitor; a bounded send
     * takes its slot and adds its message under that monitor, and a receive takes the message
     * under it, so {@code trySend} and {@code tryRecv} are linearizable (never "full" and "empty"
     * at once). The monitor is never held while a waker runs.
     */
    static final class Chan<T> {
        /** Guarded by {@code this}. */
        private final ArrayDeque<T> queue = new ArrayDeque<>();
        /** Free slots, for a bounded channel; null when unbounded. Closed when the receiver closes. */
        final Semaphore capacity;
        /** The receiver waits on it; a send or the last sender's close notifies it. */
        final Notify received = new Notify();
        final AtomicInteger senders = new AtomicInteger(1);
        volatile boolean receiverClosed;

        Chan(Semaphore capacity) {
            this.capacity = capacity;
        }

        void push(T value) {
            synchronized (this) {
                queue.add(value);
            }
            received.notifyOne();
        }

        /** Adds the message unless the sender or the receiver is closed; null if sent. */
        SendResult<T> pushUnbounded(SenderBase<T> sender, T value) {
            synchronized (this) {
                if (sender.closed || receiverClosed) {
                    return SendResult.closed(value);
                }
                queue.add(value);
            }
            received.notifyOne();
            return null;
        }

        /**
         * Checks the sender, takes a slot and adds the message in one step; null if sent, else
         * why not.
         */
        SendResult<T> tryPush(SenderBase<T> sender, T value) {
            synchronized (this) {
                if (sender.closed) {
                    return SendResult.closed(value);
                }
                Semaphore.Permit permit;
                try {
                    permit = capacity.tryAcquire();
                } catch (Semaphore.ClosedException receiverClosed) {
                    return SendResult.closed(value);
                }
                if (permit == null) {
                    return SendResult.full(value);
                }
                permit.forget();
                queue.add(value);
            }
            received.notifyOne();
            return null;
        }

        T poll() {
            T v;
            synchronized (this) {
                v = queue.poll();
            }
            if (v != null && capacity != null) {
                capacity.addPermits(1);
            }
            return v;
        }

        synchronized boolean isEmpty() {
            return queue.isEmpty();
        }

        static <T> T requireMessage(T value) {
            return Objects.requireNonNull(value, "Mpsc channels carry non-null messages: recv() completes with null"
                    + " to say the channel has ended, so send a wrapper or an empty value instead of null");
        }
    }

    /** What both kinds of sender share: cloning, and closing that ends the channel. */
    private abstract static class SenderBase<T> implements AutoCloseable {
        final Chan<T> chan;
        /** Written under the chan's monitor, so a try-send checks it and pushes in one step. */
        volatile boolean closed;

        SenderBase(Chan<T> chan) {
            this.chan = chan;
        }

        final void retain() {
            chan.senders.incrementAndGet();
        }

        final boolean isSenderClosed() {
            return closed;
        }

        /**
         * Closes this sender. When every sender is closed, the receiver, once it has received
         * the buffered messages, sees the end of the channel. Only the first call does anything.
         */
        @Override
        public final void close() {
            synchronized (chan) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (chan.senders.decrementAndGet() == 0) {
                chan.received.notifyOne();
            }
        }

        /**
         * Tells whether the receiver is closed, so that nothing sent will be received.
         *
         * @return {@code true} once the receiver is closed
         */
        public final boolean isClosed() {
            return chan.receiverClosed;
        }
    }

    /**
     * The sending end of a bounded channel; {@link #clone()} it for each producer, and close
     * each clone when done.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.Sender<Job> tx = jobs.sender().clone()) {
     *     await(tx.send(job));
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * See {@link #send(Object)}.
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once; close it only when no send on it is pending.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> extends SenderBase<T> {

        Sender(Chan<T> chan) {
            super(chan);
        }

        /**
         * Returns a future that waits for room in the channel, then puts {@code value} in it.
         * Senders waiting for room get it in the order they started waiting.
         *
         * <pre>{@code
         * SendResult<String> r = await(tx.send("hello"));
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * A cancelled send has not sent the message and holds no room; the message is still the
         * caller's.
         *
         * @param value the message, not null
         * @return a future of {@link SendResult#isSent() sent}, or of
         *         {@link SendResult#isClosed() closed} with the message handed back when the
         *         receiver is (or becomes, while waiting) closed, or this sender is closed
         * @throws NullPointerException if {@code value} is null
         */
        public Future<SendResult<T>> send(T value) {
            return new Send<>(this, Chan.requireMessage(value));
        }

        /**
         * Puts {@code value} in the channel now if there is room.
         *
         * <pre>{@code
         * if (tx.trySend(event).isFull()) { dropped++; }
         * }</pre>
         *
         * @param value the message, not null
         * @return sent; full; or closed (the receiver or this sender is closed), with the
         *         message handed back
         * @throws NullPointerException if {@code value} is null
         */
        public SendResult<T> trySend(T value) {
            Chan.requireMessage(value);
            SendResult<T> refused = chan.tryPush(this, value);
            return refused != null ? refused : SendResult.sent();
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Mpsc.Sender<Job> forWorker = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public Sender<T> clone() {
            if (isSenderClosed()) {
                throw new IllegalStateException("clone() of a closed Mpsc.Sender: clone it before closing it");
            }
            retain();
            return new Sender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.Sender[" + (isSenderClosed() ? "closed" : isClosed() ? "receiver closed" : "open") + "]";
        }
    }

    /** Every successful send completes with this one poll, so a send allocates no result. */
    private static final Poll<SendResult<Object>> SENT = Poll.ready(SendResult.sent());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Poll<SendResult<T>> sentPoll() {
        return (Poll) SENT;
    }

    /** The future of {@link Sender#send(Object)}. */
    private static final class Send<T> implements Future<SendResult<T>> {
        private final Sender<T> sender;
        private T value;
        private Future<Semaphore.Permit> room;

        Send(Sender<T> sender, T value) {
            this.sender = sender;
            this.value = value;
        }

        @Override
        public Poll<SendResult<T>> poll(Context cx) {
            T v = value;
            if (v == null) {
                throw new IllegalStateException("Mpsc.Sender.send() was polled after it completed: call send() again");
            }
            if (room == null) {
                // Fast path: room now and nobody queued for it, so no wait node is needed.
                SendResult<T> refused = sender.chan.tryPush(sender, v);
                if (refused == null) {
                    value = null;
                    return sentPoll();
                }
                if (refused.isClosed()) {
                    return done(refused);
                }
                room = sender.chan.capacity.acquire();
            } else if (sender.isSenderClosed()) {
                room.cancel();   // room granted meanwhile goes to the next sender
                return done(SendResult.closed(v));
            }
            Poll<Semaphore.Permit> p;
            try {
                p = room.poll(cx);
            } catch (Semaphore.ClosedException receiverClosed) {
                return done(SendResult.closed(v));
            }
            if (p.isPending()) {
                return Poll.pending();
            }
            p.value().forget();
            sender.chan.push(v);
            value = null;
            room = null;
            return sentPoll();
        }

        private Poll<SendResult<T>> done(SendResult<T> result) {
            value = null;
            room = null;
            return Poll.ready(result);
        }

        @Override
        public void cancel() {
            Future<Semaphore.Permit> r = room;
            room = null;
            value = null;
            if (r != null) {
                r.cancel();
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.send()[" + (value == null ? "done" : room == null ? "not polled" : "waiting for room")
                    + "]";
        }
    }

    /**
     * The sending end of an unbounded channel: sends never wait. {@link #clone()} it for each
     * producer, and close each clone when done.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.UnboundedSender<Event> tx = events.sender()) {
     *     tx.send(new Event("started"));
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once; close it only when no send on it is in progress.
     *
     * @param <T> the message type
     */
    public static final class UnboundedSender<T> extends SenderBase<T> {

        UnboundedSender(Chan<T> chan) {
            super(chan);
        }

        /**
         * Puts {@code value} in the channel; never waits.
         *
         * <pre>{@code
         * tx.send(event);
         * }</pre>
         *
         * @param value the message, not null
         * @return sent, or closed (the receiver or this sender is closed) with the message
         *         handed back
         * @throws NullPointerException if {@code value} is null
         */
        public SendResult<T> send(T value) {
            Chan.requireMessage(value);
            SendResult<T> refused = chan.pushUnbounded(this, value);
            return refused != null ? refused : SendResult.sent();
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Mpsc.UnboundedSender<Event> forWorker = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public UnboundedSender<T> clone() {
            if (isSenderClosed()) {
                throw new IllegalStateException("clone() of a closed Mpsc.UnboundedSender: clone it before closing it");
            }
            retain();
            return new UnboundedSender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.UnboundedSender[" + (isSenderClosed() ? "closed" : isClosed() ? "receiver closed" : "open")
                    + "]";
        }
    }

    /**
     * The receiving end of an mpsc channel, bounded or not.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * for (Job job; (job = await(rx.recv())) != null; ) {
     *     await(job.run());
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * {@link #recv()} is cancel safe: no message is lost by cancelling it.
     *
     * <h2>Thread safety</h2>
     * One consumer at a time: do not poll two {@code recv()} futures of one receiver at once.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> implements AutoCloseable {

        private final Chan<T> chan;
        /** The pending wait of the current recv(); touched by the consumer only. */
        private Future<Void> wait;

        Receiver(Chan<T> chan) {
            this.chan = chan;
        }

        /**
         * Returns a future of the next message, or of {@code null} once the channel has ended
         * (every sender closed, or this receiver closed, and the buffer drained).
         *
         * <pre>{@code
         * String msg = await(rx.recv());
         * if (msg == null) { return Future.ready(null); }   // no more messages, ever
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: a message is taken only by the poll that returns it.
         *
         * @return a future of the next message, or of {@code null} at the end
         */
        public Future<T> recv() {
            return new Recv<>(this);
        }

        /**
         * Polls for the next message: the building block of {@link #recv()}, and what a stream
         * over this receiver calls.
         *
         * <pre>{@code
         * Poll<String> p = rx.pollRecv(cx);
         * }</pre>
         *
         * @param cx the context of the polling task; its waker is called when a message arrives
         *           or the channel ends
         * @return ready with the next message, ready with {@code null} at the end, or pending
         */
        public Poll<T> pollRecv(Context cx) {
            // Cooperative budget (as Tokio's channels): a receiver that always finds a message
            // would otherwise keep its worker forever; when the budget is spent the task is woken
            // and yields, and no message has been taken.
            if (!Task.pollProceed(cx)) {
                return Poll.pending();
            }
            while (true) {
                T v = take();
                if (v != null) {
                    return ready(v);
                }
                if (wait == null) {
                    wait = chan.received.notified();
                }
                if (wait.poll(cx).isPending()) {
                    return Poll.pending();
                }
                wait = null;
            }
        }

        /**
         * Takes the next message now if one is waiting.
         *
         * <pre>{@code
         * for (String m; (m = rx.tryRecv()) != null; ) { batch.add(m); }
         * }</pre>
         *
         * @return the message, or {@code null} if none is waiting (use {@link #isEnded()} to tell
         *         whether one ever will be)
         */
        public T tryRecv() {
            return chan.poll();
        }

        /**
         * Tells whether the channel has ended: every sender is closed (or this receiver is) and
         * no message is left.
         *
         * <pre>{@code
         * if (rx.tryRecv() == null && rx.isEnded()) { finish(); }
         * }</pre>
         *
         * @return {@code true} once nothing will ever be received
         */
        public boolean isEnded() {
            return (chan.senders.get() == 0 || chan.receiverClosed) && chan.isEmpty();
        }

        /**
         * Closes the receiving side: later sends, and sends waiting for room, hand their message
         * back as {@linkplain SendResult#isClosed() closed}. Messages already buffered can still
         * be received; then {@link #recv()} completes with {@code null}. Only the first call does
         * anything.
         */
        @Override
        public void close() {
            if (!chan.receiverClosed) {
                chan.receiverClosed = true;
                if (chan.capacity != null) {
                    chan.capacity.close();
                }
            }
        }

        /** One attempt: a message, or null, which is the end only if {@code ended()} said so. */
        private T take() {
            T v = tryRecv();
            if (v == null && (chan.senders.get() == 0 || chan.receiverClosed)) {
                // Every send happened before the close that ended the channel: one more look
                // sees them all.
                v = tryRecv();
                if (v == null) {
                    return endMarker();
                }
            }
            return v;
        }

        private Poll<T> ready(T v) {
            if (v == END) {
                cancelWait();
                return Poll.ready(null);
            }
            return Poll.ready(v);
        }

        @SuppressWarnings("unchecked")
        private T endMarker() {
            return (T) END;
        }

        void cancelWait() {
            Future<Void> w = wait;
            wait = null;
            if (w != null) {
                w.cancel();
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver[" + (isEnded() ? "ended" : chan.receiverClosed ? "closed" : "open") + "]";
        }
    }

    /** Stands for the end of the channel inside {@link Receiver}; never handed out. */
    private static final Object END = new Object();

    /** The future of {@link Receiver#recv()}. */
    private static final class Recv<T> implements Future<T> {
        private final Receiver<T> receiver;
        private boolean done;

        Recv(Receiver<T> receiver) {
            this.receiver = receiver;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Mpsc.Receiver.recv() was polled after it completed: call recv() again");
            }
            Poll<T> p = receiver.pollRecv(cx);
            done = p.isReady();
            return p;
        }

        /** Leaves the wait; a notification meant for it passes on, so no message is missed. */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                receiver.cancelWait();
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver.recv()";
        }
    }
}

package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        Chan<T> chan = new Chan<>(capacity);
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
        Chan<T> chan = new Chan<>(Integer.MAX_VALUE);
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
     * The state both ends share, all of it guarded by the chan's monitor: the buffer, the room
     * taken ({@code used}), the receiver's waker, the queue of senders waiting for room, and the
     * counts and flags that end the channel. One lock for everything makes {@code trySend} and
     * {@code tryRecv} linearizable (never "full" and "empty" at once), costs one lock per send
     * and one per receive (no permit, no separate notification word), and makes every decision
     * to wake someone exact: a send wakes the receiver only if it registered a waker (Tokio's
     * "notify only if waiting"), and a receive wakes one waiting sender only when it frees room
     * for it. No waker ever runs under the monitor.
     */
    static final class Chan<T> {
        private final ArrayDeque<T> queue = new ArrayDeque<>();
        /** How much room there is; {@code Integer.MAX_VALUE} for an unbounded channel. */
        private final int capacity;
        /** Messages buffered plus room granted to waiting senders that have not pushed yet. */
        private int used;
        /** The waker of a receive that found nothing; taken (and called) by the next send or end. */
        private Waker rxWaker;
        /** Sentinel of the circular queue of senders waiting for room, oldest first. */
        private final Waiter waiting = new Waiter();
        private int senders = 1;
        /** Written under the monitor; read without it by {@code isClosed()}. */
        private volatile boolean receiverClosed;

        Chan(int capacity) {
            this.capacity = capacity;
            waiting.prev = waiting;
            waiting.next = waiting;
        }

        // -------------------------------------------------------------------------- sending

        /** {@link #offer} outcomes. */
        static final int SENT = 0;
        static final int FULL = 1;
        static final int CLOSED = 2;

        /** Adds {@code value} now if the sender and receiver are open and there is room with nobody waiting for it. */
        int offer(SenderBase<T> sender, T value) {
            Waker rx;
            synchronized (this) {
                if (sender.closed || receiverClosed) {
                    return CLOSED;
                }
                if (used >= capacity || waiting.next != waiting) {
                    return FULL;
                }
                used++;
                queue.add(value);
                rx = takeRxWakerLocked();
            }
            if (rx != null) {
                rx.wake();
            }
            return SENT;
        }

        /**
         * One poll of a bounded send: pushes the message if room was granted to it or is free
         * with nobody ahead, or else (re)joins the queue of waiting senders with {@code waker}.
         *
         * @return {@link #SENT}, {@link #CLOSED}, or {@link #FULL} for pending
         */
        int pollSend(Send<T> send, T value, Waker waker) {
            Waker wake;
            int outcome;
            synchronized (this) {
                Waiter node = send.waiter;
                int phase = node == null ? Waiter.NEW : node.phase;
                if (send.sender.closed || receiverClosed) {
                    wake = node == null ? null : leaveLocked(node);   // room granted meanwhile goes to the next sender
                    outcome = CLOSED;
                } else if (phase == Waiter.GRANTED || (phase == Waiter.NEW && used < capacity
                        && waiting.next == waiting)) {
                    if (phase == Waiter.NEW) {
                        used++;
                    } else {
                        node.phase = Waiter.DONE;
                    }
                    queue.add(value);
                    wake = takeRxWakerLocked();
                    outcome = SENT;
                } else {
                    if (node == null) {
                        node = new Waiter();
                        send.waiter = node;
                    }
                    if (node.phase == Waiter.NEW) {
                        node.prev = waiting.prev;
                        node.next = waiting;
                        waiting.prev.next = node;
                        waiting.prev = node;
                        node.phase = Waiter.WAITING;
                    }
                    node.waker = waker;
                    wake = null;
                    outcome = FULL;
                }
            }
            if (wake != null) {
                wake.wake();
            }
            return outcome;
        }

        /** A cancelled or abandoned send leaves the queue; room granted to it goes to the next sender. */
        void cancelSend(Waiter node) {
            Waker next;
            synchronized (this) {
                next = leaveLocked(node);
            }
            if (next != null) {
                next.wake();
            }
        }

        /** Takes {@code node} out of the queue or gives back its granted room; returns a sender to wake, or null. */
        private Waker leaveLocked(Waiter node) {
            int phase = node.phase;
            node.phase = Waiter.DONE;
            node.waker = null;
            if (phase == Waiter.WAITING) {
                unlinkLocked(node);
            } else if (phase == Waiter.GRANTED) {
                used--;
                return grantLocked();
            }
            return null;
        }

        /** Gives free room to the oldest waiting sender; returns its waker, or null. */
        private Waker grantLocked() {
            Waiter first = waiting.next;
            if (first == waiting || used >= capacity || receiverClosed) {
                return null;
            }
            unlinkLocked(first);
            used++;
            first.phase = Waiter.GRANTED;
            Waker w = first.waker;
            first.waker = null;
            return w;
        }

        private void unlinkLocked(Waiter node) {
            node.prev.next = node.next;
            node.next.prev = node.prev;
            node.prev = null;
            node.next = null;
        }

        private Waker takeRxWakerLocked() {
            Waker w = rxWaker;
            rxWaker = null;
            return w;
        }

        // -------------------------------------------------------------------------- receiving

        /**
         * Takes the next message; if there is none, returns {@link #END} when the channel has
         * ended, else null, after registering {@code waker} (when not null) for the next send.
         */
        @SuppressWarnings("unchecked")
        T poll(Waker waker) {
            T v;
            Waker sender;
            synchronized (this) {
                v = queue.poll();
                if (v == null) {
                    if (senders == 0 || receiverClosed) {
                        rxWaker = null;
                        return (T) END;
                    }
                    if (waker != null) {
                        rxWaker = waker;
                    }
                    return null;
                }
                used--;
                sender = waiting.next == waiting ? null : grantLocked();
            }
            if (sender != null) {
                sender.wake();
            }
            return v;
        }

        /** A cancelled receive no longer wants to be woken. */
        void forgetRxWaker() {
            synchronized (this) {
                rxWaker = null;
            }
        }

        boolean isEnded() {
            synchronized (this) {
                return (senders == 0 || receiverClosed) && queue.isEmpty();
            }
        }

        // -------------------------------------------------------------------------- ends

        void retain(SenderBase<T> sender) {
            synchronized (this) {
                if (sender.closed) {
                    throw new IllegalStateException("clone() of a closed " + sender.kind() + ": clone it before closing it");
                }
                senders++;
            }
        }

        /** Closes {@code sender}; the last one wakes the receiver, which then sees the end. */
        void release(SenderBase<T> sender) {
            Waker rx = null;
            synchronized (this) {
                if (sender.closed) {
                    return;
                }
                sender.closed = true;
                if (--senders == 0) {
                    rx = takeRxWakerLocked();
                }
            }
            if (rx != null) {
                rx.wake();
            }
        }

        /** Closes the receiving side: every waiting sender is woken to hand its message back. */
        void closeReceiver() {
            List<Waker> woken = new ArrayList<>();
            synchronized (this) {
                if (receiverClosed) {
                    return;
                }
                receiverClosed = true;
                for (Waiter w = waiting.next; w != waiting; w = waiting.next) {
                    unlinkLocked(w);
                    w.phase = Waiter.NEW;   // its next poll sees the closed receiver
                    if (w.waker != null) {
                        woken.add(w.waker);
                        w.waker = null;
                    }
                }
            }
            for (Waker k : woken) {
                k.wake();
            }
        }

        boolean isReceiverClosed() {
            return receiverClosed;
        }

        static <T> T requireMessage(T value) {
            return Objects.requireNonNull(value, "Mpsc channels carry non-null messages: recv() completes with null"
                    + " to say the channel has ended, so send a wrapper or an empty value instead of null");
        }
    }

    /** What both kinds of sender share: cloning, and closing that ends the channel. */
    private abstract static class SenderBase<T> implements AutoCloseable {
        final Chan<T> chan;
        /** Written under the chan's monitor, so a send checks it and pushes in one step. */
        volatile boolean closed;

        SenderBase(Chan<T> chan) {
            this.chan = chan;
        }

        /** The public name of this kind of sender, for messages. */
        abstract String kind();

        final boolean isSenderClosed() {
            return closed;
        }

        /**
         * Closes this sender. When every sender is closed, the receiver, once it has received
         * the buffered messages, sees the end of the channel. Only the first call does anything.
         */
        @Override
        public final void close() {
            chan.release(this);
        }

        /**
         * Tells whether the receiver is closed, so that nothing sent will be received.
         *
         * @return {@code true} once the receiver is closed
         */
        public final boolean isClosed() {
            return chan.isReceiverClosed();
        }

        final String state() {
            return isSenderClosed() ? "closed" : isClosed() ? "receiver closed" : "open";
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

        @Override
        String kind() {
            return "Mpsc.Sender";
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
            return switch (chan.offer(this, value)) {
                case Chan.SENT -> SendResult.sent();
                case Chan.FULL -> SendResult.full(value);
                default -> SendResult.closed(value);
            };
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
            chan.retain(this);
            return new Sender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.Sender[" + state() + "]";
        }
    }

    /** Every successful send completes with this one poll, so a send allocates no result. */
    private static final Poll<SendResult<Object>> SENT = Poll.ready(SendResult.sent());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Poll<SendResult<T>> sentPoll() {
        return (Poll) SENT;
    }

    /**
     * A send's place in the queue of senders waiting for room; only a send that found the
     * channel full allocates one. Every field is guarded by the chan's monitor.
     */
    static final class Waiter {
        /** Not in the queue: not queued yet, or taken out by the receiver's close. */
        static final int NEW = 0;
        /** In the queue, waiting for room. */
        static final int WAITING = 1;
        /** Out of the queue with room reserved for it: the send's next poll pushes the message. */
        static final int GRANTED = 2;
        /** Sent, refused, or cancelled. */
        static final int DONE = 3;

        int phase = NEW;
        Waiter prev;
        Waiter next;
        /** The waker of the send's latest poll. */
        Waker waker;
    }

    /** The future of {@link Sender#send(Object)}. */
    static final class Send<T> implements Future<SendResult<T>> {
        final Sender<T> sender;
        /** The message until the send completes; touched by the polling task only. */
        private T value;
        /** Null until a poll found the channel full; guarded by the chan's monitor. */
        Waiter waiter;

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
            int outcome = sender.chan.pollSend(this, v, cx.waker());
            if (outcome == Chan.FULL) {
                return Poll.pending();
            }
            value = null;
            return outcome == Chan.SENT ? sentPoll() : Poll.ready(SendResult.closed(v));
        }

        @Override
        public void cancel() {
            if (value != null) {
                value = null;
                Waiter w = waiter;
                if (w != null) {
                    sender.chan.cancelSend(w);
                }
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.send()[" + (value == null ? "done" : waiter == null ? "not polled" : "waiting for room")
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

        @Override
        String kind() {
            return "Mpsc.UnboundedSender";
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
            return chan.offer(this, value) == Chan.SENT ? SendResult.sent() : SendResult.closed(value);
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
            chan.retain(this);
            return new UnboundedSender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.UnboundedSender[" + state() + "]";
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
            T v = chan.poll(cx.waker());
            if (v == null) {
                return Poll.pending();
            }
            return Poll.ready(v == END ? null : v);
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
            T v = chan.poll(null);
            return v == END ? null : v;
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
            return chan.isEnded();
        }

        /**
         * Closes the receiving side: later sends, and sends waiting for room, hand their message
         * back as {@linkplain SendResult#isClosed() closed}. Messages already buffered can still
         * be received; then {@link #recv()} completes with {@code null}. Only the first call does
         * anything.
         */
        @Override
        public void close() {
            chan.closeReceiver();
        }

        /**
         * Returns this receiver's messages as a stream that ends when the channel ends; the
         * stream owns the receiver (cancelling it closes the receiver). See
         * {@link io.ferrite.stream.AsyncStream#from(Receiver)}.
         *
         * <pre>{@code
         * await(rx.stream().forEach(job -> run(job)));
         * }</pre>
         *
         * @return a stream over this receiver
         */
        public io.ferrite.stream.AsyncStream<T> stream() {
            return io.ferrite.stream.AsyncStream.from(this);
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver[" + (isEnded() ? "ended" : chan.isReceiverClosed() ? "closed" : "open") + "]";
        }
    }

    /** Stands for the end of the channel inside {@link Chan#poll}; never handed out. */
    private static final Object END = new Object();

    /** The future of {@link Receiver#recv()}. */
    private static final class Recv<T> implements Future<T> {
        private final Receiver<T> receiver;
        private boolean done;
        /** This recv registered the receiver's waker and has not completed. */
        private boolean waiting;

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
            waiting = !done;
            return p;
        }

        /**
         * Stops waiting. Nothing is lost: a message is taken only by the poll that returns it,
         * so one that arrived meanwhile is still there for the next {@code recv()}.
         */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                if (waiting) {
                    waiting = false;
                    receiver.chan.forgetRxWaker();
                }
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver.recv()";
        }
    }
}

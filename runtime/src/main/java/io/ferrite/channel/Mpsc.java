package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;

/**
 * Multi-producer, single-consumer channels (Tokio's {@code tokio::sync::mpsc}): many
 * {@link Sender}s, one {@link Receiver}, messages received in the order they were sent by each
 * sender.
 *
 * <p>{@link #channel(int)} makes a bounded channel: when {@code capacity} messages are waiting,
 * {@link Sender#send(Object)} waits for room, which slows fast producers down to the consumer's
 * pace (backpressure); {@link Sender#reserve()} waits for the room first and hands it out as a
 * {@link Permit}, so the message is made only once it can be sent. {@link #unboundedChannel()}
 * makes one whose sends never wait.
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
 * sender; only its place in the queue of waiting senders is lost. {@link Sender#reserve()} is
 * cancel safe in the same way, and a {@link Permit} closed unused gives its slot back.
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
        MpscChan<T> chan = new MpscChan<>(capacity);
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
        MpscChan<T> chan = new MpscChan<>(Integer.MAX_VALUE);
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

    /** What both kinds of sender share: cloning, and closing that ends the channel. */
    abstract static class SenderBase<T> implements AutoCloseable {
        final MpscChan<T> chan;
        /** Written under the chan's monitor, so a send checks it and pushes in one step. */
        volatile boolean closed;

        SenderBase(MpscChan<T> chan) {
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
     * See {@link #send(Object)} and {@link #reserve()}.
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once; close it only when no send on it is pending.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> extends SenderBase<T> {

        Sender(MpscChan<T> chan) {
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
            return new MpscChan.Send<>(this, MpscChan.requireMessage(value));
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
            MpscChan.requireMessage(value);
            return switch (chan.offer(this, value)) {
                case MpscChan.SENT -> SendResult.sent();
                case MpscChan.FULL -> SendResult.full(value);
                default -> SendResult.closed(value);
            };
        }

        /**
         * Returns a future that waits for one slot of room, as {@link #send(Object)} does, and
         * completes with a {@link Permit} holding it: the message is then sent without waiting,
         * or the slot given back by closing the permit. Tokio's {@code Sender::reserve}.
         *
         * <pre>{@code
         * try (Mpsc.Permit<Job> slot = await(tx.reserve())) {
         *     if (slot != null) {
         *         slot.send(nextJob());
         *     }
         * }
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: a cancelled reserve holds no room; room granted to it and not yet
         * observed goes to the next waiting sender. Only its place in the queue is lost.
         *
         * @return a future of a permit, or of {@code null} when the receiver is (or becomes,
         *         while waiting) closed, or this sender is closed
         */
        public Future<Permit<T>> reserve() {
            return new MpscChan.Reserve<>(this);
        }

        /**
         * Reserves one slot of room now if there is one and no sender is waiting for room.
         *
         * <pre>{@code
         * Mpsc.Permit<Job> slot = tx.tryReserve();
         * if (slot == null) {
         *     return Future.ready(Response.busy());   // full, or nobody receives any more
         * }
         * try (slot) {
         *     slot.send(job);
         * }
         * }</pre>
         *
         * @return a permit, or {@code null} if the channel is full now, or closed
         *         ({@link #isClosed()} tells whether the receiver is)
         */
        public Permit<T> tryReserve() {
            return chan.offer(this, null) == MpscChan.SENT ? new Permit<>(this) : null;
        }

        /**
         * Returns the room free now: the capacity less the messages buffered and the slots
         * reserved or granted to waiting senders (Tokio's {@code Sender::capacity}). For
         * diagnostics and heuristics: the answer may be stale at once.
         *
         * <pre>{@code
         * if (tx.capacity() == 0) { metrics.backpressure(); }
         * }</pre>
         *
         * @return the free room, from 0 to {@link #maxCapacity()}
         */
        public int capacity() {
            return chan.freeRoom();
        }

        /**
         * Returns the capacity the channel was made with (Tokio's {@code Sender::max_capacity}).
         *
         * @return the capacity given to {@link Mpsc#channel(int)}
         */
        public int maxCapacity() {
            return chan.capacity();
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

    /**
     * One slot of room reserved in a bounded channel by {@link Sender#reserve()} or
     * {@link Sender#tryReserve()}: {@link #send(Object)} puts a message in it without waiting;
     * {@link #close()} gives it back unused. Tokio's {@code mpsc::Permit}.
     *
     * <p>Reserving first, then computing the message, is how a producer avoids building a
     * message it then has to hold while it waits for room, or to throw away when the consumer
     * has gone.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.Permit<Report> slot = await(tx.reserve())) {
     *     if (slot == null) {
     *         return Future.ready(null);          // the consumer has gone: nothing was built
     *     }
     *     slot.send(buildReport());               // never waits: the room is ours
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Belongs to one task; use it once.
     *
     * @param <T> the message type
     */
    public static final class Permit<T> implements AutoCloseable {
        private final Sender<T> sender;
        private boolean used;

        Permit(Sender<T> sender) {
            this.sender = sender;
        }

        /**
         * Puts {@code value} in the reserved slot; never waits.
         *
         * <pre>{@code
         * permit.send(job);
         * }</pre>
         *
         * @param value the message, not null
         * @return sent; or closed with the message handed back (and the slot freed) if the
         *         receiver or the permit's sender was closed meanwhile
         * @throws NullPointerException  if {@code value} is null
         * @throws IllegalStateException if the permit was already used or closed
         */
        public SendResult<T> send(T value) {
            MpscChan.requireMessage(value);
            if (used) {
                throw new IllegalStateException("this Mpsc.Permit was already used or closed: a permit sends one"
                        + " message; reserve() again for the next");
            }
            used = true;
            return sender.chan.sendReserved(sender, value) == MpscChan.SENT ? SendResult.sent() : SendResult.closed(value);
        }

        /** Gives the slot back unused, to the next waiting sender; does nothing after {@link #send}. */
        @Override
        public void close() {
            if (!used) {
                used = true;
                sender.chan.releaseReserved();
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Permit[" + (used ? "used" : "reserved") + "]";
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

        UnboundedSender(MpscChan<T> chan) {
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
            MpscChan.requireMessage(value);
            return chan.offer(this, value) == MpscChan.SENT ? SendResult.sent() : SendResult.closed(value);
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

        final MpscChan<T> chan;

        Receiver(MpscChan<T> chan) {
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
            return new MpscChan.Recv<>(this);
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
            return Poll.ready(v == MpscChan.END ? null : v);
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
            return v == MpscChan.END ? null : v;
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

}

package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.sync.Semaphore;
import java.util.Arrays;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every message (Tokio's
 * {@code tokio::sync::broadcast}): shutdown signals, configuration pushes, event fan-out.
 *
 * <p>The channel keeps the last {@code capacity} messages. Each {@link Receiver} reads them in
 * order at its own pace; sending never waits. A receiver that falls more than {@code capacity}
 * messages behind has missed the oldest ones: its next receive throws {@link LaggedException}
 * saying how many it missed, and the one after continues with the oldest message still kept.
 * A receiver sees only messages sent after it subscribed.
 *
 * <p>Messages are never {@code null}: {@link Receiver#recv()} completes with {@code null} once
 * every sender is closed and the receiver has seen every message, so the usual loop ends without
 * an exception. Sending when no receiver is subscribed hands the message back.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Broadcast.Channel<String> shutdown = Broadcast.channel(1);
 *
 * for (int i = 0; i < 4; i++) {
 *     spawn(worker(i, shutdown.sender().subscribe()));
 * }
 * ...
 * shutdown.sender().send("stop");   // every worker's select sees it
 *
 * @Async
 * Future<Void> worker(int id, Broadcast.Receiver<String> stop) {
 *     while (true) {
 *         boolean stopping = await(Futures.Select.<Boolean>biased()
 *                 .on(stop.recv(), msg -> true)
 *                 .on(doWork(id), done -> false));
 *         if (stopping) {
 *             return cleanup(id);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link Receiver#recv()} is cancel safe: a receiver's position moves only in the poll that
 * returns a message, so cancelling a pending receive loses nothing.
 *
 * <h2>Thread safety</h2>
 * Senders may be used from any thread, at once; each receiver belongs to one task. A small lock
 * guards the buffer; it is never held while a waker runs.
 */
public final class Broadcast {

    /**
     * The largest capacity of a broadcast channel: {@code 2^30 - 1}, the limit of
     * {@link Mpsc#channel(int)} too. The buffer is one array that doubles as it fills, and the
     * JVM caps an array below {@code 2^31} elements.
     */
    public static final int MAX_CAPACITY = Semaphore.MAX_PERMITS;

    private Broadcast() {
    }

    /**
     * Makes a broadcast channel keeping the last {@code capacity} messages, with one sender and
     * one receiver; {@link Sender#subscribe()} adds receivers.
     *
     * <pre>{@code
     * Broadcast.Channel<Event> events = Broadcast.channel(128);
     * }</pre>
     *
     * <p>The buffer grows as messages arrive, up to {@code capacity}: a large capacity costs
     * memory only once that many messages are kept.
     *
     * @param capacity how many messages a receiver may fall behind before it misses some, from
     *                 1 to {@link #MAX_CAPACITY}
     * @param <T>      the message type
     * @return the sender and a first receiver
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or above
     *                                  {@link #MAX_CAPACITY}
     */
    public static <T> Channel<T> channel(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("Broadcast.channel(" + capacity + "): the capacity must be from 1 to "
                    + MAX_CAPACITY + " (Broadcast.MAX_CAPACITY, the largest buffer the channel can index, as for"
                    + " Mpsc.channel); it is how many messages a slow receiver may fall behind, not a count of"
                    + " receivers or of messages in total");
        }
        Shared<T> shared = new Shared<>(capacity);
        return new Channel<>(new Sender<>(shared), new Receiver<>(shared, 0));
    }


    /**
     * The two ends of a new broadcast channel.
     *
     * @param sender   the first sender
     * @param receiver the first receiver
     * @param <T>      the message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /** The ring of recent messages; every field is guarded by the object's monitor. */
    private static final class Shared<T> extends Multicast {
        /** The buffer is allocated this large at first, then doubled as messages arrive. */
        private static final int INITIAL = 16;

        /** How many messages are kept. */
        final int capacity;
        /**
         * Message {@code p} sits at {@code ring[p % ring.length]}. Until the ring reaches
         * {@code capacity} it never wraps ({@code tail <= ring.length}), so growing it keeps
         * every message at its index.
         */
        Object[] ring;
        /** The position of the next message sent. */
        long tail;

        Shared(int capacity) {
            this.capacity = capacity;
            this.ring = new Object[Math.min(capacity, INITIAL)];
        }

        void push(Object value) {
            int length = ring.length;
            if (tail == length && length < capacity) {
                ring = Arrays.copyOf(ring, (int) Math.min(capacity, 2L * length));
            }
            ring[(int) (tail % ring.length)] = value;
            tail++;
        }
    }

    /**
     * The sending end of a broadcast channel; {@link #clone()} it for each producer and close
     * each clone when done.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * Broadcast.Receiver<Event> rx = events.sender().subscribe();
     * events.sender().send(new Event("tick"));
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> extends Multicast.SenderEnd<Shared<T>> {

        Sender(Shared<T> shared) {
            super(shared, "Broadcast.Sender");
        }

        /**
         * Sends {@code value} to every receiver subscribed now; never waits. The oldest kept
         * message is dropped if the buffer is full.
         *
         * <pre>{@code
         * shutdownTx.send(Signal.STOP);
         * }</pre>
         *
         * @param value the message, not null
         * @return sent, or closed with the message handed back if no receiver is subscribed
         * @throws NullPointerException  if {@code value} is null
         * @throws IllegalStateException if this sender is closed
         */
        public SendResult<T> send(T value) {
            Objects.requireNonNull(value, "Broadcast channels carry non-null messages: recv() completes with null"
                    + " to say the channel has ended");
            Shared<T> s = shared;
            synchronized (s) {
                checkOpenLocked();
                if (s.receivers == 0) {
                    return SendResult.closed(value);
                }
                s.push(value);
            }
            s.changed.notifyWaiters();
            return SendResult.sent();
        }

        /**
         * Subscribes a new receiver, which sees the messages sent from now on.
         *
         * <pre>{@code
         * Broadcast.Receiver<Event> rx = tx.subscribe();
         * }</pre>
         *
         * @return a new receiver
         */
        public Receiver<T> subscribe() {
            Shared<T> s = shared;
            synchronized (s) {
                Multicast.ReceiverEnd.retainLocked(s);
                return new Receiver<>(s, s.tail);
            }
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Broadcast.Sender<Event> forPlugin = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public Sender<T> clone() {
            retain();
            return new Sender<>(shared);
        }

        @Override
        public String toString() {
            return "Broadcast.Sender[" + receiverCount() + " receivers" + (isEndClosed() ? ", closed" : "") + "]";
        }
    }

    /**
     * A receiving end of a broadcast channel: sees every message sent after it subscribed, in
     * order.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * for (Event e; (e = await(rx.recv())) != null; ) {
     *     handle(e);
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * {@link #recv()} is cancel safe: its position moves only when a message is returned.
     *
     * <h2>Thread safety</h2>
     * Belongs to one task at a time.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> extends Multicast.ReceiverEnd<Shared<T>> {
        /** The position of the next message to receive; guarded by the shared monitor. */
        private long next;

        Receiver(Shared<T> shared, long next) {
            super(shared, "Broadcast.Receiver");
            this.next = next;
        }

        /**
         * Returns a future of the next message, or of {@code null} once every sender is closed
         * and this receiver has seen every message.
         *
         * <pre>{@code
         * Event e = await(rx.recv());
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: nothing is consumed unless the message is returned.
         *
         * @return a future of the next message, or of {@code null} at the end; it fails with
         *         {@link LaggedException} if this receiver fell behind and missed messages
         */
        public Future<T> recv() {
            return new Multicast.Recv<>(this, false, "Broadcast.Receiver.recv()");
        }

        /**
         * Polls for the next message: the building block of {@link #recv()}, and what a stream
         * over this receiver calls.
         *
         * <pre>{@code
         * Poll<Event> p = rx.pollRecv(cx);
         * }</pre>
         *
         * @param cx the context of the polling task
         * @return ready with the next message, ready with {@code null} at the end, or pending
         * @throws LaggedException if this receiver fell behind and missed messages
         */
        public Poll<T> pollRecv(Context cx) {
            return pollNext(cx);
        }

        /**
         * Takes the next message now if there is one.
         *
         * <pre>{@code
         * Event e = rx.tryRecv();
         * }</pre>
         *
         * @return the next message, or {@code null} if there is none now (or the channel ended)
         * @throws LaggedException if this receiver fell behind and missed messages
         */
        @SuppressWarnings("unchecked")
        public T tryRecv() {
            Object v;
            synchronized (shared) {
                checkOpenLocked();
                v = next();
            }
            return v == Multicast.END ? null : (T) v;
        }

        @Override
        Object next() {
            Shared<T> s = shared;
            long oldest = s.tail - s.capacity;
            if (next < oldest) {
                long missed = oldest - next;
                next = oldest;
                throw new LaggedException(missed);
            }
            if (next < s.tail) {
                return s.ring[(int) (next++ % s.ring.length)];
            }
            return s.senders == 0 ? Multicast.END : null;
        }

        /**
         * Returns a new receiver positioned where this one is: it will see the same messages
         * from here on (Tokio's {@code resubscribe} sees only new ones; this sees the unread
         * ones too).
         *
         * <pre>{@code
         * Broadcast.Receiver<Event> copy = rx.clone();
         * }</pre>
         *
         * @return a new receiver
         * @throws IllegalStateException if this receiver is closed
         */
        @Override
        public Receiver<T> clone() {
            synchronized (shared) {
                if (isEndClosed()) {
                    throw new IllegalStateException("clone() of a closed Broadcast.Receiver: subscribe() on a sender instead");
                }
                retainLocked(shared);
                return new Receiver<>(shared, next);
            }
        }

        /**
         * Returns the messages this receiver sees as a stream that ends when every sender is
         * closed, and fails with {@link LaggedException} if the receiver falls behind; the stream
         * owns the receiver. See {@link io.ferrite.stream.AsyncStream#from(Receiver)}, and
         * {@code AsyncStream.fromBroadcast(rx, onLag)} to go on after lag.
         *
         * <pre>{@code
         * await(rx.stream().forEach(event -> handle(event)));
         * }</pre>
         *
         * @return a stream over this receiver
         */
        public io.ferrite.stream.AsyncStream<T> stream() {
            return io.ferrite.stream.AsyncStream.from(this);
        }

        @Override
        public String toString() {
            synchronized (shared) {
                return "Broadcast.Receiver[" + (isEndClosed() ? "closed"
                        : (shared.tail - next) + " unread") + "]";
            }
        }
    }

    /**
     * Thrown by a broadcast receive when the receiver fell more than the channel's capacity
     * behind: {@link #missed()} messages were dropped before it read them. The receiver has moved
     * to the oldest message still kept, so receiving again continues from there.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try {
     *     msg = await(rx.recv());
     * } catch (Broadcast.LaggedException e) {
     *     metrics.dropped(e.missed());
     *     continue;
     * }
     * }</pre>
     */
    public static final class LaggedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** How many messages were dropped before this receiver read them. */
        private final long missed;

        LaggedException(long missed) {
            super("the broadcast receiver fell behind and missed " + missed + " messages; it continues with the"
                    + " oldest kept one (receive faster, or make the channel's capacity larger)", null, false, false);
            this.missed = missed;
        }

        /**
         * Returns how many messages this receiver missed.
         *
         * @return the number of dropped messages, at least 1
         */
        public long missed() {
            return missed;
        }
    }
}

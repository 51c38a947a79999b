package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.Objects;

/**
 * A channel for exactly one message (Tokio's {@code tokio::sync::oneshot}): the usual way for a
 * task to hand a single result, or a reply, to another.
 *
 * <p>The {@link Receiver} is itself the future of the message: it completes with the message, or
 * with {@code null} if the sender was closed without sending (messages are never {@code null}).
 * {@link Sender#send(Object)} never waits; it hands the message back if the receiver is gone.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Oneshot.Channel<Integer> reply = Oneshot.channel();
 * await(requests.send(new Request("size", reply.sender())));   // requests: an Mpsc.Sender<Request>
 * Integer size = await(reply.receiver());      // null if the server dropped the request
 *
 * // in the server:
 * try (Oneshot.Sender<Integer> replyTo = request.replyTo()) {
 *     replyTo.send(computeSize());
 * }
 * }</pre>
 *
 * <p>{@link Receiver#close()} tells the sender that no message is wanted any more, as Tokio's
 * {@code Receiver::close} does: a later send hands its message back, while a message sent before
 * the close is still delivered by the receiver, so a message that was sent is never lost.
 *
 * <h2>Cancellation</h2>
 * Cancelling the receiver (in a {@code select}, say) closes it and drops it, as dropping it does
 * in Rust: the sender learns it through {@link Sender#isClosed()} and {@link Sender#closed()},
 * and a later send hands the message back. A message sent before the cancellation is released
 * with the receiver, since a cancelled future is never polled again and nobody else could
 * receive it. {@link Sender#closed()} is cancel safe.
 *
 * <h2>Thread safety</h2>
 * The two ends may be used from different threads. Each end belongs to one task.
 */
public final class Oneshot {

    private Oneshot() {
    }

    /**
     * Makes a oneshot channel.
     *
     * <pre>{@code
     * Oneshot.Channel<String> ch = Oneshot.channel();
     * }</pre>
     *
     * @param <T> the message type
     * @return the sender and receiver
     */
    public static <T> Channel<T> channel() {
        Cell<T> cell = new Cell<>();
        return new Channel<>(new Sender<>(cell), new Receiver<>(cell));
    }

    /**
     * The two ends of a oneshot channel.
     *
     * @param sender   the sender
     * @param receiver the receiver, which is the future of the message
     * @param <T>      the message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /** The shared state; every field is guarded by the cell's monitor. */
    private static final class Cell<T> {
        static final int EMPTY = 0;
        /** The message is waiting in {@link #value}, even after the receiver was closed. */
        static final int SENT = 1;
        /** The sender was closed without sending. */
        static final int SENDER_CLOSED = 2;
        /** The receiver completed, or was cancelled. */
        static final int RECEIVED = 4;

        int state = EMPTY;
        /**
         * The receiver was closed or cancelled: no send is accepted from then on. Independent of
         * {@link #state}, so that a message sent before the close is still delivered.
         */
        boolean receiverClosed;
        T value;
        Waker receiverWaker;
        Waker senderWaker;
    }

    /**
     * The sending end of a oneshot channel.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (sender) {
     *     sender.send(result);
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * See {@link #closed()}.
     *
     * <h2>Thread safety</h2>
     * Belongs to one task; it may run on any thread.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> implements AutoCloseable {
        private final Cell<T> cell;

        Sender(Cell<T> cell) {
            this.cell = cell;
        }

        /**
         * Sends the message; never waits.
         *
         * <pre>{@code
         * if (sender.send(answer).isClosed()) { log.debug("nobody was waiting"); }
         * }</pre>
         *
         * @param value the message, not null
         * @return sent, or closed with the message handed back if the receiver is closed
         * @throws NullPointerException  if {@code value} is null
         * @throws IllegalStateException if a message was already sent, or this sender was closed
         */
        public SendResult<T> send(T value) {
            Objects.requireNonNull(value, "Oneshot channels carry non-null messages: the receiver completes with null"
                    + " when the sender is closed without sending");
            Waker wake;
            synchronized (cell) {
                if (cell.state != Cell.EMPTY) {
                    throw new IllegalStateException("Oneshot.Sender.send() called twice, or after close():"
                            + " a oneshot channel carries exactly one message");
                }
                if (cell.receiverClosed) {
                    return SendResult.closed(value);
                }
                cell.value = value;
                cell.state = Cell.SENT;
                wake = cell.receiverWaker;
                cell.receiverWaker = null;
            }
            if (wake != null) {
                wake.wake();
            }
            return SendResult.sent();
        }

        /**
         * Tells whether the receiver is closed (or was cancelled), so a message would not be
         * received.
         *
         * @return {@code true} once the receiver is closed
         */
        public boolean isClosed() {
            synchronized (cell) {
                return cell.receiverClosed;
            }
        }

        /**
         * Returns a future that completes when the receiver is closed or cancelled: lets a
         * producer stop working on a reply nobody waits for any more.
         *
         * <pre>{@code
         * await(Futures.Select.<Void>biased()
         *         .on(replyTo.closed(), gone -> null)
         *         .on(compute(), v -> { replyTo.send(v); return null; }));
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: cancelling only stops the wait.
         *
         * @return a future completing with {@code null} once the receiver is closed
         */
        public Future<Void> closed() {
            return new Future<>() {
                private Waker registered;

                @Override
                public Poll<Void> poll(Context cx) {
                    synchronized (cell) {
                        if (cell.receiverClosed) {
                            return Poll.ready(null);
                        }
                        registered = cx.waker();
                        cell.senderWaker = registered;
                        return Poll.pending();
                    }
                }

                @Override
                public void cancel() {
                    synchronized (cell) {
                        if (registered != null && cell.senderWaker == registered) {
                            cell.senderWaker = null;
                        }
                    }
                }

                @Override
                public String toString() {
                    return "Oneshot.Sender.closed()";
                }
            };
        }

        /**
         * Closes this sender; if nothing was sent, the receiver completes with {@code null}.
         * Harmless after a send, and when called again.
         */
        @Override
        public void close() {
            Waker wake = null;
            synchronized (cell) {
                if (cell.state == Cell.EMPTY) {
                    cell.state = Cell.SENDER_CLOSED;
                    wake = cell.receiverWaker;
                    cell.receiverWaker = null;
                }
            }
            if (wake != null) {
                wake.wake();
            }
        }

        @Override
        public String toString() {
            return "Oneshot.Sender[" + stateName(cell) + "]";
        }
    }

    /**
     * The receiving end of a oneshot channel, and the future of its message.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * String reply = await(receiver);
     * if (reply == null) { throw new IllegalStateException("the server dropped the request"); }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * Cancelling it closes it: the sender sees {@link Sender#isClosed()}, and a message it had
     * already sent is released with the receiver. To stop the sender but keep a message already
     * sent, {@link #close()} it instead and poll on.
     *
     * <h2>Thread safety</h2>
     * Belongs to one task; it may run on any thread.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> implements Future<T>, AutoCloseable {
        private final Cell<T> cell;

        Receiver(Cell<T> cell) {
            this.cell = cell;
        }

        /**
         * Completes with the message, or with {@code null} if the sender was closed without
         * sending, or this receiver was closed before anything was sent. A message sent before
         * {@link #close()} is still delivered.
         *
         * @param cx the context of the polling task
         * @return the poll
         * @throws IllegalStateException if the receiver already completed or was cancelled
         */
        @Override
        public Poll<T> poll(Context cx) {
            synchronized (cell) {
                switch (cell.state) {
                    case Cell.SENT: {
                        T v = cell.value;
                        cell.value = null;
                        cell.state = Cell.RECEIVED;
                        return Poll.ready(v);
                    }
                    case Cell.SENDER_CLOSED:
                        cell.state = Cell.RECEIVED;
                        return Poll.ready(null);
                    case Cell.EMPTY:
                        if (cell.receiverClosed) {
                            cell.state = Cell.RECEIVED;   // nothing can be sent any more
                            return Poll.ready(null);
                        }
                        cell.receiverWaker = cx.waker();
                        return Poll.pending();
                    default:
                        throw new IllegalStateException("Oneshot.Receiver polled after it completed or was cancelled:"
                                + " a oneshot channel delivers one message once");
                }
            }
        }

        /**
         * Takes the message now if it was sent.
         *
         * <pre>{@code
         * String early = receiver.tryRecv();
         * }</pre>
         *
         * @return the message, or {@code null} if none was sent yet, the sender was closed, or
         *         the message was already received
         */
        public T tryRecv() {
            synchronized (cell) {
                if (cell.state != Cell.SENT) {
                    return null;
                }
                T v = cell.value;
                cell.value = null;
                cell.state = Cell.RECEIVED;
                return v;
            }
        }

        /**
         * Closes the receiver: the sender sees {@link Sender#isClosed()} and a later send hands
         * its message back (Tokio's {@code Receiver::close}). A message already sent is kept:
         * polling this receiver, or {@link #tryRecv()}, still returns it; with nothing sent, a
         * poll completes with {@code null}. Only the first call does anything.
         *
         * <pre>{@code
         * reply.close();                     // shutting down: no new reply is wanted
         * String last = reply.tryRecv();     // but one that already arrived is not lost
         * }</pre>
         */
        @Override
        public void close() {
            Waker wake;
            synchronized (cell) {
                if (cell.receiverClosed) {
                    return;
                }
                cell.receiverClosed = true;
                wake = cell.senderWaker;
                cell.senderWaker = null;
            }
            if (wake != null) {
                wake.wake();
            }
        }

        /**
         * Closes the receiver and releases a message already sent, as dropping it does in Rust:
         * a cancelled future is never polled again.
         */
        @Override
        public void cancel() {
            close();
            synchronized (cell) {
                cell.receiverWaker = null;
                if (cell.state == Cell.SENT) {
                    cell.value = null;
                    cell.state = Cell.RECEIVED;
                }
            }
        }

        @Override
        public String toString() {
            return "Oneshot.Receiver[" + stateName(cell) + "]";
        }
    }

    private static String stateName(Cell<?> cell) {
        synchronized (cell) {
            String state = switch (cell.state) {
                case Cell.EMPTY -> "empty";
                case Cell.SENT -> "sent";
                case Cell.SENDER_CLOSED -> "sender closed";
                default -> "received";
            };
            return cell.receiverClosed ? state + ", receiver closed" : state;
        }
    }
}

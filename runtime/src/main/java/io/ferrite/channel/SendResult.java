package io.ferrite.channel;

/**
 * The outcome of sending on a channel: sent, or not sent with the value handed back because the
 * channel is {@linkplain Status#CLOSED closed} or (for a {@code trySend}) {@linkplain Status#FULL
 * full}. Rust's {@code Result<(), SendError<T>>} in Java.
 *
 * <p>A successful send returns a shared constant, so sending allocates no result.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * for (Job job : jobs) {
 *     SendResult<Job> r = await(tx.send(job));
 *     if (r.isClosed()) {
 *         requeue(r.value());   // the receiver is gone: the job comes back
 *         break;
 *     }
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable.
 *
 * @param <T> the message type
 */
public final class SendResult<T> {

    /** What happened to the message. */
    public enum Status {
        /** The message is in the channel. */
        SENT,
        /** The channel had no room now; only {@code trySend} reports this. */
        FULL,
        /** Nobody will ever receive the message: the receiving side is gone. */
        CLOSED
    }

    private static final SendResult<?> SENT = new SendResult<>(Status.SENT, null);

    private final Status status;
    private final T value;

    private SendResult(Status status, T value) {
        this.status = status;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    static <T> SendResult<T> sent() {
        return (SendResult<T>) SENT;
    }

    static <T> SendResult<T> full(T value) {
        return new SendResult<>(Status.FULL, value);
    }

    static <T> SendResult<T> closed(T value) {
        return new SendResult<>(Status.CLOSED, value);
    }

    /**
     * Returns what happened to the message.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * Tells whether the message was sent.
     *
     * @return {@code true} for {@link Status#SENT}
     */
    public boolean isSent() {
        return status == Status.SENT;
    }

    /**
     * Tells whether the message was refused for lack of room ({@code trySend} only).
     *
     * @return {@code true} for {@link Status#FULL}
     */
    public boolean isFull() {
        return status == Status.FULL;
    }

    /**
     * Tells whether the message was refused because the receiving side is gone.
     *
     * @return {@code true} for {@link Status#CLOSED}
     */
    public boolean isClosed() {
        return status == Status.CLOSED;
    }

    /**
     * Returns the message that was not sent.
     *
     * @return the message handed back
     * @throws IllegalStateException if the message was sent
     */
    public T value() {
        if (status == Status.SENT) {
            throw new IllegalStateException("the message was sent, so nothing was handed back: check isSent() first");
        }
        return value;
    }

    @Override
    public String toString() {
        return status == Status.SENT ? "SendResult.SENT" : "SendResult." + status + "(" + value + ")";
    }
}

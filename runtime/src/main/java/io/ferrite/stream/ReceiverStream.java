package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.channel.Broadcast;
import java.util.function.LongConsumer;

/**
 * A channel receiver read as a stream (Tokio's {@code ReceiverStream}, {@code BroadcastStream},
 * {@code WatchStream::from_changes}): each poll is the receiver's {@code pollRecv}, the hook every
 * receiver exposes, and a {@code null} from it is the end.
 *
 * <p>The stream owns the receiver: its end, failure or cancellation closes the receiver, so
 * senders learn that the consumer has gone (an {@code Mpsc} sender gets its message back, a
 * {@code Broadcast} or {@code Watch} receiver is unsubscribed).
 */
final class ReceiverStream<T> extends BaseStream<T> {

    /** A receiver's {@code pollRecv}. */
    @FunctionalInterface
    interface Recv<T> {
        Poll<T> pollRecv(Context cx);
    }

    private final Recv<T> recv;
    private final AutoCloseable receiver;
    private boolean done;

    ReceiverStream(Recv<T> recv, AutoCloseable receiver) {
        this.recv = recv;
        this.receiver = receiver;
    }

    /**
     * A broadcast receiver's messages; lag fails the stream with
     * {@link Broadcast.LaggedException}, or, with {@code onLag}, is reported to it while the
     * stream goes on with the oldest message still kept.
     */
    static <T> ReceiverStream<T> broadcast(Broadcast.Receiver<T> rx, LongConsumer onLag) {
        if (onLag == null) {
            return new ReceiverStream<>(rx::pollRecv, rx);
        }
        return new ReceiverStream<>(cx -> {
            while (true) {
                try {
                    return rx.pollRecv(cx);
                } catch (Broadcast.LaggedException lag) {
                    onLag.accept(lag.missed());
                }
            }
        }, rx);
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        Poll<T> p;
        try {
            p = recv.pollRecv(cx);
        } catch (Throwable t) {
            done = true;
            try {
                receiver.close();
            } catch (Throwable c) {
                t.addSuppressed(c);
            }
            throw t;
        }
        if (p.isReady() && p.value() == null) {
            close();
        }
        return p;
    }

    private void close() {
        done = true;
        try {
            receiver.close();
        } catch (Exception e) {
            throw new IllegalStateException(this + ": closing the receiver failed", e);
        }
    }

    @Override
    public void cancel() {
        if (!done) {
            close();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.from(" + receiver + ")";
    }
}

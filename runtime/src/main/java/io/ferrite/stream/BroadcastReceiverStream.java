package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.channel.Broadcast;
import java.util.function.LongConsumer;

/**
 * {@link AsyncStream#from(Broadcast.Receiver)} and
 * {@link AsyncStream#fromBroadcast(Broadcast.Receiver, LongConsumer)} (Tokio's
 * {@code BroadcastStream}): the messages this receiver sees until every sender is closed.
 *
 * <p>Lag (the receiver fell more than the channel's capacity behind) is either the stream's
 * failure, a {@link Broadcast.LaggedException} that ends it, or, with an {@code onLag} handler,
 * reported to the handler with the number of messages missed while the stream goes on with the
 * oldest message still kept. The stream owns the receiver: its end, failure or cancellation
 * closes it.
 */
final class BroadcastReceiverStream<T> extends BaseStream<T> {

    private final Broadcast.Receiver<T> rx;
    /** Null: lag fails the stream. */
    private final LongConsumer onLag;
    private boolean done;

    BroadcastReceiverStream(Broadcast.Receiver<T> rx, LongConsumer onLag) {
        this.rx = rx;
        this.onLag = onLag;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                Poll<T> p;
                try {
                    p = rx.pollRecv(cx);
                } catch (Broadcast.LaggedException lag) {
                    if (onLag == null) {
                        throw lag;
                    }
                    onLag.accept(lag.missed());
                    continue;
                }
                if (p.isReady() && p.value() == null) {
                    finish();
                }
                return p;
            }
        } catch (Throwable t) {
            done = true;
            try {
                rx.close();
            } catch (Throwable c) {
                t.addSuppressed(c);
            }
            throw t;
        }
    }

    private void finish() {
        done = true;
        rx.close();
    }

    @Override
    public void cancel() {
        if (!done) {
            finish();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.from(" + rx + (onLag == null ? ")" : ", onLag)");
    }
}

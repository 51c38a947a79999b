package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.channel.Watch;

/**
 * {@link AsyncStream#from(Watch.Receiver)} (Tokio's {@code WatchStream::from_changes}): each
 * value newer than the last one this receiver saw, as it changes; values set in between are
 * skipped (a watch keeps only the latest). Ends when every sender is closed and the last value
 * was seen. The stream owns the receiver: its end or cancellation closes it.
 */
final class WatchReceiverStream<T> extends BaseStream<T> {

    private final Watch.Receiver<T> rx;
    private boolean done;

    WatchReceiverStream(Watch.Receiver<T> rx) {
        this.rx = rx;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        Poll<T> p;
        try {
            p = rx.pollRecv(cx);
        } catch (Throwable t) {
            done = true;
            rx.close();
            throw t;
        }
        if (p.isReady() && p.value() == null) {
            done = true;
            rx.close();
        }
        return p;
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            rx.close();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.from(" + rx + ")";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.channel.Mpsc;

/**
 * {@link AsyncStream#from(Mpsc.Receiver)} (Tokio's {@code ReceiverStream}): the receiver's
 * messages until the channel ends. The stream owns the receiver: cancelling it closes the
 * receiver, so senders learn the consumer has gone.
 */
final class MpscReceiverStream<T> extends BaseStream<T> {

    private final Mpsc.Receiver<T> rx;
    private boolean done;

    MpscReceiverStream(Mpsc.Receiver<T> rx) {
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

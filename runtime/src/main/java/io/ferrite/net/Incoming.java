package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoWaiter;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;

/** {@link TcpListener#incoming()}: accepts until a failure, which ends it (fused). */
final class Incoming extends IoWaiter implements AsyncStream<TcpStream> {
    private final TcpListener listener;
    private boolean ended;

    Incoming(TcpListener listener) {
        this.listener = listener;
    }

    @Override
    public Poll<TcpStream> pollNext(Context cx) {
        if (ended) {
            return Poll.ready(null);
        }
        try {
            return listener.pollAccept(cx, this);
        } catch (IOException e) {
            ended = true;
            throw AsyncSupport.sneaky(e);
        }
    }

    @Override
    public void cancel() {
        ended = true;
        listener.leave(this);
    }

    @Override
    public String toString() {
        return "incoming(" + listener + ")";
    }
}

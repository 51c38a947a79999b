package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoWaiter;
import java.io.IOException;

/** The future of {@link TcpListener#accept()}, waiting with its own node. */
final class Accept extends IoWaiter implements Future<TcpStream> {
    private final TcpListener listener;

    Accept(TcpListener listener) {
        this.listener = listener;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        try {
            return listener.pollAccept(cx, this);
        } catch (IOException e) {
            throw AsyncSupport.sneaky(e);
        }
    }

    @Override
    public void cancel() {
        listener.leave(this);
    }

    @Override
    public String toString() {
        return "accept(" + listener + ")";
    }
}

package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoDriver;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.runtime.driver.IoWaiter;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

/** The future of {@link TcpListener#bind}: opens, binds and adopts the channel at the first poll. */
final class Bind implements Future<TcpListener> {
    private final SocketAddress address;
    private final int backlog;
    private boolean done;

    Bind(SocketAddress address, int backlog) {
        this.address = address;
        this.backlog = backlog;
    }

    @Override
    public Poll<TcpListener> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(this + " was polled after it completed");
        }
        done = true;
        IoDriver driver = IoDriver.of(cx, this);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.configureBlocking(false);
            ch.bind(address, backlog);
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            IoRegistration reg = driver.adopt(ch, SelectionKey.OP_ACCEPT, 0);
            return Poll.ready(new TcpListener(reg, ch, local));
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // never listened: nothing to report
                }
            }
            throw AsyncSupport.sneaky(IoErrors.withContext(e, "bind " + address));
        }
    }

    @Override
    public String toString() {
        return "TcpListener.bind(" + address + ")";
    }
}

/** The future of {@link TcpListener#accept()}, waiting with its own node. */
final class Accept extends IoWaiter implements Future<TcpStream> {
    private final TcpListener listener;

    Accept(TcpListener listener) {
        this.listener = listener;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        try {
            Poll<TcpStream> p = listener.pollAccept(cx, this);
            if (p.isReady()) {
                listener.leave(this);
            }
            return p;
        } catch (IOException e) {
            listener.leave(this);
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
            Poll<TcpStream> p = listener.pollAccept(cx, this);
            if (p.isReady()) {
                listener.leave(this);
            }
            return p;
        } catch (IOException e) {
            ended = true;
            listener.leave(this);
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

package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoDriver;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;

/**
 * The future of {@code bind} of listeners and UDP sockets: at the first poll, open a channel,
 * bind it, and give it to the runtime's I/O driver; on failure, close it and fail naming the
 * address.
 *
 * @param <C> the channel type
 * @param <T> the socket made of it
 */
final class Bind<C extends SelectableChannel & NetworkChannel, T> implements Future<T> {

    /** Opens the channel. */
    interface Opener<C> {
        C open() throws IOException;
    }

    /** Binds the channel to the address. */
    interface Binder<C> {
        void bind(C channel) throws IOException;
    }

    /** Makes the socket of the bound, adopted channel. */
    interface Maker<C, T> {
        T make(IoRegistration reg, C channel, InetSocketAddress local);
    }

    private final String name;
    private final SocketAddress address;
    private final int readOp;
    private final int writeOp;
    private final Opener<C> opener;
    private final Binder<C> binder;
    private final Maker<C, T> maker;
    private boolean done;

    Bind(String name, SocketAddress address, int readOp, int writeOp, Opener<C> opener, Binder<C> binder,
            Maker<C, T> maker) {
        this.name = name;
        this.address = address;
        this.readOp = readOp;
        this.writeOp = writeOp;
        this.opener = opener;
        this.binder = binder;
        this.maker = maker;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(this + " was polled after it completed");
        }
        done = true;
        IoDriver driver = IoDriver.of(cx, this);
        C ch = null;
        try {
            ch = opener.open();
            ch.configureBlocking(false);
            binder.bind(ch);
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            return Poll.ready(maker.make(driver.adopt(ch, readOp, writeOp), ch, local));
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // never used: nothing to report
                }
            }
            throw AsyncSupport.sneaky(IoErrors.withContext(e, "bind " + address));
        }
    }

    @Override
    public String toString() {
        return name + ".bind(" + address + ")";
    }
}

package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.driver.IoDriver;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.runtime.driver.IoWaiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * A UDP socket (Tokio's {@code UdpSocket}): {@link #bind} it, then {@link #send} datagrams to
 * any address and {@link #receive} them from any; after {@link #connect}, {@link #send(ByteBuffer)}
 * goes to that peer and only its datagrams are received. Waiting blocks no thread.
 *
 * <p>Each send is one datagram, sent whole or not at all; a datagram longer than the buffer
 * given to {@link #receive} is cut to the buffer's room (the rest is lost, as UDP does). The
 * socket belongs to the runtime it was bound on and is closed when that runtime shuts down.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<String> ping(InetSocketAddress server) throws IOException {
 *     try (UdpSocket socket = await(UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)))) {
 *         await(socket.send(ByteBuffer.wrap("ping".getBytes(UTF_8)), server));
 *         ByteBuffer reply = ByteBuffer.allocate(1500);
 *         InetSocketAddress from = await(socket.receive(reply));
 *         return Future.ready(from + " says " + UTF_8.decode(reply.flip()));
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #send} and {@link #receive} are cancel-safe: cancelled, they sent or received nothing,
 * and they stop waiting.
 *
 * <h2>Thread safety</h2>
 * Several tasks may send and receive at once. {@link #close()} may be called from any thread
 * and wakes every waiting task, which fails with {@link java.net.SocketException} "Socket
 * closed".
 */
public final class UdpSocket implements AutoCloseable {

    private final IoRegistration reg;
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private volatile InetSocketAddress peer;

    private UdpSocket(IoRegistration reg, DatagramChannel channel, InetSocketAddress local) {
        this.reg = reg;
        this.channel = channel;
        this.local = local;
    }

    /**
     * Returns a future that binds a UDP socket to {@code address} (port 0 picks a free port).
     *
     * <pre>{@code
     * UdpSocket socket = await(UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)));
     * }</pre>
     *
     * <p>Cancel safety: binding does not wait.
     *
     * @param address the local address
     * @return a single-use future; it fails with {@link java.net.BindException} if the address
     *         is in use, and {@link IllegalStateException} if polled outside a runtime
     * @throws NullPointerException if {@code address} is null
     */
    public static Future<UdpSocket> bind(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        return new Bind<DatagramChannel, UdpSocket>("UdpSocket", address, SelectionKey.OP_READ, SelectionKey.OP_WRITE,
                DatagramChannel::open, ch -> ch.bind(address), UdpSocket::new);
    }

    /**
     * Sets the default peer: {@link #send(ByteBuffer)} goes there, and only datagrams from it
     * are received. An ICMP "port unreachable" from the peer then fails a later receive with
     * {@link java.net.PortUnreachableException}.
     *
     * <pre>{@code
     * socket.connect(server);
     * }</pre>
     *
     * @param peer the peer's address
     * @throws IOException as the JDK's {@code DatagramChannel.connect}, with the address
     */
    public void connect(SocketAddress peer) throws IOException {
        try {
            channel.connect(peer);
            this.peer = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            throw failure(e, "connect to " + peer);
        }
    }

    /**
     * Returns a future that sends the remaining bytes of {@code src} as one datagram to
     * {@code target}, waiting while the socket's send buffer is full; it completes with the
     * bytes sent.
     *
     * <pre>{@code
     * await(socket.send(ByteBuffer.wrap(payload), server));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe.
     *
     * @param src    the datagram
     * @param target where to send it
     * @return a single-use future
     */
    public Future<Integer> send(ByteBuffer src, SocketAddress target) {
        return sendTo(src, Objects.requireNonNull(target, "target"));
    }

    /**
     * Returns a future that sends {@code src} as one datagram to the peer set by
     * {@link #connect}.
     *
     * <pre>{@code
     * await(socket.send(ByteBuffer.wrap(payload)));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe.
     *
     * @param src the datagram
     * @return a single-use future; it fails with {@link java.nio.channels.NotYetConnectedException}
     *         if the socket is not connected
     */
    public Future<Integer> send(ByteBuffer src) {
        return sendTo(src, null);
    }

    /** One datagram to {@code target}, or to the connected peer if null. */
    private Future<Integer> sendTo(ByteBuffer src, SocketAddress target) {
        return new Op<Integer>(this, "send to " + (target != null ? target : peer), IoRegistration.WRITE) {
            @Override
            Poll<Integer> attempt(Context cx) throws IOException {
                int n = target != null ? channel.send(src, target) : channel.write(src);
                return n == 0 && src.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    /**
     * Returns a future that receives one datagram into {@code dst} and completes with the
     * sender's address.
     *
     * <pre>{@code
     * InetSocketAddress from = await(socket.receive(buffer));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; cancelled, it received nothing.
     *
     * @param dst where the datagram goes (cut to its room)
     * @return a single-use future
     */
    public Future<InetSocketAddress> receive(ByteBuffer dst) {
        return new Op<InetSocketAddress>(this, "receive on " + local, IoRegistration.READ) {
            @Override
            Poll<InetSocketAddress> attempt(Context cx) throws IOException {
                SocketAddress from = channel.receive(dst);
                return from == null ? null : Poll.ready((InetSocketAddress) from);
            }
        };
    }

    /**
     * The address the socket is bound to.
     *
     * <pre>{@code
     * int port = socket.localAddress().getPort();
     * }</pre>
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * The peer set by {@link #connect}, or null.
     *
     * <pre>{@code
     * InetSocketAddress peer = socket.peerAddress();
     * }</pre>
     *
     * @return the peer's address, or null if not connected
     */
    public InetSocketAddress peerAddress() {
        return peer;
    }

    /**
     * Closes the socket: waiting tasks fail with {@link java.net.SocketException} "Socket
     * closed". Closing twice does nothing.
     *
     * <pre>{@code
     * socket.close();
     * }</pre>
     */
    @Override
    public void close() {
        reg.close("closed");
    }

    /** For tests: the socket's registration. */
    IoRegistration registration() {
        return reg;
    }

    private IOException failure(IOException e, String context) {
        return reg.isClosed() ? IoErrors.closed(reg.closedReason(), context) : IoErrors.withContext(e, context);
    }

    @Override
    public String toString() {
        return "UdpSocket[" + local + (peer != null ? " -> " + peer : "") + (reg.isClosed() ? ", closed" : "") + "]";
    }

    /** One send or receive: try, and wait in {@link #direction} while it would block. */
    private abstract static class Op<T> extends IoWaiter implements Future<T> {
        private final UdpSocket socket;
        private final String context;
        private final int direction;

        Op(UdpSocket socket, String context, int direction) {
            this.socket = socket;
            this.context = context;
            this.direction = direction;
        }

        /** The outcome, or null if the operation would block. */
        abstract Poll<T> attempt(Context cx) throws IOException;

        @Override
        public Poll<T> poll(Context cx) {
            IoRegistration reg = socket.reg;
            try {
                if (reg.isClosed()) {
                    throw IoErrors.closed(reg.closedReason(), context);
                }
                if (!Task.hasBudgetRemaining()) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                Poll<T> p;
                try {
                    p = attempt(cx);
                } catch (IOException e) {
                    throw socket.failure(e, context);
                }
                if (p != null) {
                    reg.leave(this);
                    Task.pollProceed(cx);
                    return p;
                }
                if (!reg.await(direction, this, cx.waker())) {
                    throw IoErrors.closed(reg.closedReason(), context);
                }
                return Poll.pending();
            } catch (IOException e) {
                reg.leave(this);
                throw AsyncSupport.sneaky(e);
            }
        }

        @Override
        public void cancel() {
            socket.reg.leave(this);
        }

        @Override
        public String toString() {
            return context + " (" + socket + ")";
        }
    }
}

package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.runtime.driver.IoWaiter;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A TCP socket listening for connections (Tokio's {@code TcpListener}): {@link #bind} it, then
 * {@link #accept()} connections one at a time or read them as a stream with
 * {@link #incoming()}. Waiting for a connection blocks no thread.
 *
 * <p>The listener belongs to the runtime it was bound on: when that runtime shuts down, it is
 * closed, and so is every stream it accepted.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * TcpListener listener = await(TcpListener.bind(new InetSocketAddress("127.0.0.1", 9090)));
 * ...
 * @Async
 * Future<Void> serve(TcpListener listener) {
 *     AsyncStream<TcpStream> connections = listener.incoming();
 *     for (TcpStream c; (c = await(connections.next())) != null; ) {
 *         Task.spawn(echo(c));                  // one task per connection
 *     }
 *     return Future.ready(null);
 * }
 *
 * @Async
 * Future<Void> echo(TcpStream c) {
 *     try (c) {
 *         ByteBuffer buf = ByteBuffer.allocate(4096);
 *         while (await(c.read(buf)) >= 0) {
 *             await(c.writeAll(buf.flip()));
 *             buf.clear();
 *         }
 *     }
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * The JDK's types with the address in the message: a port in use is a
 * {@link java.net.BindException} "Address already in use (bind 127.0.0.1:9090)"; accepting on
 * a closed listener fails with {@link java.net.SocketException} "Socket closed (...)".
 *
 * <h2>Cancel safety</h2>
 * {@link #accept()} is cancel-safe: cancelled, it accepted nothing (a connection that arrives
 * waits in the backlog for the next accept), and it stops waiting.
 *
 * <h2>Thread safety</h2>
 * Several tasks may accept at once; each connection goes to one of them. {@link #close()} may
 * be called from any thread and wakes every task waiting to accept.
 */
public final class TcpListener implements AutoCloseable {

    /** The backlog of {@link #bind(SocketAddress)}: Tokio's; the JDK's 50 drops connections under load. */
    public static final int DEFAULT_BACKLOG = 1024;

    private final IoRegistration reg;
    private final ServerSocketChannel channel;
    private final InetSocketAddress local;

    TcpListener(IoRegistration reg, ServerSocketChannel channel, InetSocketAddress local) {
        this.reg = reg;
        this.channel = channel;
        this.local = local;
    }

    /**
     * Returns a future that binds a listener to {@code address} (port 0 picks a free port; see
     * {@link #localAddress()}) with a backlog of {@value #DEFAULT_BACKLOG}.
     *
     * <pre>{@code
     * TcpListener listener = await(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
     * }</pre>
     *
     * <p>Cancel safety: binding does not wait; a cancelled, never-polled future bound nothing.
     *
     * @param address the local address
     * @return a single-use future; it fails with {@link java.net.BindException} if the address
     *         is in use, and {@link IllegalStateException} if polled outside a runtime
     * @throws NullPointerException if {@code address} is null
     */
    public static Future<TcpListener> bind(SocketAddress address) {
        return bind(address, DEFAULT_BACKLOG);
    }

    /**
     * Returns a future that binds a listener to {@code address} with the given backlog (the
     * connections the kernel holds until they are accepted).
     *
     * <pre>{@code
     * TcpListener listener = await(TcpListener.bind(address, 4096));
     * }</pre>
     *
     * <p>Cancel safety: binding does not wait.
     *
     * @param address the local address
     * @param backlog the most pending connections, at least 1
     * @return a single-use future
     * @throws NullPointerException     if {@code address} is null
     * @throws IllegalArgumentException if {@code backlog < 1}
     */
    public static Future<TcpListener> bind(SocketAddress address, int backlog) {
        Objects.requireNonNull(address, "address");
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog " + backlog + ": must be at least 1");
        }
        return new Bind<ServerSocketChannel, TcpListener>("TcpListener", address, SelectionKey.OP_ACCEPT, 0,
                ServerSocketChannel::open, ch -> ch.bind(address, backlog), TcpListener::new);
    }

    /**
     * Returns a future that waits for the next connection and completes with its stream.
     *
     * <pre>{@code
     * TcpStream client = await(listener.accept());
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; see the class comment.
     *
     * @return a single-use future; it fails with {@link java.net.SocketException} once the
     *         listener is closed, and with the JDK's error (such as "Too many open files")
     *         otherwise
     */
    public Future<TcpStream> accept() {
        return new Accept(this);
    }

    /**
     * Returns the connections as a stream, each item the next accepted connection; the
     * stream never ends while the listener is open. A failure to accept (the listener closed,
     * too many open files) is thrown by {@code pollNext} and ends the stream; for an accept
     * loop that survives such errors, call {@link #accept()} in a loop instead.
     *
     * <pre>{@code
     * AsyncStream<TcpStream> connections = listener.incoming();
     * for (TcpStream c; (c = await(connections.next())) != null; ) { ... }
     * }</pre>
     *
     * <p>Cancel safety: {@code next()} is cancel-safe; cancelling the stream does not close the
     * listener.
     *
     * @return a stream of connections
     */
    public AsyncStream<TcpStream> incoming() {
        return new Incoming(this);
    }

    /**
     * The address the listener is bound to (with the port the system chose for port 0).
     *
     * <pre>{@code
     * int port = listener.localAddress().getPort();
     * }</pre>
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Stops listening and frees the port: tasks waiting in {@link #accept()} fail with
     * {@link java.net.SocketException} "Socket closed". Connections already accepted stay
     * open. Closing twice does nothing.
     *
     * <pre>{@code
     * listener.close();
     * }</pre>
     */
    @Override
    public void close() {
        reg.close("closed");
    }

    /**
     * Tells whether the listener was closed (by {@link #close()} or the runtime's shutdown).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return reg.isClosed();
    }

    /** One accept attempt: the stream, or pending with {@code node} queued; {@code node} leaves the waiters otherwise. */
    Poll<TcpStream> pollAccept(Context cx, IoWaiter node) throws IOException {
        try {
            Poll<TcpStream> p = tryAccept(cx, node);
            if (p.isReady()) {
                reg.leave(node);
            }
            return p;
        } catch (IOException e) {
            reg.leave(node);
            throw e;
        }
    }

    private Poll<TcpStream> tryAccept(Context cx, IoWaiter node) throws IOException {
        if (reg.isClosed()) {
            throw IoErrors.closed(reg.closedReason(), "accept on " + local);
        }
        SocketChannel c;
        try {
            c = channel.accept();
        } catch (IOException e) {
            throw reg.isClosed() ? IoErrors.closed(reg.closedReason(), "accept on " + local)
                    : IoErrors.withContext(e, "accept on " + local);
        }
        if (c == null) {
            if (!reg.await(IoRegistration.READ, node, cx.waker())) {
                throw IoErrors.closed(reg.closedReason(), "accept on " + local);
            }
            return Poll.pending();
        }
        try {
            c.configureBlocking(false);
            IoRegistration r = reg.driver().adopt(c, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
            return Poll.ready(new TcpStream(new SocketEngine(r, c)));
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
            throw IoErrors.withContext(e, "accept on " + local);
        }
    }

    void leave(IoWaiter node) {
        reg.leave(node);
    }

    /** For tests: the listener's registration. */
    IoRegistration registration() {
        return reg;
    }

    @Override
    public String toString() {
        return "TcpListener[" + local + (reg.isClosed() ? ", closed" : "") + "]";
    }
}

package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.io.AsyncRead;
import io.ferrite.io.AsyncWrite;
import io.ferrite.runtime.driver.IoFutures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP connection (Tokio's {@code TcpStream}): made by {@link #connect} or by
 * {@link TcpListener#accept()}, read and written with futures that wait on the runtime's I/O
 * driver instead of blocking a thread.
 *
 * <p>Every operation first tries the system call; only when it would block does the task wait,
 * and the socket meets the selector then. Reads go straight into the caller's
 * {@link ByteBuffer} and writes come straight from it (no copy; {@link #writeAll(ByteBuffer...)}
 * is one gathering system call). The end of the stream reads as -1. The stream belongs to the
 * runtime it was made on: when that runtime shuts down, it is closed.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<String> ask(InetSocketAddress server, String question) throws IOException {
 *     try (TcpStream stream = await(TcpStream.connect(server, Duration.ofSeconds(5)))) {
 *         await(stream.writeAll(ByteBuffer.wrap((question + "\n").getBytes(UTF_8))));
 *         stream.shutdownOutput();                      // the server reads the end of the stream
 *         return Future.ready(new String(await(stream.readToEnd()), UTF_8));
 *     }
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * The JDK's own types, never wrapped, with the address in the message: a refused connection is
 * a {@link java.net.ConnectException} "Connection refused (connect to 127.0.0.1:9)", a reset a
 * {@link java.net.SocketException} "Connection reset (read from ...)", a connect timeout a
 * {@link java.net.SocketTimeoutException}; an operation on a closed stream fails with
 * {@link java.net.SocketException} "Socket closed (...)", which also names the runtime if its
 * shutdown closed the stream.
 *
 * <h2>Cancel safety</h2>
 * {@link #read} and {@link #write} are cancel-safe: cancelled, they read or wrote nothing.
 * After a cancelled {@link #readExact} or {@link #writeAll} the buffer's position says how far
 * it got. Cancelling any of them releases its wait on the driver (the selector interest goes
 * when no other task waits in that direction), and the stream stays open and usable. Cancelling
 * {@link #connect} closes the half-made connection.
 *
 * <h2>Thread safety</h2>
 * One task may read while another writes, from any threads: {@link #split()} gives the two
 * halves for that. Two tasks reading at once (or writing at once) both wait correctly, but the
 * order of their bytes is theirs to sort out. {@link #close()} may be called from any thread;
 * it wakes every task waiting on the stream.
 */
public final class TcpStream implements AsyncRead, AsyncWrite, AutoCloseable {

    final SocketEngine engine;
    /** Halves closed so far: the socket closes when both have (see {@link Halves}). */
    private final AtomicInteger halvesClosed = new AtomicInteger();

    TcpStream(SocketEngine engine) {
        this.engine = engine;
    }

    /**
     * Returns a future that connects to {@code address} and completes with the stream. An
     * unresolved address (made with {@link InetSocketAddress#createUnresolved}) is resolved on
     * the runtime's blocking pool first. There is no time limit but the operating system's
     * (about two minutes on Linux); see {@link #connect(SocketAddress, Duration)}.
     *
     * <pre>{@code
     * TcpStream stream = await(TcpStream.connect(new InetSocketAddress("127.0.0.1", 8080)));
     * }</pre>
     *
     * <p>Cancel safety: cancelling closes the half-made connection.
     *
     * @param address where to connect
     * @return a single-use future; it fails with {@link java.net.ConnectException} if the
     *         connection is refused, {@link java.net.UnknownHostException} if the name does not
     *         resolve, and {@link IllegalStateException} if polled outside a runtime
     * @throws NullPointerException if {@code address} is null
     */
    public static Future<TcpStream> connect(SocketAddress address) {
        return new Connect(Objects.requireNonNull(address, "address"), null);
    }

    /**
     * Returns a future that connects to {@code address} like {@link #connect(SocketAddress)},
     * but fails with {@link java.net.SocketTimeoutException} if the connection is not made
     * within {@code timeout} of the first poll.
     *
     * <pre>{@code
     * TcpStream stream = await(TcpStream.connect(address, Duration.ofSeconds(5)));
     * }</pre>
     *
     * <p>Cancel safety: cancelling closes the half-made connection.
     *
     * @param address where to connect
     * @param timeout the longest wait, measured on the runtime's clock
     * @return a single-use future
     * @throws NullPointerException if an argument is null
     */
    public static Future<TcpStream> connect(SocketAddress address, Duration timeout) {
        return new Connect(Objects.requireNonNull(address, "address"), Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Reads what is available into {@code dst}; see {@link AsyncRead#pollRead}.
     *
     * @param cx  the context of the polling task
     * @param dst where the bytes go
     * @return the count, -1 at the end of the stream, or pending
     * @throws IOException as the connection fails
     */
    @Override
    public Poll<Integer> pollRead(Context cx, ByteBuffer dst) throws IOException {
        return engine.pollRead(cx, dst, engine.pollReader);
    }

    /**
     * Returns a future that reads once into {@code dst}: the bytes read, or -1 at the end of the
     * stream.
     *
     * <pre>{@code
     * int n = await(stream.read(buffer));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; cancelled, it read nothing and stopped waiting.
     *
     * @param dst where the bytes go
     * @return a single-use future
     */
    @Override
    public Future<Integer> read(ByteBuffer dst) {
        return IoFutures.read(engine, dst);
    }

    /**
     * Returns a future that reads until {@code dst} is full; it fails with
     * {@link java.io.EOFException} if the peer ends the stream first.
     *
     * <pre>{@code
     * await(stream.readExact(ByteBuffer.allocate(64)));
     * }</pre>
     *
     * <p>Cancel safety: the bytes read so far are in {@code dst}; the stream stays usable.
     *
     * @param dst the buffer to fill
     * @return a single-use future
     */
    @Override
    public Future<Void> readExact(ByteBuffer dst) {
        return IoFutures.readExact(engine, dst);
    }

    /**
     * Returns a future that reads until the peer ends the stream and completes with every byte.
     *
     * <pre>{@code
     * byte[] reply = await(stream.readToEnd());
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe; the bytes gathered so far are lost.
     *
     * @return a single-use future
     */
    @Override
    public Future<byte[]> readToEnd() {
        return IoFutures.readToEnd(engine);
    }

    /**
     * Writes what the socket accepts now from {@code src}; see {@link AsyncWrite#pollWrite}.
     *
     * @param cx  the context of the polling task
     * @param src the bytes
     * @return the count, or pending
     * @throws IOException as the connection fails
     */
    @Override
    public Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException {
        Poll<Long> p = engine.pollWrite(cx, new ByteBuffer[] {src}, engine.pollWriter);
        return p.isPending() ? Poll.pending() : Poll.ready(p.value().intValue());
    }

    /**
     * Writes from several buffers with one gathering system call.
     *
     * @param cx   the context of the polling task
     * @param srcs the buffers
     * @return the count, or pending
     * @throws IOException as the connection fails
     */
    @Override
    public Poll<Long> pollWriteVectored(Context cx, ByteBuffer[] srcs) throws IOException {
        return engine.pollWrite(cx, srcs, engine.pollWriter);
    }

    /**
     * Ready at once: a stream has no buffer of its own (the bytes are in the kernel).
     *
     * @param cx the context of the polling task
     * @return ready
     */
    @Override
    public Poll<Void> pollFlush(Context cx) {
        return Poll.ready(null);
    }

    /**
     * Shuts the output down; see {@link #shutdownOutput()}.
     *
     * @param cx the context of the polling task
     * @return ready
     * @throws IOException as the connection fails
     */
    @Override
    public Poll<Void> pollClose(Context cx) throws IOException {
        shutdownOutput();
        return Poll.ready(null);
    }

    /**
     * Returns a future that writes once from {@code src}: the bytes written.
     *
     * <pre>{@code
     * int n = await(stream.write(buffer));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; cancelled, it wrote nothing and stopped waiting.
     *
     * @param src the bytes
     * @return a single-use future
     */
    @Override
    public Future<Integer> write(ByteBuffer src) {
        return IoFutures.write(engine, src);
    }

    /**
     * Returns a future that writes every remaining byte of {@code src}, waiting while the peer
     * does not read (the socket's buffers bound what is in flight; nothing is copied).
     *
     * <pre>{@code
     * await(stream.writeAll(ByteBuffer.wrap(bytes)));
     * }</pre>
     *
     * <p>Cancel safety: {@code src}'s position says what was written before the cancellation.
     *
     * @param src the bytes
     * @return a single-use future
     */
    @Override
    public Future<Void> writeAll(ByteBuffer src) {
        return IoFutures.writeAll(engine, src);
    }

    /**
     * Returns a future that writes every remaining byte of {@code srcs}, in order, with
     * gathering system calls.
     *
     * <pre>{@code
     * await(stream.writeAll(head, body));
     * }</pre>
     *
     * <p>Cancel safety: the buffers' positions say what was written before the cancellation.
     *
     * @param srcs the buffers
     * @return a single-use future
     */
    @Override
    public Future<Void> writeAll(ByteBuffer... srcs) {
        return IoFutures.writeAll(engine, srcs);
    }

    /**
     * Closes the writing side: the peer reads the end of the stream after the bytes already
     * written, and this stream can still read. Writing afterwards fails.
     *
     * <pre>{@code
     * stream.shutdownOutput();
     * }</pre>
     *
     * @throws IOException as the JDK's {@code shutdownOutput}, with the address (a closed
     *                     stream: "Socket closed")
     */
    public void shutdownOutput() throws IOException {
        try {
            engine.channel.shutdownOutput();
        } catch (IOException e) {
            throw engine.failure(e, "shutdown output to " + engine.peer);
        }
    }

    /**
     * Turns Nagle's algorithm off ({@code true}) or on: with it off, small writes leave at once
     * instead of waiting to be merged (lower latency, more packets). Off by default, as in the
     * JDK and Tokio.
     *
     * <pre>{@code
     * stream.setNodelay(true);
     * }</pre>
     *
     * @param on true to send small writes at once
     * @throws IOException if the socket is closed
     */
    public void setNodelay(boolean on) throws IOException {
        try {
            engine.channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
        } catch (IOException e) {
            throw engine.failure(e, "set TCP_NODELAY on " + engine.peer);
        }
    }

    /**
     * Tells whether Nagle's algorithm is off; see {@link #setNodelay}.
     *
     * <pre>{@code
     * boolean fast = stream.nodelay();
     * }</pre>
     *
     * @return true if small writes leave at once
     * @throws IOException if the socket is closed
     */
    public boolean nodelay() throws IOException {
        try {
            return engine.channel.getOption(StandardSocketOptions.TCP_NODELAY);
        } catch (IOException e) {
            throw engine.failure(e, "read TCP_NODELAY of " + engine.peer);
        }
    }

    /**
     * The address of the other end, also after {@link #close()}.
     *
     * <pre>{@code
     * log.info("connection from " + stream.peerAddress());
     * }</pre>
     *
     * @return the peer's address
     */
    public InetSocketAddress peerAddress() {
        return engine.peer;
    }

    /**
     * The local address of the connection, also after {@link #close()}.
     *
     * <pre>{@code
     * int port = stream.localAddress().getPort();
     * }</pre>
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return engine.local;
    }

    /**
     * Splits the stream into a read half and a write half, for a task that reads while another
     * writes (Tokio's {@code into_split}). They share this stream: closing the write half shuts
     * the output down, closing the read half shuts the input down, and the socket is closed
     * once both halves are (or when this stream is closed).
     *
     * <pre>{@code
     * TcpStream.Halves halves = stream.split();
     * Task.spawn(pump(halves.reader(), toClient));
     * await(pump(fromClient, halves.writer()));
     * }</pre>
     *
     * @return the two halves
     */
    public Halves split() {
        return new Halves(new ReadHalf(this), new WriteHalf(this));
    }

    /**
     * Closes the connection at once: every task waiting on it wakes and fails with
     * {@link java.net.SocketException} "Socket closed", and later operations fail the same way.
     * Bytes written and not yet sent are still sent by the kernel. Closing twice does nothing.
     *
     * <pre>{@code
     * stream.close();
     * }</pre>
     */
    @Override
    public void close() {
        engine.reg.close("closed");
    }

    /** A half was closed: the socket closes with the second. */
    void halfClosed() {
        if (halvesClosed.incrementAndGet() == 2) {
            close();
        }
    }

    /**
     * Tells whether {@link #close()} ran (or the runtime's shutdown closed the stream).
     *
     * <pre>{@code
     * if (!stream.isClosed()) { ... }
     * }</pre>
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return engine.reg.isClosed();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * The two halves of a {@link TcpStream}, from {@link TcpStream#split()}.
     *
     * @param reader the read half
     * @param writer the write half
     */
    public record Halves(ReadHalf reader, WriteHalf writer) {
    }

    /**
     * The reading half of a {@link TcpStream} (Tokio's {@code OwnedReadHalf}); see
     * {@link TcpStream#split()}.
     *
     * <h2>Cancel safety</h2>
     * As the stream's: {@link #read} is cancel-safe.
     *
     * <h2>Thread safety</h2>
     * May be used by one task while another uses the write half.
     */
    public static final class ReadHalf implements AsyncRead, AutoCloseable {
        private final TcpStream stream;
        private boolean closed;

        ReadHalf(TcpStream stream) {
            this.stream = stream;
        }

        /**
         * Reads what is available; see {@link TcpStream#pollRead}.
         *
         * @param cx  the context of the polling task
         * @param dst where the bytes go
         * @return the count, -1 at the end, or pending
         * @throws IOException as the connection fails
         */
        @Override
        public Poll<Integer> pollRead(Context cx, ByteBuffer dst) throws IOException {
            return stream.pollRead(cx, dst);
        }

        /**
         * See {@link TcpStream#read}.
         *
         * @param dst where the bytes go
         * @return a single-use future
         */
        @Override
        public Future<Integer> read(ByteBuffer dst) {
            return stream.read(dst);
        }

        /**
         * See {@link TcpStream#readExact}.
         *
         * @param dst the buffer to fill
         * @return a single-use future
         */
        @Override
        public Future<Void> readExact(ByteBuffer dst) {
            return stream.readExact(dst);
        }

        /**
         * The stream this half belongs to.
         *
         * @return the stream
         */
        public TcpStream stream() {
            return stream;
        }

        /**
         * Shuts the input down (reads then see the end of the stream); the socket closes once
         * the write half is closed too. Closing twice does nothing.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                stream.engine.channel.shutdownInput();
            } catch (IOException alreadyClosed) {
                // nothing left to shut down
            }
            stream.halfClosed();
        }

        @Override
        public String toString() {
            return "ReadHalf[" + stream + "]";
        }
    }

    /**
     * The writing half of a {@link TcpStream} (Tokio's {@code OwnedWriteHalf}); see
     * {@link TcpStream#split()}.
     *
     * <h2>Cancel safety</h2>
     * As the stream's: {@link #write} is cancel-safe; a cancelled {@link #writeAll} leaves the
     * buffer's position where the writing stopped.
     *
     * <h2>Thread safety</h2>
     * May be used by one task while another uses the read half.
     */
    public static final class WriteHalf implements AsyncWrite, AutoCloseable {
        private final TcpStream stream;
        private boolean closed;

        WriteHalf(TcpStream stream) {
            this.stream = stream;
        }

        /**
         * See {@link TcpStream#pollWrite}.
         *
         * @param cx  the context of the polling task
         * @param src the bytes
         * @return the count, or pending
         * @throws IOException as the connection fails
         */
        @Override
        public Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException {
            return stream.pollWrite(cx, src);
        }

        /**
         * See {@link TcpStream#pollWriteVectored}.
         *
         * @param cx   the context of the polling task
         * @param srcs the buffers
         * @return the count, or pending
         * @throws IOException as the connection fails
         */
        @Override
        public Poll<Long> pollWriteVectored(Context cx, ByteBuffer[] srcs) throws IOException {
            return stream.pollWriteVectored(cx, srcs);
        }

        /**
         * Ready at once; see {@link TcpStream#pollFlush}.
         *
         * @param cx the context of the polling task
         * @return ready
         */
        @Override
        public Poll<Void> pollFlush(Context cx) {
            return Poll.ready(null);
        }

        /**
         * Shuts the output down; see {@link TcpStream#shutdownOutput()}.
         *
         * @param cx the context of the polling task
         * @return ready
         * @throws IOException as the connection fails
         */
        @Override
        public Poll<Void> pollClose(Context cx) throws IOException {
            return stream.pollClose(cx);
        }

        /**
         * See {@link TcpStream#write}.
         *
         * @param src the bytes
         * @return a single-use future
         */
        @Override
        public Future<Integer> write(ByteBuffer src) {
            return stream.write(src);
        }

        /**
         * See {@link TcpStream#writeAll(ByteBuffer)}.
         *
         * @param src the bytes
         * @return a single-use future
         */
        @Override
        public Future<Void> writeAll(ByteBuffer src) {
            return stream.writeAll(src);
        }

        /**
         * See {@link TcpStream#writeAll(ByteBuffer...)}.
         *
         * @param srcs the buffers
         * @return a single-use future
         */
        @Override
        public Future<Void> writeAll(ByteBuffer... srcs) {
            return stream.writeAll(srcs);
        }

        /**
         * The stream this half belongs to.
         *
         * @return the stream
         */
        public TcpStream stream() {
            return stream;
        }

        /**
         * Shuts the output down (the peer reads the end of the stream); the socket closes once
         * the read half is closed too. Closing twice does nothing.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                stream.engine.channel.shutdownOutput();
            } catch (IOException alreadyClosed) {
                // nothing left to shut down
            }
            stream.halfClosed();
        }

        @Override
        public String toString() {
            return "WriteHalf[" + stream + "]";
        }
    }
}

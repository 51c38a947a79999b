package io.ferrite.net;

import static org.junit.jupiter.api.Assertions.fail;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers of the socket tests: runtimes, a loopback address, an echo loop, waiting for a state. */
final class NetTesting {

    /** How long {@link #eventually} waits before it calls the state lost: a liveness bound, not a speed claim. */
    static final long PATIENCE_NANOS = 30_000_000_000L;

    private NetTesting() {
    }

    static AsyncRuntime runtime(String name) {
        return AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix(name).taskFailureHandler((t, e) -> { })
                .build();
    }

    /** Port 0 on the loopback interface: the system picks a free port. */
    static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Waits until {@code state} holds (another thread makes it so), failing if it never does. */
    static void eventually(String what, BooleanSupplier state) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!state.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("never happened: " + what);
            }
            LockSupport.parkNanos(200_000L);
        }
    }

    /** The open file descriptors of this process. */
    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1;   // the listing's own descriptor
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String ascii(ByteBuffer b) {
        return java.nio.charset.StandardCharsets.US_ASCII.decode(b.flip()).toString();
    }

    /** A connection's echo loop, written by hand (the runtime's tests cannot use @Async): read, write it all back, until the end. */
    static final class Echo implements Future<Long> {
        private final TcpStream stream;
        private final ByteBuffer buf;
        private Future<Integer> read;
        private Future<Void> write;
        private long total;

        Echo(TcpStream stream, int bufferSize) {
            this.stream = stream;
            this.buf = ByteBuffer.allocate(bufferSize);
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (true) {
                if (write != null) {
                    if (write.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    write = null;
                    buf.clear();
                }
                if (read == null) {
                    read = stream.read(buf);
                }
                Poll<Integer> p = read.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                read = null;
                if (p.value() < 0) {
                    stream.close();
                    return Poll.ready(total);
                }
                total += p.value();
                buf.flip();
                write = stream.writeAll(buf);
            }
        }

        @Override
        public void cancel() {
            if (read != null) {
                read.cancel();
            }
            if (write != null) {
                write.cancel();
            }
            stream.close();
        }
    }

    /** A client's round trip, written by hand: connect, send, shut the output down, read the reply to its end, close. */
    static final class RoundTrip implements Future<byte[]> {
        private final InetSocketAddress server;
        private final byte[] message;
        private Future<TcpStream> connect;
        private TcpStream stream;
        private Future<Void> write;
        private Future<byte[]> reply;

        RoundTrip(InetSocketAddress server, byte[] message) {
            this.server = server;
            this.message = message;
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            if (stream == null) {
                if (connect == null) {
                    connect = TcpStream.connect(server);
                }
                Poll<TcpStream> p = connect.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                stream = p.value();
                write = stream.writeAll(ByteBuffer.wrap(message));
            }
            if (reply == null) {
                if (write.poll(cx).isPending()) {
                    return Poll.pending();
                }
                try {
                    stream.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                reply = stream.readToEnd();
            }
            Poll<byte[]> p = reply.poll(cx);
            if (p.isReady()) {
                stream.close();
            }
            return p;
        }
    }

    /** Accepts forever, echoing each connection in a task of its own. */
    static final class EchoServer implements Future<Void> {
        private final TcpListener listener;
        private Future<TcpStream> accept;

        EchoServer(TcpListener listener) {
            this.listener = listener;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (accept == null) {
                    accept = listener.accept();
                }
                Poll<TcpStream> p = accept.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                accept = null;
                io.ferrite.runtime.Task.spawn(new Echo(p.value(), 4096));
            }
        }

        @Override
        public void cancel() {
            if (accept != null) {
                accept.cancel();
            }
        }
    }
}

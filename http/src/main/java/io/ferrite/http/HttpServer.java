package io.ferrite.http;

import static io.ferrite.Await.await;

import io.ferrite.Futures;
import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Interval;
import io.ferrite.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 server on Ferrite's runtime (hyper's {@code Server}): bind it to an address, then
 * {@linkplain #serve serve} a {@link Handler}; {@link #shutdown} stops it gracefully.
 *
 * <p>Each connection is a task of the runtime that reads requests, polls the handler's future
 * and writes the responses, keeping the connection alive between requests (RFC 9112):
 * pipelined requests are answered in order, bodies of known length and chunked bodies are read
 * and written both ways, {@code Expect: 100-continue} is honoured when the handler reads the
 * body, {@code HEAD} gets the headers of {@code GET} without the body, and {@code Date} and
 * {@code Content-Length} are set for the handler. The details, limits and timeouts are in
 * {@code docs/http.md} and on {@link Builder}.
 *
 * <h2>Bad input</h2>
 * A malformed request line or header, obsolete line folding, or framing that could smuggle a
 * request ({@code Content-Length} with {@code Transfer-Encoding}, differing
 * {@code Content-Length}s) is answered with 400; a header section over the limit with 431, a
 * target over the limit with 414, a body over the limit with 413, a transfer coding other than
 * {@code chunked} with 501, a client that sends its head too slowly with 408; then the
 * connection is closed. None of these is logged: the client caused them. A handler that fails
 * is answered with 500 and logged once with the request line.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Router router = new Router()
 *         .get("/", request -> Future.ready(Response.text(200, "Hello from Ferrite!")))
 *         .get("/slow", this::slow);
 * try (AsyncRuntime rt = AsyncRuntime.builder().build()) {
 *     HttpServer server = rt.blockOn(HttpServer.bind(new InetSocketAddress("127.0.0.1", 8080)));
 *     Runtime.getRuntime().addShutdownHook(new Thread(() -> rt.blockOn(server.shutdown(Duration.ofSeconds(5)))));
 *     rt.blockOn(server.serve(router));          // returns once the shutdown is done
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling {@link #serve}'s future (aborting its task, or the runtime's shutdown) closes the
 * listener and aborts every connection at once, as a shutdown with no grace would.
 *
 * <h2>Thread safety</h2>
 * {@link #shutdown}, {@link #localAddress()} and {@link #connectionCount()} may be called from
 * any thread. {@link #serve} is called once.
 */
public final class HttpServer {

    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);
    private static final long ACCEPT_LOG_EVERY_NANOS = 60_000_000_000L;

    private final TcpListener listener;
    private final Limits limits;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile ServerCore core;
    private volatile Duration grace = Duration.ZERO;
    private volatile boolean shutdownStarted;
    private long lastAcceptLog = System.nanoTime() - ACCEPT_LOG_EVERY_NANOS;
    private int acceptFailuresUnlogged;

    private HttpServer(TcpListener listener, Limits limits) {
        this.listener = listener;
        this.limits = limits;
    }

    /**
     * Returns a future that binds a server with the default limits (see {@link Builder}) to
     * {@code address}; port 0 picks a free port ({@link #localAddress()}).
     *
     * <pre>{@code
     * HttpServer server = await(HttpServer.bind(new InetSocketAddress("127.0.0.1", 8080)));
     * }</pre>
     *
     * <p>Cancel safety: binding does not wait.
     *
     * @param address the local address
     * @return a single-use future; it fails with {@link java.net.BindException} if the address
     *         is in use, and {@link IllegalStateException} if polled outside a runtime
     * @throws NullPointerException if {@code address} is null
     */
    public static Future<HttpServer> bind(SocketAddress address) {
        return builder().bind(address);
    }

    /**
     * Returns a builder for a server with limits and timeouts of its own.
     *
     * <pre>{@code
     * HttpServer server = await(HttpServer.builder().maxBodyBytes(1 << 20).idleTimeout(Duration.ofSeconds(5)).bind(address));
     * }</pre>
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address the server listens on (with the port the system chose for port 0).
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    /**
     * The connections open now.
     *
     * @return the count
     */
    public int connectionCount() {
        ServerCore c = core;
        return c == null ? 0 : c.open.size();
    }

    /**
     * Returns a future that serves {@code handler} on every connection until {@link #shutdown}
     * (or until the future is cancelled), and completes when the last connection has ended.
     * Nothing is accepted before the future is first polled: await it, or spawn it.
     *
     * <pre>{@code
     * JoinHandle<Void> serving = Task.spawn(server.serve(router));
     * }</pre>
     *
     * <p>A failure to accept (too many open files) is logged (at most once a minute, with a
     * count) and retried after 100 ms; it does not stop the server.
     *
     * <p>Cancel safety: cancelling closes the listener and aborts every connection: their
     * handlers are cancelled and their {@code finally} blocks run.
     *
     * @param handler the handler of every request
     * @return a single-use future of the serving
     * @throws NullPointerException  if {@code handler} is null
     * @throws IllegalStateException (from the first poll) if {@code serve} was called before
     */
    @Async
    public Future<Void> serve(Handler handler) {
        ServerCore c = start(Objects.requireNonNull(handler, "handler"));
        JoinHandle<Void> sweeper = Task.spawn(sweep(c));
        try {
            while (!shutdownStarted) {
                TcpStream s;
                try {
                    s = await(listener.accept());
                } catch (Exception e) {
                    if (listener.isClosed()) {
                        break;
                    }
                    acceptFailed(e);
                    await(Time.sleep(ACCEPT_BACKOFF));
                    continue;
                }
                if (!admit(c, s)) {
                    break;
                }
            }
            // shutting down: in-flight requests finish within the grace; idle connections are closing
            try {
                while (!c.open.isEmpty()) {
                    await(Time.timeout(grace, c.allClosed.notified()));
                }
            } catch (Elapsed graceOver) {
                // what is still open is aborted below
            }
            List<JoinHandle<Void>> aborted = abortAll(c);
            for (JoinHandle<Void> h : aborted) {
                try {
                    await(h);
                } catch (Throwable expected) {
                    // Cancelled: the connection unwound (its handler's finally blocks ran)
                }
            }
        } finally {
            sweeper.abort();
            listener.close();
            abortAll(c);
            done.complete(null);
        }
        return Future.ready(null);
    }

    /**
     * Starts a graceful shutdown at once (from any thread; the future is only the way to wait):
     * stops accepting, closes idle keep-alive connections, lets the requests in progress finish
     * (their responses carry {@code Connection: close}) for up to {@code grace}, then cancels the
     * handlers still running (their {@code finally} blocks run) and closes their connections.
     * {@link #serve}'s future completes then, and so does the returned one. Calling it again
     * does not lengthen the grace.
     *
     * <pre>{@code
     * Runtime.getRuntime().addShutdownHook(new Thread(() -> runtime.blockOn(server.shutdown(Duration.ofSeconds(5)))));
     * }</pre>
     *
     * <p>Cancel safety: cancelling the returned future only stops waiting; the shutdown goes on.
     *
     * @param grace how long requests in progress may take to finish
     * @return a future that completes when the server has stopped (at once if it never served)
     * @throws NullPointerException if {@code grace} is null
     */
    public Future<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        synchronized (this) {
            if (!shutdownStarted) {
                this.grace = grace.isNegative() ? Duration.ZERO : grace;
                shutdownStarted = true;
                ServerCore c = core;
                if (c != null) {
                    c.drain();
                } else {
                    done.complete(null);
                }
            }
        }
        listener.close();
        return Futures.fromStage(done);
    }

    private synchronized ServerCore start(Handler handler) {
        if (core != null) {
            throw new IllegalStateException("serve was already called on " + this + ": a server serves one handler"
                    + " (combine several with a Router)");
        }
        ServerCore c = new ServerCore(limits, handler);
        core = c;
        if (shutdownStarted) {
            c.drain();
        }
        return c;
    }

    /** Starts the connection's task; false if the server started shutting down meanwhile. */
    private boolean admit(ServerCore c, TcpStream s) {
        try {
            s.setNodelay(true); // responses are whole writes: Nagle would only delay them
        } catch (IOException e) {
            s.close(); // already gone
            return true;
        }
        Connection conn = new Connection(c, s);
        c.add(conn);
        if (shutdownStarted) {
            conn.cancel();
            return false;
        }
        conn.task = Task.spawn(conn);
        return true;
    }

    private static List<JoinHandle<Void>> abortAll(ServerCore c) {
        List<JoinHandle<Void>> handles = new ArrayList<>();
        for (Connection conn : c.open) {
            JoinHandle<Void> h = conn.task;
            if (h != null) {
                h.abort();
                handles.add(h);
            }
        }
        return handles;
    }

    private void acceptFailed(Exception e) {
        long now = System.nanoTime();
        acceptFailuresUnlogged++;
        if (now - lastAcceptLog >= ACCEPT_LOG_EVERY_NANOS) {
            ServerCore.LOG.log(System.Logger.Level.WARNING, "Accepting a connection on " + localAddress() + " failed ("
                    + acceptFailuresUnlogged + " time(s) since the last report); retrying every "
                    + ACCEPT_BACKOFF.toMillis() + " ms", e);
            lastAcceptLog = now;
            acceptFailuresUnlogged = 0;
        }
    }

    /** The timeouts' clock: one tick per period, each marking the connections past their timeout. */
    @Async
    private static Future<Void> sweep(ServerCore c) {
        Interval every = Time.interval(c.limits.tick());
        await(every.tick()); // the first tick is immediate
        while (true) {
            await(every.tick());
            c.sweep();
        }
    }

    /** For tests: the connections' shared state (null before {@link #serve}). */
    ServerCore core() {
        return core;
    }

    @Override
    public String toString() {
        return "HttpServer[" + localAddress() + "]";
    }

    /**
     * Limits and timeouts of a server; every setting has a default (in brackets below).
     *
     * <ul>
     *   <li>{@link #maxUriLength} [8 KiB]: a longer request target is answered with 414.</li>
     *   <li>{@link #maxHeaderBytes} [16 KiB]: a longer head (request line and fields) with 431.</li>
     *   <li>{@link #maxHeaders} [100]: more header fields with 431.</li>
     *   <li>{@link #maxBodyBytes} [10 MiB]: a longer request body with 413.</li>
     *   <li>{@link #headerTimeout} [10 s]: a connection whose request head has not fully
     *       arrived this long after its first byte (after the connection opened, for the first
     *       request) is answered with 408 and closed (a slowloris client); one that sent
     *       nothing is closed.</li>
     *   <li>{@link #idleTimeout} [60 s]: a keep-alive connection with no request for this long
     *       is closed.</li>
     *   <li>{@link #backlog} [1024]: connections the kernel holds until they are accepted.</li>
     * </ul>
     * Timeouts are checked by a sweeper on the runtime's timer, every eighth of the shorter
     * timeout (10 ms to 1 s), so a timeout fires up to that much late.
     *
     * <h2>Thread safety</h2>
     * A builder is used by one thread.
     */
    public static final class Builder {
        private int maxUriLength = 8 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private int maxHeaders = 100;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int backlog = TcpListener.DEFAULT_BACKLOG;

        private Builder() {
        }

        /**
         * Sets the longest request target.
         *
         * @param bytes at least 16
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes < 16}
         */
        public Builder maxUriLength(int bytes) {
            maxUriLength = atLeast("maxUriLength", bytes, 16);
            return this;
        }

        /**
         * Sets the longest request head (request line and header fields).
         *
         * @param bytes at least 256
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes < 256}
         */
        public Builder maxHeaderBytes(int bytes) {
            maxHeaderBytes = atLeast("maxHeaderBytes", bytes, 256);
            return this;
        }

        /**
         * Sets the most header fields in a request.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder maxHeaders(int count) {
            maxHeaders = atLeast("maxHeaders", count, 1);
            return this;
        }

        /**
         * Sets the longest request body.
         *
         * @param bytes at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes < 0}
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes " + bytes + ": must be at least 0");
            }
            maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets how long a request head may take to arrive.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder headerTimeout(Duration timeout) {
            headerTimeout = positive("headerTimeout", timeout);
            return this;
        }

        /**
         * Sets how long a keep-alive connection may wait for its next request.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration timeout) {
            idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /**
         * Sets the listener's backlog.
         *
         * @param connections at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code connections < 1}
         */
        public Builder backlog(int connections) {
            backlog = atLeast("backlog", connections, 1);
            return this;
        }

        /**
         * Returns a future that binds the server to {@code address}.
         *
         * <pre>{@code
         * HttpServer server = await(HttpServer.builder().headerTimeout(Duration.ofSeconds(5)).bind(address));
         * }</pre>
         *
         * <p>Cancel safety: binding does not wait.
         *
         * @param address the local address
         * @return a single-use future; it fails with {@link java.net.BindException} if the
         *         address is in use
         * @throws NullPointerException if {@code address} is null
         */
        public Future<HttpServer> bind(SocketAddress address) {
            Objects.requireNonNull(address, "address");
            return bind(TcpListener.bind(address, backlog),
                    new Limits(maxUriLength, maxHeaderBytes, maxHeaders, maxBodyBytes, headerTimeout, idleTimeout));
        }

        @Async
        private static Future<HttpServer> bind(Future<TcpListener> listening, Limits limits) {
            return Future.ready(new HttpServer(await(listening), limits));
        }

        private static int atLeast(String what, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(what + " " + value + ": must be at least " + min);
            }
            return value;
        }

        private static Duration positive(String what, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " " + d + ": must be positive");
            }
            return d;
        }
    }
}

package io.ferrite.benchmarks.http;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.BufReader;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;
import io.ferrite.time.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ferrite's server for the anchors' HTTP/TCP rounds ({@code shared/anchors/http}): takes
 * {@code HTTP_PORT ECHO_PORT LIMIT} like the peers' servers and binds 127.0.0.1 only, so
 * {@code CMD_ferrite="java -Xmx1g -cp benchmarks/target/benchmarks.jar io.ferrite.benchmarks.http.BenchServer"}
 * puts it into those rounds unchanged.
 *
 * <p>The TCP echo on {@code ECHO_PORT} is the measured part of this version: a task per
 * connection, a 16 KiB buffer (see {@link #ECHO_BUFFER}), {@code TCP_NODELAY} on (as every
 * peer's echo), read then {@code writeAll} until the end of the stream.
 *
 * <p>{@code HTTP_PORT} serves a stand-in until {@code ferrite-http} (issue 15) replaces it: the
 * anchors' run script probes {@code GET /fast} to know the server is up and reads
 * {@code GET /count} at the end. It parses a request head line by line (no bodies), keeps
 * connections alive, and answers {@code /fast}, {@code /slow} (100 ms on the timer),
 * {@code /count} and 404, each request counted and holding one of {@code LIMIT} permits, as
 * the peers do. It is not an HTTP server to measure.
 *
 * <p>Usage: {@code BenchServer [HTTP_PORT=8080] [ECHO_PORT=9090] [LIMIT=1024]}.
 */
public final class BenchServer {

    /**
     * The echo's buffer per connection: 16 KiB unless {@code -Dferrite.bench.echoBuffer=N}. hyper's
     * and jdk-vt's echoes read 4 KiB at a time and Netty's adapts up to 64 KiB; with 4 KiB, a 16 KiB
     * message (N2) costs Ferrite four read/write rounds, each through the driver, and measured 0.72x
     * the round trips/s of 16 KiB in one run (docs/io.md).
     */
    static final int ECHO_BUFFER = Integer.getInteger("ferrite.bench.echoBuffer", 16 * 1024);
    /** {@code -Dferrite.bench.echoDirect=true} reads into a direct buffer (no copy through the JDK's temporary one). */
    static final boolean ECHO_DIRECT = Boolean.getBoolean("ferrite.bench.echoDirect");

    private final AtomicLong requests = new AtomicLong();
    private final Semaphore limit;

    private BenchServer(int limit) {
        this.limit = new Semaphore(limit);
    }

    /**
     * Starts the servers and runs until the process is stopped.
     *
     * @param args {@code HTTP_PORT ECHO_PORT LIMIT}
     */
    public static void main(String[] args) {
        int httpPort = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int echoPort = args.length > 1 ? Integer.parseInt(args[1]) : 9090;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        InetAddress lo = InetAddress.getLoopbackAddress();
        AsyncRuntime rt = AsyncRuntime.builder().threadNamePrefix("bench").build();
        BenchServer server = new BenchServer(limit);
        TcpListener echo = rt.blockOn(TcpListener.bind(new InetSocketAddress(lo, echoPort), 4096));
        TcpListener http = rt.blockOn(TcpListener.bind(new InetSocketAddress(lo, httpPort), 4096));
        rt.spawn(server.acceptEcho(echo));
        rt.spawn(server.acceptHttp(http));
        System.out.println("ferrite " + rt + ": http " + httpPort + " echo " + echoPort + " limit " + limit
                + " (I/O driver: " + System.getProperty("ferrite.io.driver", "park") + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(rt::close));
        rt.blockOn(Time.sleep(Duration.ofDays(365 * 100)));
    }

    @Async
    Future<Void> acceptEcho(TcpListener listener) {
        while (true) {
            try {
                Task.spawn(echo(await(listener.accept())));
            } catch (Exception e) {   // await declares nothing, so javac lets only this catch its IOException
                if (listener.isClosed()) {
                    return Future.ready(null);
                }
                System.err.println("echo accept failed: " + e);
            }
        }
    }

    @Async
    static Future<Void> echo(TcpStream stream) {
        try (stream) {
            stream.setNodelay(true);
            ByteBuffer buf = ECHO_DIRECT ? ByteBuffer.allocateDirect(ECHO_BUFFER) : ByteBuffer.allocate(ECHO_BUFFER);
            while (await(stream.read(buf)) >= 0) {
                buf.flip();
                await(stream.writeAll(buf));
                buf.clear();
            }
        } catch (IOException dropped) {
            // a client that resets its connection ends its echo; nothing to report
        }
        return Future.ready(null);
    }

    @Async
    Future<Void> acceptHttp(TcpListener listener) {
        while (true) {
            try {
                Task.spawn(http(await(listener.accept())));
            } catch (Exception e) {
                if (listener.isClosed()) {
                    return Future.ready(null);
                }
                System.err.println("http accept failed: " + e);
            }
        }
    }

    /** The stand-in HTTP/1.1 loop: one request head at a time, no bodies, keep-alive. */
    @Async
    @SuppressWarnings("try")
    Future<Void> http(TcpStream stream) {
        try (stream) {
            stream.setNodelay(true);
            BufReader in = new BufReader(stream);
            String requestLine;
            while ((requestLine = await(in.readLine())) != null) {
                boolean close = false;
                for (String h; (h = await(in.readLine())) != null && !h.isEmpty(); ) {
                    if (h.regionMatches(true, 0, "connection:", 0, 11) && h.toLowerCase().contains("close")) {
                        close = true;
                    }
                }
                long n = requests.incrementAndGet();
                String path = requestLine.split(" ", 3).length > 1 ? requestLine.split(" ", 3)[1] : "";
                int status = 200;
                String body;
                try (Semaphore.Permit permit = await(limit.acquire())) {
                    switch (path) {
                        case "/fast" -> body = "ok";
                        case "/slow" -> {
                            await(Time.sleep(Duration.ofMillis(100)));
                            body = "ok";
                        }
                        case "/count" -> body = Long.toString(n);
                        default -> {
                            status = 404;
                            body = "not found";
                        }
                    }
                }
                byte[] b = body.getBytes(StandardCharsets.US_ASCII);
                String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\nContent-Length: "
                        + b.length + "\r\nContent-Type: text/plain\r\n" + (close ? "Connection: close\r\n" : "")
                        + "\r\n";
                await(stream.writeAll(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)), ByteBuffer.wrap(b)));
                if (close) {
                    break;
                }
            }
        } catch (IOException dropped) {
            // a client that resets its connection ends its loop
        }
        return Future.ready(null);
    }
}

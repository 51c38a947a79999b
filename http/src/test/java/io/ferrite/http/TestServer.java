package io.ferrite.http;

import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A server on its own multi-thread runtime for a test, with helpers for raw sockets. Closing it
 * shuts the server down (no grace) and the runtime, and fails the test if a task of the runtime
 * failed meanwhile (a connection's task fails only on a bug of the server: whatever a client or a
 * handler does must end in a response or a close).
 */
final class TestServer implements AutoCloseable {

    final AsyncRuntime runtime;
    final HttpServer server;
    final JoinHandle<Void> serving;
    final List<Throwable> taskFailures = new CopyOnWriteArrayList<>();

    TestServer(Handler handler) {
        this(handler, b -> b, null);
    }

    TestServer(Handler handler, UnaryOperator<HttpServer.Builder> config, TimeSource clock) {
        AsyncRuntime.Builder rb = AsyncRuntime.builder().workerThreads(2).threadNamePrefix("http-test")
                .taskFailureHandler((task, error) -> taskFailures.add(error));
        if (clock != null) {
            rb.timeSource(clock);
        }
        runtime = rb.build();
        server = runtime.blockOn(config.apply(HttpServer.builder())
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        serving = runtime.spawn(server.serve(handler));
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address().getPort() + path);
    }

    /** A raw connection with a read timeout that fails a hung test instead of hanging it. */
    Socket connect() throws IOException {
        Socket s = new Socket(address().getAddress(), address().getPort());
        s.setSoTimeout(20_000);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Sends {@code request} on a new connection and returns everything the server sends until it closes. */
    String exchange(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    /** Reads until the server closes (a read timeout fails the test). */
    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 20 s; got so far: "
                    + out.toString(StandardCharsets.ISO_8859_1), e);
        } catch (java.net.SocketException reset) {
            // a reset after the response counts as the close
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response (head and Content-Length or chunked body) from a kept-alive connection. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        if (h.isEmpty()) {
            return "";
        }
        String lower = h.toLowerCase();
        int cl = lower.indexOf("\r\ncontent-length: ");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (cl >= 0 && !h.startsWith("HTTP/1.1 1")) {
            int end = lower.indexOf("\r\n", cl + 2);
            int len = Integer.parseInt(h.substring(cl + 18, end).trim());
            body.write(in.readNBytes(len));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            while (true) {
                StringBuilder line = new StringBuilder();
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("closed inside a chunked body");
                    }
                    line.append((char) c);
                }
                int size = Integer.parseInt(line.toString().trim(), 16);
                byte[] data = in.readNBytes(size + 2);
                if (size == 0) {
                    break;
                }
                body.write(data, 0, size);
            }
        }
        return h + body.toString(StandardCharsets.ISO_8859_1);
    }

    static void send(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            runtime.blockOn(server.shutdown(Duration.ZERO));
        } finally {
            runtime.close();
        }
        if (!taskFailures.isEmpty()) {
            AssertionError e = new AssertionError("a task of the server failed: " + taskFailures);
            taskFailures.forEach(e::addSuppressed);
            throw e;
        }
    }
}

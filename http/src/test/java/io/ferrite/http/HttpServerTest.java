package io.ferrite.http;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.sync.Notify;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The server with real clients: the JDK's HttpClient, many connections, shutdown, timeouts. */
class HttpServerTest {

    @Test
    void serve_should_answer_the_jdk_client_when_the_handler_is_an_async_lambda() throws Exception {
        Handler hello = request -> Future.ready(Response.text(200, "Hello from " + request.path()));
        try (TestServer t = new TestServer(hello)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(t.uri("/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Hello from /x", r.body());
            assertNotNull(r.headers().firstValue("date").orElse(null));
            assertEquals("13", r.headers().firstValue("content-length").orElseThrow());
        }
    }

    @Test
    void serve_should_keep_the_jdk_clients_connection_alive_when_it_sends_requests_in_turn() throws Exception {
        Handler port = request -> Future.ready(Response.text(200, Integer.toString(request.remoteAddress().getPort())));
        try (TestServer t = new TestServer(port)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<String> ports = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                ports.add(client.send(HttpRequest.newBuilder(t.uri("/p")).build(), HttpResponse.BodyHandlers.ofString()).body());
            }
            assertEquals(1, ports.size(), "every request on one connection: " + ports);
        }
    }

    @Test
    void serve_should_run_requests_of_many_connections_at_once_when_their_handlers_wait() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Handler slow = request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            await(Time.sleep(Duration.ofMillis(50)));
            inFlight.decrementAndGet();
            return Future.ready(Response.text(200, request.queryParam("i")));
        };
        try (TestServer t = new TestServer(slow)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(client.sendAsync(HttpRequest.newBuilder(t.uri("/s?i=" + i)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = all.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals(Integer.toString(i), r.body());
            }
            assertTrue(most.get() > 10, "handlers overlapped: at most " + most.get() + " at once");
        }
    }

    @Test
    void serve_should_give_each_of_10000_requests_its_own_response_over_100_keep_alive_connections() throws Exception {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        Handler echoId = request -> {
            ports.add(request.remoteAddress().getPort());
            return Future.ready(Response.text(200, request.queryParam("id")));
        };
        int connections = 100;
        int perConnection = 100;
        AtomicInteger answered = new AtomicInteger();
        try (TestServer t = new TestServer(echoId)) {
            ExecutorService clients = Executors.newFixedThreadPool(connections);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int conn = c;
                done.add(clients.submit(() -> {
                    try (Socket s = t.connect()) {
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        // even connections pipeline their requests ten at a time, odd ones send one at a time
                        int batch = conn % 2 == 0 ? 10 : 1;
                        for (int i = 0; i < perConnection; i += batch) {
                            StringBuilder b = new StringBuilder();
                            for (int j = i; j < i + batch; j++) {
                                b.append("GET /?id=").append(conn).append('-').append(j).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
                            }
                            TestServer.send(out, b.toString());
                            for (int j = i; j < i + batch; j++) {
                                String r = TestServer.readResponse(in);
                                String id = conn + "-" + j;
                                if (!r.endsWith("\r\n\r\n" + id)) {
                                    throw new AssertionError("request " + id + " got: " + r);
                                }
                                answered.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        assertEquals(connections * perConnection, answered.get());
        assertEquals(connections, ports.size(), "one connection per client, kept alive");
    }

    // ---- graceful shutdown

    @Test
    void shutdown_should_close_idle_connections_at_once_and_let_the_request_in_progress_finish() throws Exception {
        Notify release = new Notify();
        CountDownLatch started = new CountDownLatch(1);
        Handler h = request -> {
            if (request.path().equals("/wait")) {
                started.countDown();
                await(release.notified());
            }
            return Future.ready(Response.text(200, "done " + request.path()));
        };
        try (TestServer t = new TestServer(h); Socket idle = t.connect(); Socket busy = t.connect()) {
            TestServer.send(idle.getOutputStream(), "GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(TestServer.readResponse(idle.getInputStream()).endsWith("done /first"));
            TestServer.send(busy.getOutputStream(), "GET /wait HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(started.await(20, TimeUnit.SECONDS));

            Future<Void> stopped = t.server.shutdown(Duration.ofSeconds(60));
            assertEquals("", TestServer.readAll(idle.getInputStream()), "the idle connection closes at once");
            assertThrows(ConnectException.class, t::connect, "no longer accepting");
            assertFalse(t.serving.isFinished(), "a request is still in progress");

            release.notifyOne();
            String r = TestServer.readAll(busy.getInputStream());
            assertTrue(r.contains("Connection: close\r\n") && r.endsWith("done /wait"), r);
            t.runtime.blockOn(stopped);
            t.runtime.blockOn(t.serving);
            assertEquals(0, t.server.connectionCount());
        }
    }

    @Test
    void shutdown_should_cancel_the_handler_and_run_its_finally_when_the_grace_is_over() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Handler stuck = request -> {
            try {
                started.countDown();
                await(new Notify().notified()); // never notified
                return Future.ready(Response.text(200, "never"));
            } finally {
                cleanedUp.countDown();
            }
        };
        try (TestServer t = new TestServer(stuck, b -> b, clock); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(started.await(20, TimeUnit.SECONDS));
            Future<Void> stopped = t.server.shutdown(Duration.ofSeconds(5));
            advanceUntil(clock, () -> cleanedUp.getCount() == 0);
            assertEquals("", TestServer.readAll(s.getInputStream()), "cut off without a response");
            t.runtime.blockOn(stopped);
            assertTrue(t.serving.isFinished());
        }
    }

    // ---- timeouts, on a virtual clock

    @Test
    void header_timeout_should_answer_408_and_close_when_the_head_arrives_too_slowly() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        Handler ok = request -> Future.ready(Response.text(200, "ok"));
        try (TestServer t = new TestServer(ok, b -> b.headerTimeout(Duration.ofSeconds(10)), clock); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET / HTTP/1.1\r\nHo");
            waitFor(() -> t.server.core() != null && t.server.core().open.stream().anyMatch(Connection::holdsPartialHead));
            s.setSoTimeout(50);
            StringBuilder got = new StringBuilder();
            advanceUntil(clock, () -> readSome(s, got));
            s.setSoTimeout(20_000);
            String r = got + TestServer.readAll(s.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 408 Request Timeout\r\n") && r.contains("Connection: close"), r);
        }
    }

    @Test
    void idle_timeout_should_close_a_keep_alive_connection_when_no_request_comes() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        Handler ok = request -> Future.ready(Response.text(200, "ok"));
        try (TestServer t = new TestServer(ok, b -> b.idleTimeout(Duration.ofSeconds(30)), clock); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(TestServer.readResponse(s.getInputStream()).endsWith("ok"));
            waitFor(() -> t.server.core().open.stream().allMatch(c -> c.phase() == Connection.IDLE));
            s.setSoTimeout(50);
            StringBuilder got = new StringBuilder();
            advanceUntil(clock, () -> readSome(s, got));
            assertEquals("", got.toString(), "closed without a response");
            waitFor(() -> t.server.connectionCount() == 0);
        }
    }

    @Test
    void timeouts_should_not_touch_a_connection_whose_handler_is_running() throws Exception {
        VirtualTimeSource clock = new VirtualTimeSource();
        Notify release = new Notify();
        CountDownLatch started = new CountDownLatch(1);
        Handler h = request -> {
            started.countDown();
            await(release.notified());
            return Future.ready(Response.text(200, "late"));
        };
        try (TestServer t = new TestServer(h, b -> b.headerTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1)),
                clock); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(started.await(20, TimeUnit.SECONDS));
            for (int i = 0; i < 20; i++) {
                clock.advance(Duration.ofSeconds(1));
            }
            release.notifyOne();
            assertTrue(TestServer.readResponse(s.getInputStream()).endsWith("late"));
        }
    }

    /** Advances the clock a second at a time until {@code done}, giving the server real time between steps. */
    private static void advanceUntil(VirtualTimeSource clock, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(10);
        }
        throw new AssertionError("nothing happened after 600 virtual seconds");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 4000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the condition did not hold within 20 s");
    }

    /** Reads what is there within the socket's short timeout: true once the server closed. */
    private static boolean readSome(Socket s, StringBuilder got) {
        try {
            byte[] b = new byte[4096];
            int n = s.getInputStream().read(b);
            if (n < 0) {
                return true;
            }
            got.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}

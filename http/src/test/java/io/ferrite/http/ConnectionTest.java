package io.ferrite.http;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.stream.AsyncStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP/1.1 framing and every refusal, over raw sockets. */
class ConnectionTest {

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger serverLog = Logger.getLogger(HttpServer.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        serverLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        serverLog.removeHandler(capture);
    }

    /** Echoes the method, path and body; /fail throws; /ignore answers without reading the body. */
    static io.ferrite.http.Handler app() {
        return new Router()
                .post("/echo", request -> {
                    String body = await(request.bodyText());
                    return Future.ready(Response.text(200, "echo:" + body));
                })
                .get("/hello", request -> Future.ready(Response.text(200, "hello")))
                .get("/fail", request -> {
                    throw new IllegalStateException("broken handler");
                })
                .post("/ignore", request -> Future.ready(Response.text(200, "ignored")))
                .get("/dated", request -> Future.ready(Response.text(200, "x").withHeader("Date", "Thu, 01 Jan 2026 00:00:00 GMT")))
                .get("/stream", request -> Future.ready(Response.stream(200, "text/plain",
                        AsyncStream.of("one,", "two,", "three").map(s -> ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))))))
                .post("/count", request -> {
                    AsyncStream<ByteBuffer> body = request.body();
                    long n = 0;
                    int parts = 0;
                    for (ByteBuffer b; (b = await(body.next())) != null; ) {
                        n += b.remaining();
                        parts++;
                    }
                    return Future.ready(Response.text(200, n + " bytes"));
                })
                .post("/stream-echo", request -> Future.ready(Response.stream(200, "text/plain", request.body())))
                .get("/teapot", request -> Future.failed(new HttpException(422, "no teapot here")));
    }

    @Test
    void connection_should_answer_pipelined_requests_in_order_when_they_arrive_in_one_write() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            String all = TestServer.readAll(s.getInputStream());
            int first = all.indexOf("hello");
            int second = all.indexOf("echo:abc");
            int third = all.lastIndexOf("hello");
            assertTrue(first >= 0 && second > first && third > second, all);
            assertTrue(all.endsWith("Connection: close\r\n\r\nhello"), all);
        }
    }

    @Test
    void connection_should_set_date_and_content_length_when_the_handler_does_not() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            String r = TestServer.readResponse(s.getInputStream());
            assertTrue(r.matches("(?s)HTTP/1.1 200 OK\r\n.*Content-Length: 5\r\n.*Date: \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n.*"), r);
            TestServer.send(s.getOutputStream(), "GET /dated HTTP/1.1\r\nHost: a\r\n\r\n");
            String d = TestServer.readResponse(s.getInputStream());
            assertTrue(d.contains("Date: Thu, 01 Jan 2026 00:00:00 GMT\r\n"), d);
            assertEquals(1, d.split("Date:").length - 1, d);
        }
    }

    @Test
    void head_should_get_the_headers_of_get_without_the_body_when_the_route_is_get() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            String all = TestServer.readAll(s.getInputStream());
            String[] responses = all.split("(?=HTTP/1.1 )");
            assertEquals(2, responses.length, all);
            assertTrue(responses[0].contains("Content-Length: 5\r\n") && responses[0].endsWith("\r\n\r\n"), responses[0]);
            assertTrue(responses[1].endsWith("\r\n\r\nhello"), responses[1]);
        }
    }

    @Test
    void connection_should_close_after_the_response_when_the_request_says_close() throws Exception {
        try (TestServer t = new TestServer(app())) {
            String r = t.exchange("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.contains("Connection: close\r\n") && r.endsWith("hello"), r);
        }
    }

    @Test
    void connection_should_keep_an_http10_client_alive_only_when_it_asks() throws Exception {
        try (TestServer t = new TestServer(app())) {
            String closed = t.exchange("GET /hello HTTP/1.0\r\n\r\n");
            assertTrue(closed.contains("Connection: close\r\n") && closed.endsWith("hello"), closed);
            try (Socket s = t.connect()) {
                TestServer.send(s.getOutputStream(), "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                String kept = TestServer.readResponse(s.getInputStream());
                assertTrue(kept.contains("Connection: keep-alive\r\n"), kept);
                TestServer.send(s.getOutputStream(), "GET /hello HTTP/1.0\r\n\r\n");
                assertTrue(TestServer.readAll(s.getInputStream()).endsWith("hello"));
            }
        }
    }

    @Test
    void response_stream_should_be_sent_chunked_to_http11_and_until_close_to_http10() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
            String r = TestServer.readResponse(s.getInputStream());
            assertTrue(r.contains("Transfer-Encoding: chunked\r\n") && r.endsWith("one,two,three"), r);
            String old = t.exchange("GET /stream HTTP/1.0\r\n\r\n");
            assertFalse(old.contains("chunked"), old);
            assertTrue(old.endsWith("\r\n\r\none,two,three"), old);
        }
    }

    @Test
    void expect_continue_should_be_answered_when_the_handler_reads_the_body() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            InputStream in = s.getInputStream();
            TestServer.send(s.getOutputStream(), "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.ISO_8859_1));
            TestServer.send(s.getOutputStream(), "data");
            String r = TestServer.readResponse(in);
            assertTrue(r.startsWith("HTTP/1.1 200 OK") && r.endsWith("echo:data"), r);
        }
    }

    @Test
    void expect_continue_should_not_be_sent_and_the_connection_closed_when_the_handler_ignores_the_body() throws Exception {
        try (TestServer t = new TestServer(app())) {
            String r = t.exchange("POST /ignore HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertFalse(r.contains("100 Continue"), r);
            assertTrue(r.startsWith("HTTP/1.1 200 OK") && r.contains("Connection: close\r\n") && r.endsWith("ignored"), r);
        }
    }

    @Test
    void an_unread_body_should_be_dropped_and_the_connection_kept_when_it_is_small() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "POST /ignore HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"
                    + "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            String all = TestServer.readAll(s.getInputStream());
            assertTrue(all.contains("ignored") && all.endsWith("hello"), all);
        }
    }

    @Test
    void an_unread_body_should_close_the_connection_when_it_is_large() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "POST /ignore HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n");
            String r = TestServer.readAll(s.getInputStream());
            assertTrue(r.contains("Connection: close\r\n") && r.endsWith("ignored"), r);
        }
    }

    @Test
    void body_should_arrive_whole_when_it_is_large_and_read_as_a_stream() throws Exception {
        byte[] body = new byte[3_000_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            assertTrue(TestServer.readResponse(s.getInputStream()).endsWith("3000000 bytes"));
            // the same body chunked, in odd-sized chunks
            StringBuilder chunked = new StringBuilder("POST /count HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            int at = 0;
            for (int size = 1; at < 100_000; size = size * 3 % 9973 + 1) {
                int n = Math.min(size, 100_000 - at);
                chunked.append(Integer.toHexString(n)).append(";ext=1\r\n").append("x".repeat(n)).append("\r\n");
                at += n;
            }
            chunked.append("0\r\nTrailer: t\r\n\r\n");
            TestServer.send(out, chunked.toString());
            assertTrue(TestServer.readResponse(s.getInputStream()).endsWith("100000 bytes"));
        }
    }

    /** Requests the server must refuse, with the status; each must also close the connection. */
    static List<Object[]> refused() {
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {"GARBAGE\r\n\r\n", 400});
        l.add(new Object[] {"GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n  folded\r\n\r\n", 400});
        l.add(new Object[] {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400});
        l.add(new Object[] {"GET / HTTP/1.1\r\n\r\n", 400});
        l.add(new Object[] {"GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414});
        l.add(new Object[] {"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(17_000) + "\r\n\r\n", 431});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 20000000\r\n\r\n", 413});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400});
        l.add(new Object[] {"GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505});
        l.add(new Object[] {"POST /echo HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n", 417});
        l.add(new Object[] {"GET /teapot HTTP/1.1\r\nHost: a\r\n\r\n", 422});
        return l;
    }

    @ParameterizedTest
    @MethodSource("refused")
    void connection_should_answer_the_status_and_close_when_the_request_is_refused(String request, int status)
            throws Exception {
        try (TestServer t = new TestServer(app())) {
            String r = t.exchange(request);
            assertTrue(r.startsWith("HTTP/1.1 " + status + " "), r);
            assertTrue(r.contains("Connection: close\r\n"), r);
        }
        assertEquals(List.of(), logged, "the client caused it: nothing is logged");
    }

    @ParameterizedTest
    @MethodSource("refused")
    void connection_should_refuse_the_same_way_when_the_request_arrives_byte_by_byte(String request, int status)
            throws Exception {
        if (request.length() > 200) {
            return; // the long ones only repeat the limit checks, byte by byte for seconds
        }
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            OutputStream out = s.getOutputStream();
            byte[] b = request.getBytes(StandardCharsets.ISO_8859_1);
            try {
                for (byte x : b) {
                    out.write(x);
                    out.flush();
                }
            } catch (java.net.SocketException closedEarly) {
                // the server refused before the last byte and closed: what follows checks its answer
            }
            String r = TestServer.readAll(s.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 " + status + " "), r);
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void connection_should_parse_the_same_when_a_good_request_arrives_byte_by_byte() throws Exception {
        try (TestServer t = new TestServer(app()); Socket s = t.connect()) {
            OutputStream out = s.getOutputStream();
            for (byte x : "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1;x=y\r\nc\r\n0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(x);
                out.flush();
            }
            assertTrue(TestServer.readResponse(s.getInputStream()).endsWith("echo:abc"));
        }
    }

    @Test
    void a_failing_handler_should_get_500_and_one_log_line_with_the_request_line() throws Exception {
        try (TestServer t = new TestServer(app())) {
            String r = t.exchange("GET /fail?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 500 Internal Server Error\r\n") && r.contains("Connection: close"), r);
        }
        assertEquals(1, logged.size(), logged::toString);
        assertTrue(logged.get(0).getMessage().contains("\"GET /fail?x=1 HTTP/1.1\""), logged.get(0).getMessage());
        assertEquals("broken handler", logged.get(0).getThrown().getMessage());
    }

    @Test
    void a_streamed_echo_should_be_cut_short_without_a_log_line_when_the_clients_chunked_framing_breaks()
            throws Exception {
        try (TestServer t = new TestServer(app())) {
            // the head (200, chunked) and the first chunk are out before the broken chunk-size line arrives
            String r = t.exchange("POST /stream-echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\nzz\r\n");
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.contains("Transfer-Encoding: chunked\r\n"), r);
            assertTrue(r.endsWith("3\r\nabc\r\n"), "cut short after the last good chunk, no last-chunk: " + r);
        }
        assertEquals(List.of(), logged, "the client caused it: nothing is logged");
    }

    @Test
    void a_client_that_leaves_mid_body_should_end_its_connection_without_a_log_line() throws Exception {
        try (TestServer t = new TestServer(app())) {
            try (Socket s = t.connect()) {
                TestServer.send(s.getOutputStream(), "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly a part");
            }
            // the connection ends (the server sees the end of the stream in the body); wait for it
            for (int i = 0; i < 2000 && t.server.connectionCount() > 0; i++) {
                Thread.sleep(5);
            }
            assertEquals(0, t.server.connectionCount());
        }
        assertEquals(List.of(), logged);
    }
}

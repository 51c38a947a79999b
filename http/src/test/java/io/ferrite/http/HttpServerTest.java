package io.ferrite.http;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

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
    void serve_should_echo_a_chunked_body_when_the_handler_reads_it_whole() throws Exception {
        Handler echo = request -> {
            String body = await(request.bodyText());
            return Future.ready(Response.text(200, "got " + body));
        };
        try (TestServer t = new TestServer(echo); Socket s = t.connect()) {
            TestServer.send(s.getOutputStream(), "POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            String r = TestServer.readResponse(s.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(r.endsWith("got hello world"), r);
        }
    }
}

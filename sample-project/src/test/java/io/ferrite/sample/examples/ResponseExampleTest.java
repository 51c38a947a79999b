package io.ferrite.sample.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Request;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.stream.AsyncStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of {@link Response}. */
class ResponseExampleTest {

    private final byte[] html = "<p>hi</p>".getBytes(StandardCharsets.UTF_8);
    private final byte[] header = "HEAD".getBytes(StandardCharsets.US_ASCII);
    private final byte[] records = "r1r2r3".getBytes(StandardCharsets.US_ASCII);

    @Test
    void the_class_example_should_build_the_responses_it_names() {
        Response ok = Response.text(200, "Hello from Ferrite!");
        Response page = Response.bytes(200, html, "text/html; charset=utf-8").withHeader("Cache-Control", "no-store");
        Response gone = Response.status(410);

        assertEquals("Hello from Ferrite!", ok.bodyText());
        String type = page.header("Content-Type");
        assertEquals("text/html; charset=utf-8", type);
        assertEquals("no-store", page.header("Cache-Control"));
        assertEquals(410, gone.status());
        Response r = Response.text(405, "no").withHeader("Allow", "GET, HEAD");
        assertEquals("GET, HEAD", r.header("Allow"));
    }

    Future<Response> home(Request request) {
        return Future.ready(Response.text(200, "Home Page"));
    }

    Future<Response> empty(Request request) {
        return Future.ready(Response.status(204));
    }

    Future<Response> streamedEcho(Request request) {
        return Future.ready(Response.stream(200, "text/plain", request.body()));   // echo, streamed
    }

    Future<Response> known(Request request) {
        AsyncStream<ByteBuffer> parts = AsyncStream.of(ByteBuffer.wrap(header), ByteBuffer.wrap(records));
        return Future.ready(Response.stream(200, "application/octet-stream", parts, header.length + records.length));
    }

    @Test
    void the_member_examples_should_be_sent_as_described() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = HttpExamples.bind(rt);
            rt.spawn(server.serve(new Router().get("/", this::home).get("/empty", this::empty)
                    .post("/echo", this::streamedEcho).get("/known", this::known)));
            assertEquals("Home Page", HttpExamples.get(server, "/").body());
            assertEquals(204, HttpExamples.get(server, "/empty").statusCode());
            HttpResponse<String> echoed = HttpExamples.post(server, "/echo", "streamed back");
            assertEquals("streamed back", echoed.body());
            assertEquals("chunked", echoed.headers().firstValue("Transfer-Encoding").orElse(null));
            HttpResponse<String> known = HttpExamples.get(server, "/known");
            assertEquals("HEADr1r2r3", known.body());
            assertEquals("10", known.headers().firstValue("Content-Length").orElse(null));
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

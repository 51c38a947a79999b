package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Request;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.stream.AsyncStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of {@link Request}. */
class RequestExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Response> echo(Request request) {
        String body = await(request.bodyText());                   // the whole body, as UTF-8
        String type = request.header("Content-Type");               // null if absent
        return Future.ready(Response.text(200, request.method() + " " + request.path() + ": " + body));
    }

    // --- the examples of the members ---

    @Async
    Future<Response> members(Request request) {
        String q = request.queryParam("q");     // "async java" for ?q=async+java
        String agent = request.header("User-Agent");
        long id = Long.parseLong(request.pathParam("id"));
        return Future.ready(Response.text(200, q + "|" + (agent != null) + "|" + id));
    }

    @Async
    Future<Response> count(Request request) {
        AsyncStream<ByteBuffer> body = request.body();
        long total = 0;
        for (ByteBuffer part; (part = await(body.next())) != null; ) {
            total += part.remaining();
        }
        return Future.ready(Response.text(200, Long.toString(total)));
    }

    @Async
    Future<Response> upload(Request request) {
        byte[] upload = await(request.bodyBytes());
        return Future.ready(Response.text(200, upload.length + " bytes"));
    }

    @Async
    Future<Response> form(Request request) {
        String form = await(request.bodyText());
        return Future.ready(Response.text(200, form.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void the_examples_should_read_the_head_and_the_body_as_described() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = HttpExamples.bind(rt);
            rt.spawn(server.serve(new Router()
                    .post("/echo", this::echo)
                    .get("/items/{id}", this::members)
                    .post("/count", this::count)
                    .post("/upload", this::upload)
                    .post("/form", this::form)));
            assertEquals("POST /echo: hello", HttpExamples.post(server, "/echo", "hello").body());
            assertEquals("async java|true|7", HttpExamples.get(server, "/items/7?q=async+java").body());
            // a body of unknown length: the JDK client sends it chunked
            HttpRequest chunked = HttpRequest.newBuilder(HttpExamples.uri(server, "/count"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[100_000])))
                    .build();
            assertEquals("100000", HttpExamples.send(chunked).body());
            assertEquals("5 bytes", HttpExamples.post(server, "/upload", "12345").body());
            assertEquals("A=1&B=2", HttpExamples.post(server, "/form", "a=1&b=2").body());
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

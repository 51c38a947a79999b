package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The examples of {@link HttpServer}. */
class HttpServerExampleTest {

    // --- the class example, as in the javadoc (the shutdown hook is left out: a test must not add one) ---

    @Async
    Future<Response> slow(io.ferrite.http.Request request) {
        await(Time.sleep(Duration.ofMillis(10)));
        return Future.ready(Response.text(200, "slow"));
    }

    Router router() {
        return new Router()
                .get("/", request -> Future.ready(Response.text(200, "Hello from Ferrite!")))
                .get("/slow", this::slow);
    }

    // --- the examples of bind, builder and serve ---

    @Async
    Future<HttpServer> bindExample() {
        HttpServer server = await(HttpServer.bind(new InetSocketAddress("127.0.0.1", 0)));
        return Future.ready(server);
    }

    @Async
    Future<HttpServer> builderExample(InetSocketAddress address) {
        HttpServer server = await(HttpServer.builder().maxBodyBytes(1 << 20).idleTimeout(Duration.ofSeconds(5)).bind(address));
        return Future.ready(server);
    }

    @Async
    Future<JoinHandle<Void>> serveExample(HttpServer server, Router router) {
        JoinHandle<Void> serving = Task.spawn(server.serve(router));
        return Future.ready(serving);
    }

    @Test
    void serve_should_answer_the_routes_until_shutdown_completes_it() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = rt.blockOn(HttpServer.bind(new InetSocketAddress("127.0.0.1", 0)));
            List<String> seen = new CopyOnWriteArrayList<>();
            // a client, then what the example's shutdown hook runs on Ctrl-C
            Thread client = new Thread(() -> {
                try {
                    seen.add(HttpExamples.get(server, "/").body());
                    seen.add(HttpExamples.get(server, "/slow").body());
                } catch (Exception e) {
                    seen.add(e.toString());
                } finally {
                    rt.blockOn(server.shutdown(Duration.ofSeconds(5)));
                }
            });
            client.start();
            rt.blockOn(server.serve(router()));          // returns once the shutdown is done
            client.join();
            assertEquals(List.of("Hello from Ferrite!", "slow"), seen);
            assertEquals(0, server.connectionCount());
            assertThrows(java.io.IOException.class, () -> HttpExamples.get(server, "/"), "no longer accepting");
        }
    }

    @Test
    void serve_should_run_in_a_task_of_its_own_when_spawned() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = rt.blockOn(bindExample());
            JoinHandle<Void> serving = rt.blockOn(serveExample(server, router()));
            assertEquals("slow", HttpExamples.get(server, "/slow").body());
            rt.blockOn(server.shutdown(Duration.ofSeconds(5)));
            rt.blockOn(serving);                         // serve's future completed with the shutdown
        }
    }

    @Test
    void builder_should_bind_a_server_with_its_own_limits() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = rt.blockOn(builderExample(NetExamples.anyLoopbackPort()));
            rt.spawn(server.serve(request -> Future.ready(Response.text(200, "ok"))));
            // a raw request announcing one byte over the limit: refused from its head, before any body byte
            try (Socket raw = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
                raw.setSoTimeout(30_000);
                raw.getOutputStream().write("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            }
            assertEquals(200, HttpExamples.post(server, "/", "small").statusCode());
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

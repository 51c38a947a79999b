package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.http.Handler;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Request;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The example of {@link Handler}. */
class HandlerExampleTest {

    // --- the example, as in the javadoc ---

    Handler hello = request -> Future.ready(Response.text(200, "Hello from Ferrite!"));

    @Async
    Future<Response> slow(Request request) {
        await(Time.sleep(Duration.ofMillis(100)));     // the worker serves other requests meanwhile
        return Future.ready(Response.text(200, "slow"));
    }

    // --- end of the example ---

    @Test
    void handlers_should_answer_while_other_handlers_wait_on_the_timer() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = HttpExamples.bind(rt);
            rt.spawn(server.serve(new Router().get("/", hello).get("/slow", this::slow)));
            List<CompletableFuture<String>> slows = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                slows.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return HttpExamples.get(server, "/slow").body();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertEquals("Hello from Ferrite!", HttpExamples.get(server, "/").body());
            for (CompletableFuture<String> s : slows) {
                assertEquals("slow", s.get());
            }
            assertTrue(server.connectionCount() >= 1, "the JDK client keeps its connections alive");
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

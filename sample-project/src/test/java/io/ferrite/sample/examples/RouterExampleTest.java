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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of {@link Router}. */
class RouterExampleTest {

    @Async
    Future<Response> echo(Request request) {
        return Future.ready(Response.text(200, await(request.bodyText())));
    }

    @Async
    Future<Response> patchUser(Request request) {
        return Future.ready(Response.text(200, "patched " + request.pathParam("id")));
    }

    // --- the class example, as in the javadoc ---

    @Async
    Future<Void> serve(HttpServer server) {
        Router router = new Router()
                .get("/", request -> Future.ready(Response.text(200, "Home Page")))
                .get("/users/{id}", request -> Future.ready(Response.text(200, "user " + request.pathParam("id"))))
                .post("/echo", this::echo);
        router.route("PATCH", "/users/{id}", this::patchUser);   // the example of route
        await(server.serve(router));
        return Future.ready(null);
    }

    @Test
    void router_should_pick_by_method_and_path_and_answer_404_and_405_otherwise() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = HttpExamples.bind(rt);
            rt.spawn(serve(server));
            assertEquals("Home Page", HttpExamples.get(server, "/").body());
            assertEquals("user 42", HttpExamples.get(server, "/users/42").body());
            assertEquals("user a b", HttpExamples.get(server, "/users/a%20b").body(), "parameters are decoded");
            assertEquals("hi", HttpExamples.post(server, "/echo", "hi").body());
            HttpResponse<String> patched = HttpExamples.send(HttpRequest.newBuilder(HttpExamples.uri(server, "/users/7"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals("patched 7", patched.body());

            assertEquals(404, HttpExamples.get(server, "/nowhere").statusCode());
            HttpResponse<String> wrongMethod = HttpExamples.get(server, "/echo");
            assertEquals(405, wrongMethod.statusCode());
            assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(null));
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

package io.ferrite.sample.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.http.HttpException;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Request;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of {@link HttpException}. */
class HttpExceptionExampleTest {

    // --- the example, as in the javadoc ---

    @Async
    Future<Response> order(Request request) {
        String id = request.pathParam("id");
        if (!id.chars().allMatch(Character::isDigit)) {
            throw new HttpException(400, "order id must be a number: " + id);
        }
        return Future.ready(Response.text(200, "order " + id));
    }

    // --- end of the example ---

    @Test
    void a_thrown_http_exception_should_answer_with_its_status_and_message() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            HttpServer server = HttpExamples.bind(rt);
            rt.spawn(server.serve(new Router().get("/orders/{id}", this::order)));
            assertEquals("order 12", HttpExamples.get(server, "/orders/12").body());
            HttpResponse<String> refused = HttpExamples.get(server, "/orders/x1");
            assertEquals(400, refused.statusCode());
            assertEquals("order id must be a number: x1\n", refused.body());
            rt.blockOn(server.shutdown(Duration.ZERO));
        }
    }
}

package io.ferrite.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Handler says(String what) {
        return request -> Future.ready(Response.text(200, what + " " + request.pathParams()));
    }

    private final Router router = new Router()
            .get("/", says("home"))
            .get("/about", says("about"))
            .get("/users/{id}", says("user"))
            .delete("/users/{id}", says("delete"))
            .get("/users/me", says("me"))
            .get("/files/{*path}", says("file"))
            .post("/users", says("create"));

    /** Routes a request made by the parser, as the server would, and returns the response. */
    private Response route(String method, String target) {
        byte[] b = (method + " " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        RequestParser p = new RequestParser(8192, 16384, 100);
        assertEquals(RequestParser.COMPLETE, p.parse(b, 0, b.length));
        p.head().bind(b, 0);
        Future<Response> f = router.handle(new Request(p.head(), null, 0, null));
        return f.poll(io.ferrite.Context.of(() -> { })).value();
    }

    @Test
    void handle_should_pick_the_route_of_the_method_and_path_when_one_matches() {
        assertEquals("home {}", route("GET", "/").bodyText());
        assertEquals("about {}", route("GET", "/about?x=1").bodyText());
        assertEquals("create {}", route("POST", "/users").bodyText());
    }

    @Test
    void handle_should_decode_path_parameters_when_the_pattern_has_them() {
        assertEquals("user {id=42}", route("GET", "/users/42").bodyText());
        assertEquals("user {id=a b}", route("GET", "/users/a%20b").bodyText());
        assertEquals("file {path=docs/a/b.txt}", route("GET", "/files/docs/a/b.txt").bodyText());
        assertEquals("file {path=}", route("GET", "/files/").bodyText());
    }

    @Test
    void handle_should_prefer_a_literal_segment_when_a_parameter_also_matches() {
        assertEquals("me {}", route("GET", "/users/me").bodyText());
    }

    @Test
    void handle_should_answer_404_when_no_pattern_matches() {
        Response r = route("GET", "/xyz");
        assertEquals(404, r.status());
        assertEquals(404, route("GET", "/users/1/2").status());
        assertEquals(404, route("GET", "/users/").status(), "a parameter matches a non-empty segment");
    }

    @Test
    void handle_should_answer_405_with_allow_when_the_path_matches_another_method() {
        Response r = route("PUT", "/users/7");
        assertEquals(405, r.status());
        assertEquals("DELETE, GET, HEAD", r.header("Allow"));
        assertTrue(r.bodyText().contains("PUT /users/7"), r.bodyText());
    }

    @Test
    void handle_should_serve_head_with_the_get_route_when_there_is_no_head_route() {
        assertEquals("about {}", route("HEAD", "/about").bodyText());
    }

    @Test
    void handle_should_use_the_not_found_handler_when_one_is_set() {
        router.notFound(request -> Future.ready(Response.text(404, "nothing at " + request.path())));
        assertEquals("nothing at /xyz", route("GET", "/xyz").bodyText());
    }

    @Test
    void route_should_refuse_a_malformed_pattern_with_a_message_naming_it() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> router.get("users", says("x")))
                .getMessage().contains("must start with /"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> router.get("/a/{*rest}/b", says("x")))
                .getMessage().contains("must be the last segment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> router.get("/a/x{id}", says("x")))
                .getMessage().contains("mixes text and a parameter"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> router.get("/about", says("x")))
                .getMessage().contains("already added"));
    }
}

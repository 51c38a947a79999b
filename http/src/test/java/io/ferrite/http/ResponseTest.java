package io.ferrite.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTest {

    @Test
    void text_should_carry_utf8_and_its_content_type() {
        Response r = Response.text(201, "caf\u00e9");
        assertEquals(201, r.status());
        assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals("text/plain; charset=utf-8", r.header("content-type"));
    }

    @Test
    void withHeader_should_return_a_copy_when_a_header_is_added() {
        Response a = Response.status(204);
        Response b = a.withHeader("X-A", "1").withHeader("X-A", "2");
        assertEquals(0, a.headers().size());
        assertEquals(2, b.headers().size());
        assertEquals(Map.entry("X-A", "2"), b.headers().get(1));
    }

    @Test
    void withHeader_should_refuse_a_line_break_when_it_could_inject_a_header() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Response.status(200).withHeader("X-Evil", "a\r\nSet-Cookie: b"));
        assertTrue(e.getMessage().contains("\\r\\n"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Response.status(200).withHeader("Bad Name", "v"));
    }

    @Test
    void withHeader_should_refuse_the_framing_headers_when_the_server_sets_them() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Response.status(200).withHeader("content-length", "3"))
                .getMessage().contains("set by the server"));
        assertThrows(IllegalArgumentException.class, () -> Response.status(200).withHeader("Transfer-Encoding", "chunked"));
    }

    @Test
    void status_should_refuse_an_interim_or_unknown_code() {
        assertThrows(IllegalArgumentException.class, () -> Response.status(100));
        assertThrows(IllegalArgumentException.class, () -> Response.status(600));
    }
}

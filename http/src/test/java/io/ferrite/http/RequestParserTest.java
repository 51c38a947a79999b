package io.ferrite.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestParserTest {

    /** Heads that must parse, each split at every byte boundary by the oracle. */
    static List<String> valid() {
        return List.of(
                "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /fast HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n",
                "POST /echo?x=1&y=%20 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
                "GET / HTTP/1.1\nHost: a\n\n",                             // bare LF (RFC 9112 2.2 allows it)
                "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",                 // empty lines before the request
                "GET /a HTTP/1.0\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET http://example.com/p?q HTTP/1.1\r\nHost: example.com\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces:   v  \t\r\nX-Obs: caf\u00e9\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parse_should_give_the_same_head_when_the_bytes_are_split_anywhere(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(RequestParser.COMPLETE, ParserOracle.whole(b).code());
        ParserOracle.check(b);
    }

    static List<Object[]> invalid() {
        String longTarget = "/" + "a".repeat(ParserOracle.MAX_URI);
        return List.of(
                new Object[] {"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400},          // obs-fold
                new Object[] {"GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400},                    // whitespace before the first field
                new Object[] {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},                    // whitespace before the colon
                new Object[] {"GET / HTTP/1.1\r\nHost: a\u0000b\r\n\r\n", 400},              // NUL in a value
                new Object[] {"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400},                  // bare CR in a value
                new Object[] {"GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n", 400},                 // bare CR in the target
                new Object[] {"GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400},
                new Object[] {"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400},                    // two spaces
                new Object[] {"GET /\r\nHost: a\r\n\r\n", 400},                              // HTTP/0.9
                new Object[] {"GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400},
                new Object[] {"G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
                new Object[] {"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
                new Object[] {"GET / FTP/1.1\r\nHost: a\r\n\r\n", 400},
                new Object[] {"GET " + longTarget + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
                new Object[] {"GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(ParserOracle.MAX_HEADER_BYTES) + "\r\n\r\n", 431},
                new Object[] {"GET / HTTP/1.1\r\n" + "X: v\r\n".repeat(ParserOracle.MAX_HEADERS + 1) + "\r\n", 431},
                new Object[] {"\r\n".repeat(9) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400});
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void parse_should_refuse_with_the_status_when_the_head_is_malformed(String head, int status) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        ParserOracle.Outcome o = ParserOracle.whole(b);
        assertEquals(RequestParser.ERROR, o.code(), o::toString);
        assertEquals(status, o.status());
        ParserOracle.check(b);
    }

    @Test
    void parse_should_refuse_a_long_target_with_414_before_the_request_line_ends() {
        byte[] b = ("GET /" + "a".repeat(ParserOracle.MAX_URI + 10)).getBytes(StandardCharsets.ISO_8859_1);
        RequestParser p = ParserOracle.parser();
        assertEquals(RequestParser.ERROR, p.parse(b, 0, b.length));
        assertEquals(414, p.status());
    }

    @Test
    void parse_should_wait_for_more_when_the_head_is_incomplete() {
        byte[] b = "GET / HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(RequestParser.PARTIAL, ParserOracle.parser().parse(b, 0, b.length));
    }

    @Test
    void parse_should_record_the_parts_of_the_head_when_it_is_complete() {
        byte[] b = "xxPOST /p?q=1 HTTP/1.1\r\nHost: h\r\nX-A:  one \r\nx-a: two\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
        RequestParser p = ParserOracle.parser();
        assertEquals(RequestParser.COMPLETE, p.parse(b, 2, b.length));
        RequestHead h = p.head();
        h.bind(b, 2);
        assertEquals("POST", h.method());
        assertEquals("/p?q=1", h.target());
        assertEquals(b.length - 2 - 4, h.length);
        Request r = new Request(h, null, 0, null);
        assertEquals("/p", r.path());
        assertEquals("q=1", r.query());
        assertEquals("1", r.queryParam("q"));
        assertEquals("one", r.header("x-a"));
        assertEquals(List.of("one", "two"), r.headers("X-A"));
        assertNull(r.header("missing"));
        assertEquals("HTTP/1.1", r.version());
    }

    static List<Object[]> framing() {
        return List.of(
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
                new Object[] {"GET / HTTP/1.1\r\n\r\n", 400},                                   // no Host
                new Object[] {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n", 417},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", 0},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", 0},
                new Object[] {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n", 0});
    }

    @ParameterizedTest
    @MethodSource("framing")
    void analyze_should_refuse_ambiguous_framing_when_it_could_smuggle_a_request(String head, int status) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        ParserOracle.Outcome o = ParserOracle.whole(b);
        assertEquals(RequestParser.COMPLETE, o.code(), o::toString);
        assertEquals(status, o.analyzed());
    }
}

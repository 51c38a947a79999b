package io.ferrite.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

/**
 * The properties every input must have, checked by the unit tests, the JUnit mutation fuzz and
 * the Jazzer fuzz alike: the parser never throws, answers only with the statuses it documents,
 * and gives the same outcome whether the bytes arrive whole or split at any point, also when
 * the partial head moves to a new array between the parts (as the connection's read buffer
 * does).
 */
final class ParserOracle {

    static final int MAX_URI = 256;
    static final int MAX_HEADER_BYTES = 1024;
    static final int MAX_HEADERS = 16;
    private static final Set<Integer> STATUSES = Set.of(400, 414, 431, 505);
    private static final Set<Integer> ANALYZE_STATUSES = Set.of(0, 400, 417, 501);

    private ParserOracle() {
    }

    static RequestParser parser() {
        return new RequestParser(MAX_URI, MAX_HEADER_BYTES, MAX_HEADERS);
    }

    /** The outcome of parsing {@code input} whole: code, status, and the head's shape when complete. */
    record Outcome(int code, int status, int length, int[] fields, String method, String target, int analyzed) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome x && code == x.code && status == x.status && length == x.length
                    && Arrays.equals(fields, x.fields) && java.util.Objects.equals(method, x.method)
                    && java.util.Objects.equals(target, x.target) && analyzed == x.analyzed;
        }

        @Override
        public int hashCode() {
            return code;
        }

        @Override
        public String toString() {
            return "Outcome[code " + code + ", status " + status + ", length " + length + ", " + method + " " + target
                    + ", fields " + Arrays.toString(fields) + ", analyzed " + analyzed + "]";
        }
    }

    static Outcome whole(byte[] input) {
        RequestParser p = parser();
        byte[] buf = Arrays.copyOf(input, input.length + 7);
        return outcome(p, p.parse(buf, 0, input.length), buf, 0);
    }

    /** Parses the first {@code k} bytes, moves them to a new array at another offset, then parses all. */
    static Outcome split(byte[] input, int k) {
        RequestParser p = parser();
        byte[] first = new byte[input.length + 3];
        System.arraycopy(input, 0, first, 3, k);
        int r = p.parse(first, 3, 3 + k);
        if (r != RequestParser.PARTIAL) {
            return outcome(p, r, first, 3);
        }
        byte[] second = new byte[input.length + 11];
        System.arraycopy(input, 0, second, 11, input.length);
        return outcome(p, p.parse(second, 11, 11 + input.length), second, 11);
    }

    private static Outcome outcome(RequestParser p, int code, byte[] buf, int base) {
        if (code == RequestParser.ERROR) {
            assertTrue(STATUSES.contains(p.status()), "undocumented status " + p.status());
            assertTrue(p.reason() != null && !p.reason().isEmpty(), "an error without a reason");
            return new Outcome(code, p.status(), 0, null, null, null, 0);
        }
        if (code == RequestParser.PARTIAL) {
            return new Outcome(code, 0, 0, null, null, null, 0);
        }
        assertEquals(RequestParser.COMPLETE, code);
        RequestHead h = p.head();
        h.bind(buf, base);
        int[] fields = Arrays.copyOf(h.fields, h.fieldCount * 4);
        for (int i = 0; i < fields.length; i += 2) {
            assertTrue(0 <= fields[i] && fields[i] <= fields[i + 1] && fields[i + 1] <= h.length, "field offsets out of the head");
        }
        String method = h.method();
        String target = h.target();
        int analyzed = h.analyze();
        assertTrue(ANALYZE_STATUSES.contains(analyzed), "undocumented status " + analyzed);
        Request r = new Request(h, null, 0, null); // the path and query split must not throw either
        assertTrue(r.path() != null);
        for (int f = 0; f < h.fieldCount; f++) {
            r.header(h.name(f));
        }
        return new Outcome(code, 0, h.length, fields, method, target, analyzed);
    }

    /** Every property, for one input. */
    static void check(byte[] input) {
        Outcome whole = whole(input);
        for (int i = 0; i <= input.length; i++) {
            int k = i;
            Outcome s = split(input, k);
            if (s.code() == RequestParser.ERROR && whole.code() == RequestParser.ERROR) {
                // a limit may be seen on a prefix before the whole; the status must agree
                assertEquals(whole.status(), s.status(), () -> "split at " + k + " of " + show(input));
                continue;
            }
            assertEquals(whole, s, () -> "split at " + k + " of " + show(input));
        }
    }

    static void checkSome(byte[] input, java.util.Random random, int splits) {
        Outcome whole = whole(input);
        for (int i = 0; i < splits; i++) {
            int k = random.nextInt(input.length + 1);
            Outcome s = split(input, k);
            if (s.code() == RequestParser.ERROR && whole.code() == RequestParser.ERROR) {
                assertEquals(whole.status(), s.status(), () -> "split at " + k + " of " + show(input));
            } else {
                assertEquals(whole, s, () -> "split at " + k + " of " + show(input));
            }
        }
    }

    static String show(byte[] input) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : input) {
            int c = x & 0xff;
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.append('"').toString();
    }

    static void assertSameBytes(byte[] a, byte[] b) {
        assertArrayEquals(a, b);
    }
}

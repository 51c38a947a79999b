package io.ferrite.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed request head: offsets into the bytes it arrived in, which it keeps (the connection
 * never writes over bytes it handed out, see {@link ReadBuffer}). Strings are made only for what
 * is asked: the method and path for routing, a header's value when the handler reads it.
 *
 * <p>{@link #analyze()} applies the message-framing rules of RFC 9112 section 6 (and the
 * request-smuggling defences of section 6.3) once the head is complete.
 */
final class RequestHead {

    /** Offsets (relative to {@link #base}) of the request line's parts. */
    int start;
    int methodStart;
    int methodEnd;
    int targetStart;
    int targetEnd;
    int minorVersion;
    /** The head's length in bytes, the final empty line included. */
    int length;
    /** Per field: name start, name end, value start, value end. */
    int[] fields = new int[16];
    int fieldCount;

    byte[] bytes;
    int base;

    // What analyze() found.
    /** -1 if the request has no Content-Length. */
    long contentLength = -1;
    boolean chunked;
    boolean connectionClose;
    boolean connectionKeepAlive;
    boolean expectContinue;

    void addField(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int i = fieldCount * 4;
        if (i + 4 > fields.length) {
            fields = java.util.Arrays.copyOf(fields, fields.length * 2);
        }
        fields[i] = nameStart;
        fields[i + 1] = nameEnd;
        fields[i + 2] = valueStart;
        fields[i + 3] = valueEnd;
        fieldCount++;
    }

    /** Binds the offsets to the bytes they point into, once the head is complete. */
    void bind(byte[] bytes, int base) {
        this.bytes = bytes;
        this.base = base;
    }

    boolean isHttp11() {
        return minorVersion >= 1;
    }

    String version() {
        return minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    /**
     * Checks the framing headers and records what they say.
     *
     * @return 0 if the head is acceptable, else the status to answer with; {@link #problem}
     *         says why
     */
    int analyze() {
        int hosts = 0;
        boolean te = false;
        for (int f = 0; f < fieldCount; f++) {
            if (nameIs(f, "content-length")) {
                int s = analyzeContentLength(f);
                if (s != 0) {
                    return s;
                }
            } else if (nameIs(f, "transfer-encoding")) {
                te = true;
                int s = analyzeTransferEncoding(f);
                if (s != 0) {
                    return s;
                }
            } else if (nameIs(f, "host")) {
                hosts++;
            } else if (nameIs(f, "connection")) {
                forEachToken(f, this::connectionToken);
            } else if (nameIs(f, "expect")) {
                if (!valueIs(f, "100-continue")) {
                    problem = "Unsupported expectation: " + value(f);
                    return 417;
                }
                expectContinue = isHttp11();
            }
        }
        if (te) {
            if (!isHttp11()) {
                problem = "Transfer-Encoding in an HTTP/1.0 request";
                return 400;
            }
            if (contentLength >= 0) {
                problem = "Both Content-Length and Transfer-Encoding (a request smuggling attempt?)";
                return 400;
            }
        }
        if (isHttp11() && hosts != 1) {
            problem = hosts == 0 ? "No Host header in an HTTP/1.1 request" : "More than one Host header";
            return 400;
        }
        return 0;
    }

    /** Why {@link #analyze()} refused the head. */
    String problem;

    private int analyzeContentLength(int f) {
        int[] x = fields;
        int i = base + x[f * 4 + 2];
        int end = base + x[f * 4 + 3];
        // a list of identical values is allowed (RFC 9110 section 8.6); anything else is not
        while (i <= end) {
            while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            long v = 0;
            int digits = 0;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    problem = "Content-Length too large: " + value(f);
                    return 400;
                }
                v = v * 10 + (bytes[i++] - '0');
                digits++;
            }
            while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            if (digits == 0 || i < end && bytes[i] != ',') {
                problem = "Malformed Content-Length: " + value(f);
                return 400;
            }
            if (contentLength >= 0 && contentLength != v) {
                problem = "Differing Content-Length values (a request smuggling attempt?)";
                return 400;
            }
            contentLength = v;
            i++;
        }
        return 0;
    }

    private int analyzeTransferEncoding(int f) {
        List<String> codings = new ArrayList<>();
        forEachToken(f, codings::add);
        for (int i = 0; i < codings.size(); i++) {
            String c = codings.get(i);
            if (!c.equals("chunked")) {
                problem = "Unsupported transfer coding: " + c + " (only chunked is)";
                return 501;
            }
            if (chunked || i != codings.size() - 1) {
                problem = "chunked applied more than once in Transfer-Encoding";
                return 400;
            }
            chunked = true;
        }
        if (codings.isEmpty()) {
            problem = "Empty Transfer-Encoding";
            return 400;
        }
        return 0;
    }

    private void connectionToken(String token) {
        if (token.equals("close")) {
            connectionClose = true;
        } else if (token.equals("keep-alive")) {
            connectionKeepAlive = true;
        }
    }

    /** Calls {@code sink} with each comma-separated element of field {@code f}'s value, trimmed and in lower case. */
    private void forEachToken(int f, java.util.function.Consumer<String> sink) {
        String v = value(f);
        int from = 0;
        while (from <= v.length()) {
            int comma = v.indexOf(',', from);
            int to = comma < 0 ? v.length() : comma;
            String t = v.substring(from, to).trim();
            if (!t.isEmpty()) {
                sink.accept(t.toLowerCase(java.util.Locale.ROOT));
            }
            from = to + 1;
        }
    }

    // ---- access by the Request

    boolean nameIs(int f, String lowerName) {
        int s = base + fields[f * 4];
        int e = base + fields[f * 4 + 1];
        if (e - s != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < e - s; i++) {
            int c = bytes[s + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueIs(int f, String lower) {
        return value(f).equalsIgnoreCase(lower);
    }

    String name(int f) {
        return ascii(fields[f * 4], fields[f * 4 + 1]);
    }

    String value(int f) {
        return ascii(fields[f * 4 + 2], fields[f * 4 + 3]);
    }

    String method() {
        int len = methodEnd - methodStart;
        int s = base + methodStart;
        // the common methods without a new String
        if (len == 3 && bytes[s] == 'G' && bytes[s + 1] == 'E' && bytes[s + 2] == 'T') {
            return "GET";
        }
        if (len == 4 && bytes[s] == 'P' && bytes[s + 1] == 'O' && bytes[s + 2] == 'S' && bytes[s + 3] == 'T') {
            return "POST";
        }
        if (len == 4 && bytes[s] == 'H' && bytes[s + 1] == 'E' && bytes[s + 2] == 'A' && bytes[s + 3] == 'D') {
            return "HEAD";
        }
        return ascii(methodStart, methodEnd);
    }

    String target() {
        return latin1(targetStart, targetEnd);
    }

    /** Bytes of the target as ISO-8859-1 chars: raw, percent-encoding untouched; bytes over 0x7f stay one char each. */
    String latin1(int from, int to) {
        return new String(bytes, base + from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String ascii(int from, int to) {
        return new String(bytes, base + from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The request line as it arrived, for the log line of a failed handler. */
    String requestLine() {
        return latin1(methodStart, targetEnd) + " " + version();
    }
}

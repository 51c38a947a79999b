package io.ferrite.http;

/**
 * The incremental HTTP/1.1 request-head parser (RFC 9112 sections 2 to 5), httparse's shape:
 * it scans the bytes where they lie and records offsets, copying nothing, and resumes where it
 * stopped when more bytes arrive. A line is parsed once it is complete, so a head split at any
 * byte boundary parses exactly as the whole head does.
 *
 * <p>Input: the connection's buffer, from the head's first byte ({@code base}) to the end of
 * what was read. Output: {@link #COMPLETE} with the head's fields in {@link RequestHead},
 * {@link #PARTIAL} (give it more bytes, the same {@code base} or the same bytes moved), or an
 * error status ({@link #status()} and {@link #reason()}). Offsets are relative to {@code base},
 * so the connection may move a partial head to a bigger buffer between calls.
 *
 * <p>Limits are checked as the bytes arrive, not once the head is complete: a request line
 * longer than the URI limit is refused with 414 before its end is seen, a head over the header
 * limit with 431.
 */
final class RequestParser {

    static final int COMPLETE = 0;
    static final int PARTIAL = 1;
    static final int ERROR = 2;

    /** Empty lines tolerated before the request line (RFC 9112 section 2.2 says at least one). */
    private static final int MAX_LEADING_EMPTY_LINES = 8;
    /** The longest method accepted (the registered ones are at most 17 bytes). */
    private static final int MAX_METHOD = 32;

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final int maxHeaders;

    /** Where the scan resumes (relative to base): the start of the first incomplete line. */
    private int lineStart;
    private boolean requestLineDone;
    private int emptyLinesSkipped;
    private RequestHead head;
    private int status;
    private String reason;

    RequestParser(int maxUriLength, int maxHeaderBytes, int maxHeaders) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaders = maxHeaders;
    }

    /** Forgets the previous head: the next {@link #parse} starts a new one. */
    void reset() {
        lineStart = 0;
        requestLineDone = false;
        emptyLinesSkipped = 0;
        head = null;
        status = 0;
        reason = null;
    }

    /** True once a byte of a head (or an empty line before one) was consumed. */
    boolean started() {
        return lineStart > 0;
    }

    /**
     * Parses what arrived of the head.
     *
     * @param b     the buffer
     * @param base  the head's first byte in {@code b}
     * @param limit the end of the bytes read
     * @return {@link #COMPLETE}, {@link #PARTIAL} or {@link #ERROR}
     */
    int parse(byte[] b, int base, int limit) {
        if (head == null) {
            head = new RequestHead();
        }
        int avail = limit - base;
        while (true) {
            int from = base + lineStart;
            int lf = indexOfLf(b, from, limit);
            if (lf < 0) {
                return partial(b, base, limit, avail);
            }
            int lineEnd = lf; // exclusive, without the CR
            if (lineEnd > from && b[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            int next = lf + 1 - base;
            if (next > maxHeaderBytes) {
                return error(431, "Request header section longer than " + maxHeaderBytes + " bytes");
            }
            if (!requestLineDone) {
                if (lineEnd == from) {
                    if (++emptyLinesSkipped > MAX_LEADING_EMPTY_LINES) {
                        return error(400, "Too many empty lines before the request line");
                    }
                    lineStart = next;
                    head.start = next;
                    continue;
                }
                if (!requestLine(b, base, from, lineEnd)) {
                    return ERROR;
                }
                requestLineDone = true;
                lineStart = next;
                continue;
            }
            if (lineEnd == from) {
                head.length = next;
                return COMPLETE;
            }
            if (!fieldLine(b, base, from, lineEnd)) {
                return ERROR;
            }
            lineStart = next;
        }
    }

    /** No complete line left: check the limits on what the incomplete line already holds. */
    private int partial(byte[] b, int base, int limit, int avail) {
        if (avail >= maxHeaderBytes) {
            return error(431, "Request header section longer than " + maxHeaderBytes + " bytes");
        }
        if (!requestLineDone && !partialRequestLine(b, base + lineStart, limit)) {
            return ERROR;
        }
        return PARTIAL;
    }

    /**
     * The checks of {@link #requestLine} in the same order, on a request line that has not
     * ended yet: a target over the limit is refused before its end arrives, and a split line
     * fails exactly as the whole line would.
     */
    private boolean partialRequestLine(byte[] b, int from, int end) {
        int i = from;
        while (i < end && TCHAR[b[i] & 0xff]) {
            i++;
        }
        if (i == end) {
            return i - from <= MAX_METHOD || fail(400, "Malformed request line: a method longer than " + MAX_METHOD
                    + " bytes");
        }
        if (b[i] == '\r' && i == end - 1) {
            return true; // an empty line (or a bare CR) before the request line: the LF decides
        }
        if (i == from || b[i] != ' ') {
            return fail(400, "Malformed request line: the method is not a token followed by one space");
        }
        if (i - from > MAX_METHOD) {
            return fail(400, "Malformed request line: a method longer than " + MAX_METHOD + " bytes");
        }
        int targetStart = ++i;
        i = scanTarget(b, targetStart, end, true);
        if (i < 0) {
            return i == UNDECIDED;
        }
        if (i == end) {
            return true;
        }
        if (i == targetStart) {
            return fail(400, "Malformed request line: empty request target");
        }
        // the version: "HTTP/x.y" and the CR; more than that cannot become valid
        return end - (i + 1) <= 9 || fail(400, "Malformed request line: the version is not HTTP/x.y");
    }

    private boolean requestLine(byte[] b, int base, int from, int end) {
        int i = from;
        while (i < end && TCHAR[b[i] & 0xff]) {
            i++;
        }
        if (i == from || i == end || b[i] != ' ') {
            return fail(400, "Malformed request line: the method is not a token followed by one space");
        }
        if (i - from > MAX_METHOD) {
            return fail(400, "Malformed request line: a method longer than " + MAX_METHOD + " bytes");
        }
        head.methodEnd = i - base;
        head.methodStart = from - base;
        int targetStart = ++i;
        i = scanTarget(b, targetStart, end, false);
        if (i < 0) {
            return false;
        }
        if (i == targetStart) {
            return fail(400, "Malformed request line: empty request target");
        }
        if (i == end) {
            return fail(400, "Malformed request line: no HTTP version");
        }
        head.targetStart = targetStart - base;
        head.targetEnd = i - base;
        i++;
        if (end - i != 8 || b[i] != 'H' || b[i + 1] != 'T' || b[i + 2] != 'T' || b[i + 3] != 'P' || b[i + 4] != '/'
                || b[i + 6] != '.' || !isDigit(b[i + 5]) || !isDigit(b[i + 7])) {
            return fail(400, "Malformed request line: the version is not HTTP/x.y");
        }
        int major = b[i + 5] - '0';
        if (major != 1) {
            return fail(505, "HTTP version " + major + "." + (b[i + 7] - '0') + " is not supported; this server speaks HTTP/1.1");
        }
        head.minorVersion = b[i + 7] - '0';
        return true;
    }

    private static final int UNDECIDED = -2;

    /**
     * Scans a request target from {@code i}: the index of the space after it (or {@code end}),
     * -1 after a failure, or {@link #UNDECIDED} for a CR at the end of a partial line (the LF
     * may follow). Whole and partial lines share it, so they fail alike: the length before the
     * byte.
     */
    private int scanTarget(byte[] b, int i, int end, boolean partial) {
        int start = i;
        for (; i < end && b[i] != ' '; i++) {
            if (i - start == maxUriLength) {
                fail(414, "Request target longer than " + maxUriLength + " bytes");
                return -1;
            }
            int c = b[i] & 0xff;
            if (partial && c == '\r' && i == end - 1) {
                return UNDECIDED;
            }
            if (c <= 0x20 || c == 0x7f) {
                fail(400, "Malformed request line: byte 0x" + Integer.toHexString(c) + " in the request target");
                return -1;
            }
        }
        return i;
    }

    private boolean fieldLine(byte[] b, int base, int from, int end) {
        byte first = b[from];
        if (first == ' ' || first == '\t') {
            return fail(400, "Obsolete line folding (a header line starting with whitespace) is not accepted");
        }
        int i = from;
        while (i < end && TCHAR[b[i] & 0xff]) {
            i++;
        }
        if (i == from || i == end || b[i] != ':') {
            return fail(400, i < end && (b[i] == ' ' || b[i] == '\t')
                    ? "Malformed header: whitespace between the field name and the colon"
                    : "Malformed header: the field name is not a token followed by a colon");
        }
        int nameEnd = i++;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int valueStart = i;
        int valueEnd = i;
        for (; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return fail(400, "Malformed header: byte 0x" + Integer.toHexString(c) + " in the value of "
                        + new String(b, from, nameEnd - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            if (c != ' ' && c != '\t') {
                valueEnd = i + 1;
            }
        }
        if (head.fieldCount == maxHeaders) {
            return fail(431, "More than " + maxHeaders + " header fields");
        }
        head.addField(from - base, nameEnd - base, valueStart - base, valueEnd - base);
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The first LF in [from, limit); a CR not followed by LF inside a line is rejected when the line is parsed. */
    private static int indexOfLf(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fail(int status, String reason) {
        this.status = status;
        this.reason = reason;
        return false;
    }

    private int error(int status, String reason) {
        fail(status, reason);
        return ERROR;
    }

    /** The head parsed by the last {@link #parse} that returned {@link #COMPLETE}. */
    RequestHead head() {
        return head;
    }

    /** The status of the last error. */
    int status() {
        return status;
    }

    /** Why the last error happened, for the response body (never logged: the client caused it). */
    String reason() {
        return reason;
    }
}

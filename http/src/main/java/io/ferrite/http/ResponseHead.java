package io.ferrite.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Encodes a response head into a connection's own buffer, reused for every response of the
 * connection: the status line (cached per status), the handler's headers, then the framing and
 * {@code Date} and {@code Connection} fields the server owns.
 */
final class ResponseHead {

    /** No body and no length field: 1xx, 204, 304 (RFC 9110 sections 8.6, 15.3.5, 15.4.5). */
    static final long NO_BODY = -2;
    /** {@code Transfer-Encoding: chunked}. */
    static final long CHUNKED = -1;
    /** Body delimited by the connection's close (a stream to an HTTP/1.0 client). */
    static final long UNTIL_CLOSE = -3;

    private static final byte[][] STATUS_LINES = new byte[500][];
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED_LINE = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE_LINE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE_LINE = ascii("Connection: keep-alive\r\n");
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** The {@code Date} line of the current second, shared by every connection. */
    private static volatile DateLine date = new DateLine(Long.MIN_VALUE, null);

    private byte[] buf = new byte[256];
    private int len;
    private ByteBuffer out;

    /**
     * Encodes the head.
     *
     * @param status         the status
     * @param headers        the handler's fields, name and value pairs
     * @param length         the body length, or {@link #NO_BODY}, {@link #CHUNKED}, {@link #UNTIL_CLOSE}
     * @param close          whether to send {@code Connection: close}
     * @param keepAlive10    whether to send {@code Connection: keep-alive} (to an HTTP/1.0 client)
     * @return the head's bytes, valid until the next call
     */
    ByteBuffer encode(int status, String[] headers, long length, boolean close, boolean keepAlive10) {
        len = 0;
        put(statusLine(status));
        boolean hasDate = false;
        for (int i = 0; i < headers.length; i += 2) {
            String name = headers[i];
            if (name.equalsIgnoreCase("Connection")) {
                continue; // the server decides; a handler's "Connection: close" was read into `close`
            }
            if (!hasDate && name.length() == 4 && name.equalsIgnoreCase("Date")) {
                hasDate = true;
            }
            putAscii(name);
            put((byte) ':');
            put((byte) ' ');
            putAscii(headers[i + 1]);
            put(CRLF);
        }
        if (length >= 0) {
            put(CONTENT_LENGTH);
            putLong(length);
            put(CRLF);
        } else if (length == CHUNKED) {
            put(CHUNKED_LINE);
        }
        if (!hasDate) {
            put(dateLine());
        }
        if (close) {
            put(CLOSE_LINE);
        } else if (keepAlive10) {
            put(KEEP_ALIVE_LINE);
        }
        put(CRLF);
        if (out == null || out.array() != buf) {
            out = ByteBuffer.wrap(buf);
        }
        out.limit(len).position(0);
        return out;
    }

    /** True if the handler's own headers ask to close the connection. */
    static boolean asksClose(String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Connection") && headers[i + 1].toLowerCase(Locale.ROOT).contains("close")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status - 100];
        if (line == null) {
            line = ascii("HTTP/1.1 " + status + " " + Status.reason(status) + "\r\n");
            STATUS_LINES[status - 100] = line;
        }
        return line;
    }

    static byte[] dateLine() {
        long second = System.currentTimeMillis() / 1000;
        DateLine d = date;
        if (d.second != second) {
            String s = "Date: " + IMF_FIXDATE.format(java.time.Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC)) + "\r\n";
            d = new DateLine(second, ascii(s));
            date = d;
        }
        return d.line;
    }

    private record DateLine(long second, byte[] line) {
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void putLong(long v) {
        ensure(20);
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

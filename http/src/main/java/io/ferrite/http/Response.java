package io.ferrite.http;

import io.ferrite.stream.AsyncStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response: a status, headers and a body, which a {@link Handler} completes its future
 * with. Made by the static helpers ({@link #text}, {@link #bytes}, {@link #status},
 * {@link #stream}) and added to with {@link #withHeader}.
 *
 * <p>The server frames the body: it sets {@code Content-Length} for a body of known length and
 * {@code Transfer-Encoding: chunked} for a {@linkplain #stream streamed} one (or closes the
 * connection after it for an HTTP/1.0 client), adds {@code Date} unless the response has one,
 * and {@code Connection: close} when the connection ends after this response. A response to
 * {@code HEAD} gets the same headers and no body; 204 and 304 responses never have one. So
 * {@code Content-Length}, {@code Transfer-Encoding} and {@code Connection: keep-alive} are not
 * for the handler to set: {@link #withHeader} refuses the first two.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Response ok = Response.text(200, "Hello from Ferrite!");
 * Response page = Response.bytes(200, html, "text/html; charset=utf-8").withHeader("Cache-Control", "no-store");
 * Response gone = Response.status(410);
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable, apart from a streamed body: a response with a byte body may be shared and sent
 * any number of times (a constant {@code static final Response}); one with a stream is sent
 * once.
 */
public final class Response {

    private static final String[] NO_HEADERS = new String[0];

    private final int status;
    /** Name, value, name, value... as given. */
    private final String[] headers;
    private final byte[] body;
    private final AsyncStream<ByteBuffer> stream;
    private final long streamLength;

    private Response(int status, String[] headers, byte[] body, AsyncStream<ByteBuffer> stream, long streamLength) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
        this.streamLength = streamLength;
    }

    /**
     * A response with a UTF-8 text body and {@code Content-Type: text/plain; charset=utf-8}.
     *
     * <pre>{@code
     * return Future.ready(Response.text(200, "Home Page"));
     * }</pre>
     *
     * @param status the status code, 200 to 599
     * @param body   the text
     * @return the response
     * @throws IllegalArgumentException if {@code status} is not a final status (200 to 599)
     * @throws NullPointerException     if {@code body} is null
     */
    public static Response text(int status, String body) {
        return bytes(status, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * A response with a body of bytes and the given {@code Content-Type}. The array is not
     * copied: do not change it afterwards.
     *
     * <pre>{@code
     * Response png = Response.bytes(200, imageBytes, "image/png");
     * }</pre>
     *
     * @param status      the status code, 200 to 599
     * @param body        the bytes
     * @param contentType the media type, or null for none
     * @return the response
     * @throws IllegalArgumentException if {@code status} is not a final status or
     *                                  {@code contentType} holds a line break
     * @throws NullPointerException     if {@code body} is null
     */
    public static Response bytes(int status, byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        String[] h = contentType == null ? NO_HEADERS : new String[] {"Content-Type", checkValue(contentType)};
        return new Response(checkStatus(status), h, body, null, -1);
    }

    /**
     * A response with an empty body, such as {@code 204} or {@code 404} without a message.
     *
     * <pre>{@code
     * return Future.ready(Response.status(204));
     * }</pre>
     *
     * @param status the status code, 200 to 599
     * @return the response
     * @throws IllegalArgumentException if {@code status} is not a final status
     */
    public static Response status(int status) {
        return new Response(checkStatus(status), NO_HEADERS, new byte[0], null, -1);
    }

    /**
     * A response whose body is sent as {@code body} produces it: with
     * {@code Transfer-Encoding: chunked} (one chunk per item), so neither side holds the whole
     * body. The server polls the stream as the client takes the bytes; an item's bytes are
     * written from its position to its limit and not kept. If the stream fails part-way, the
     * connection is closed without the final chunk, so the client sees an incomplete response
     * (the status has been sent already); the failure is logged once.
     *
     * <pre>{@code
     * return Future.ready(Response.stream(200, "text/plain", request.body()));   // echo, streamed
     * }</pre>
     *
     * <p>Cancel safety: if the connection ends first (the client left, the server shut down),
     * the stream is {@linkplain AsyncStream#cancel() cancelled}.
     *
     * @param status      the status code, 200 to 599
     * @param contentType the media type, or null for none
     * @param body        the stream of the body's bytes
     * @return the response; send it once
     * @throws IllegalArgumentException if {@code status} is not a final status
     * @throws NullPointerException     if {@code body} is null
     */
    public static Response stream(int status, String contentType, AsyncStream<ByteBuffer> body) {
        return stream(status, contentType, body, -1);
    }

    /**
     * A streamed response of a length known in advance: sent with {@code Content-Length} and no
     * chunk framing. If the stream ends early or runs long, the connection is closed (the client
     * sees the response cut short) and the mismatch is logged once.
     *
     * <pre>{@code
     * AsyncStream<ByteBuffer> parts = AsyncStream.of(ByteBuffer.wrap(header), ByteBuffer.wrap(records));
     * return Future.ready(Response.stream(200, "application/octet-stream", parts, header.length + records.length));
     * }</pre>
     *
     * <p>Cancel safety: as {@link #stream(int, String, AsyncStream)}.
     *
     * @param status      the status code, 200 to 599
     * @param contentType the media type, or null for none
     * @param body        the stream of the body's bytes
     * @param length      the body's length in bytes, or -1 if unknown (chunked)
     * @return the response; send it once
     * @throws IllegalArgumentException if {@code status} is not a final status or
     *                                  {@code length < -1}
     * @throws NullPointerException     if {@code body} is null
     */
    public static Response stream(int status, String contentType, AsyncStream<ByteBuffer> body, long length) {
        Objects.requireNonNull(body, "body");
        if (length < -1) {
            throw new IllegalArgumentException("length " + length + ": must be -1 (unknown) or at least 0");
        }
        String[] h = contentType == null ? NO_HEADERS : new String[] {"Content-Type", checkValue(contentType)};
        return new Response(checkStatus(status), h, null, body, length);
    }

    /**
     * Returns a copy of this response with one more header (a name may appear several times).
     *
     * <pre>{@code
     * Response r = Response.text(405, "no").withHeader("Allow", "GET, HEAD");
     * }</pre>
     *
     * @param name  the field name, a token such as {@code Cache-Control}
     * @param value the value, without line breaks
     * @return the new response
     * @throws IllegalArgumentException if {@code name} is not a token, {@code value} holds a
     *                                  control character (a header-injection guard), or the
     *                                  name is {@code Content-Length} or {@code Transfer-Encoding},
     *                                  which the server sets from the body
     * @throws NullPointerException     if an argument is null
     */
    public Response withHeader(String name, String value) {
        checkName(name);
        checkValue(value);
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
            throw new IllegalArgumentException(name + " is set by the server from the body: use Response.bytes/text for a"
                    + " body of known length, or Response.stream(status, type, body, length) for a streamed one");
        }
        String[] h = Arrays.copyOf(headers, headers.length + 2);
        h[headers.length] = name;
        h[headers.length + 1] = value;
        return new Response(status, h, body, stream, streamLength);
    }

    /**
     * The status code.
     *
     * @return the status, 200 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The first value of the header {@code name} (compared ignoring case), or null.
     *
     * <pre>{@code
     * String type = response.header("Content-Type");
     * }</pre>
     *
     * @param name the field name
     * @return the value, or null if the response has no such header
     */
    public String header(String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return headers[i + 1];
            }
        }
        return null;
    }

    /**
     * The headers set on this response, in order (not those the server adds when sending it).
     *
     * @return name and value pairs; unmodifiable
     */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> l = new ArrayList<>(headers.length / 2);
        for (int i = 0; i < headers.length; i += 2) {
            l.add(new AbstractMap.SimpleImmutableEntry<>(headers[i], headers[i + 1]));
        }
        return List.copyOf(l);
    }

    /**
     * The body's bytes, or null for a streamed body. Not a copy: do not change it.
     *
     * @return the bytes, or null
     */
    public byte[] body() {
        return body;
    }

    /**
     * The body's text decoded as UTF-8, or null for a streamed body.
     *
     * @return the text, or null
     */
    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Tells whether the body is a stream (sent once).
     *
     * @return true for {@link #stream}
     */
    public boolean isStreamed() {
        return stream != null;
    }

    String[] rawHeaders() {
        return headers;
    }

    AsyncStream<ByteBuffer> bodyStream() {
        return stream;
    }

    long streamLength() {
        return streamLength;
    }

    @Override
    public String toString() {
        return "Response[" + status + " " + Status.reason(status) + (stream != null ? ", streamed" : ", " + body.length
                + " bytes") + "]";
    }

    private static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status + ": a response's status is 200 to 599 (the server"
                    + " sends 100 Continue itself)");
        }
        return status;
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e || c <= 0x20 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name \"" + name + "\": '" + c + "' is not allowed in a"
                        + " field name (a token: letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
    }

    static String checkValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header value \"" + value.replace("\r", "\\r").replace("\n", "\\n")
                        + "\": character 0x" + Integer.toHexString(c) + " at index " + i + " is not allowed (no line"
                        + " breaks or control characters; ISO-8859-1 only)");
            }
        }
        return value;
    }
}

package io.ferrite.http;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.stream.AsyncStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a {@link Handler} sees it: the request line, the headers, and a body read
 * as it arrives ({@link #body()}) or whole ({@link #bodyBytes()}, {@link #bodyText()}).
 *
 * <p>The head is not copied: the request refers to the bytes where they arrived in the
 * connection's read buffer, which the server never writes over, and makes a {@code String}
 * only for what is asked (the method and path, and a header when {@link #header} reads it).
 * The body is not read until the handler reads it; a client that sent
 * {@code Expect: 100-continue} gets {@code 100 Continue} at that moment, and not at all if the
 * handler answers without reading, in which case the connection is closed after the response.
 * A body the handler leaves unread is read and dropped after the response if it is small
 * (256 KiB), and otherwise the connection is closed.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Response> echo(Request request) {
 *     String body = await(request.bodyText());                   // the whole body, as UTF-8
 *     String type = request.header("Content-Type");               // null if absent
 *     return Future.ready(Response.text(200, request.method() + " " + request.path() + ": " + body));
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * Reading the body with {@link #body()}'s {@code next()} is cancel-safe: a cancelled
 * {@code next()} took no bytes. {@link #bodyBytes()} and {@link #bodyText()} are not: bytes they
 * gathered before the cancellation are lost.
 *
 * <h2>Thread safety</h2>
 * The head may be read from any thread. The body is read by one task at a time, and only until
 * the response has been sent: reading it afterwards fails with {@link IllegalStateException}.
 */
public final class Request {

    private final RequestHead head;
    private final Connection connection;
    private final int exchange;
    private final InetSocketAddress remote;
    private final String path;
    private final String query;
    private Map<String, String> pathParams = Map.of();
    private boolean bodyTaken;

    Request(RequestHead head, Connection connection, int exchange, InetSocketAddress remote) {
        this.head = head;
        this.connection = connection;
        this.exchange = exchange;
        this.remote = remote;
        String target = head.target();
        int from = 0;
        if (!target.startsWith("/") && !target.equals("*")) {
            // absolute-form (RFC 9112 section 3.2.2): http://host[:port]/path?query
            int scheme = target.indexOf("://");
            int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
            int q = target.indexOf('?', scheme < 0 ? 0 : scheme + 3);
            from = slash < 0 || q >= 0 && q < slash ? -1 : slash;
            if (from < 0) {
                target = "/" + (q >= 0 ? target.substring(q) : "");
                from = 0;
            }
        }
        int q = target.indexOf('?', from);
        this.path = q < 0 ? target.substring(from) : target.substring(from, q);
        this.query = q < 0 ? null : target.substring(q + 1);
    }

    /**
     * The method, such as {@code GET} (case-sensitive, as sent).
     *
     * @return the method
     */
    public String method() {
        return head.method();
    }

    /**
     * The request target as sent: the path and query, such as {@code /search?q=ferrite}
     * (or an absolute URI, as a proxy would send it).
     *
     * @return the target, percent-encoding untouched
     */
    public String target() {
        return head.target();
    }

    /**
     * The path of the target, without the query: {@code /search}. Percent-encoding is left as
     * sent; {@link #pathParam} decodes.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * The query of the target, after the {@code ?}, as sent, or null if there is none.
     *
     * @return the raw query, or null
     */
    public String query() {
        return query;
    }

    /**
     * The first value of the query parameter {@code name}, percent-decoded (and {@code +} read
     * as a space), or null.
     *
     * <pre>{@code
     * String q = request.queryParam("q");     // "async java" for ?q=async+java
     * }</pre>
     *
     * @param name the parameter's name
     * @return its value ("" for {@code ?flag}), or null if absent
     */
    public String queryParam(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (k.equals(name)) {
                return eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true);
            }
        }
        return null;
    }

    /**
     * The HTTP version: {@code HTTP/1.1} or {@code HTTP/1.0}.
     *
     * @return the version
     */
    public String version() {
        return head.version();
    }

    /**
     * The first value of the header {@code name} (compared ignoring case), or null.
     *
     * <pre>{@code
     * String agent = request.header("User-Agent");
     * }</pre>
     *
     * @param name the field name
     * @return the value with surrounding whitespace removed, or null
     */
    public String header(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (int f = 0; f < head.fieldCount; f++) {
            if (head.nameIs(f, lower)) {
                return head.value(f);
            }
        }
        return null;
    }

    /**
     * Every value of the header {@code name}, in order (one per field line; a comma-separated
     * list in one line stays one value).
     *
     * @param name the field name
     * @return the values; empty if none
     */
    public List<String> headers(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        List<String> values = new ArrayList<>(1);
        for (int f = 0; f < head.fieldCount; f++) {
            if (head.nameIs(f, lower)) {
                values.add(head.value(f));
            }
        }
        return values;
    }

    /**
     * Every header, in the order received, with names as sent.
     *
     * @return name and value pairs; unmodifiable
     */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> l = new ArrayList<>(head.fieldCount);
        for (int f = 0; f < head.fieldCount; f++) {
            l.add(new AbstractMap.SimpleImmutableEntry<>(head.name(f), head.value(f)));
        }
        return List.copyOf(l);
    }

    /**
     * The body's length from {@code Content-Length}, 0 for a request without a body, or -1 for
     * a chunked body (length unknown until read).
     *
     * @return the length, or -1
     */
    public long contentLength() {
        return head.chunked ? -1 : Math.max(0, head.contentLength);
    }

    /**
     * The address of the client.
     *
     * @return the peer's address
     */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * The value of the path parameter {@code name} that the {@link Router} matched, such as
     * {@code 42} for the pattern {@code /users/{id}} and the path {@code /users/42};
     * percent-decoded.
     *
     * <pre>{@code
     * long id = Long.parseLong(request.pathParam("id"));
     * }</pre>
     *
     * @param name the parameter's name in the pattern
     * @return its value, or null if the route has no such parameter
     */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /**
     * Every path parameter the {@link Router} matched.
     *
     * @return the parameters by name; unmodifiable
     */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    /**
     * The body as a stream of buffers, each the bytes that arrived together (chunked framing
     * removed), ending at the end of the body; a request without a body gives an empty stream.
     * Each buffer is the handler's to keep: the server does not reuse its bytes. Fails with
     * {@link HttpException} (413) when a chunked body passes the server's body limit, and (400)
     * when its framing is broken; with the socket's {@code IOException} when the client leaves
     * half-way.
     *
     * <pre>{@code
     * AsyncStream<ByteBuffer> body = request.body();
     * long total = 0;
     * for (ByteBuffer part; (part = await(body.next())) != null; ) {
     *     total += part.remaining();
     * }
     * }</pre>
     *
     * <p>Cancel safety: {@code next()} is cancel-safe.
     *
     * @return the body, to read once
     * @throws IllegalStateException if the body was already taken
     */
    public AsyncStream<ByteBuffer> body() {
        if (bodyTaken) {
            throw new IllegalStateException("The body of \"" + head.requestLine() + "\" was already taken: read it once");
        }
        bodyTaken = true;
        return new Body();
    }

    /**
     * Returns a future of the whole body (at most the server's body limit, 10 MiB unless set).
     *
     * <pre>{@code
     * byte[] upload = await(request.bodyBytes());
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe; the bytes gathered are lost.
     *
     * @return a single-use future
     * @throws IllegalStateException if the body was already taken
     */
    public Future<byte[]> bodyBytes() {
        AsyncStream<ByteBuffer> body = body();
        ByteArrayOutputStream all = new ByteArrayOutputStream(
                (int) Math.min(Math.max(contentLength(), 0), 1 << 20));
        return cx -> {
            for (Poll<ByteBuffer> p; (p = body.pollNext(cx)).isReady(); ) {
                ByteBuffer b = p.value();
                if (b == null) {
                    return Poll.ready(all.toByteArray());
                }
                all.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
            return Poll.pending();
        };
    }

    /**
     * Returns a future of the whole body decoded as UTF-8.
     *
     * <pre>{@code
     * String form = await(request.bodyText());
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe.
     *
     * @return a single-use future
     * @throws IllegalStateException if the body was already taken
     */
    public Future<String> bodyText() {
        Future<byte[]> bytes = bodyBytes();
        return cx -> {
            Poll<byte[]> p = bytes.poll(cx);
            return p.isPending() ? Poll.pending() : Poll.ready(new String(p.value(), StandardCharsets.UTF_8));
        };
    }

    @Override
    public String toString() {
        return "Request[" + head.requestLine() + " from " + remote + "]";
    }

    /** The body stream: reads through the connection while the exchange lasts. */
    private final class Body implements AsyncStream<ByteBuffer> {
        private boolean ended;

        @Override
        public Poll<ByteBuffer> pollNext(Context cx) {
            if (ended) {
                return Poll.ready(null);
            }
            if (!connection.isExchange(exchange)) {
                throw new IllegalStateException("The body of \"" + head.requestLine() + "\" was read after its response"
                        + " was sent; read it in the handler, before its future completes");
            }
            try {
                Poll<ByteBuffer> p = connection.pollBody(cx);
                if (p.isReady() && p.value() == null) {
                    ended = true;
                }
                return p;
            } catch (HttpException e) {
                ended = true;
                throw e;
            } catch (IOException e) {
                ended = true;
                throw AsyncSupport.sneaky(e);
            }
        }

        @Override
        public String toString() {
            return "body of " + Request.this;
        }
    }
}

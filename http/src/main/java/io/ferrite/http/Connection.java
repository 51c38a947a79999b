package io.ferrite.http;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.net.TcpStream;
import io.ferrite.stream.AsyncStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One HTTP/1.1 connection, as the future of its task: a hand-written state machine (the reasons
 * are in docs/http.md) that reads a request head, polls the handler's future in place, writes
 * the response, and starts again on the same connection (RFC 9112 section 9.3: persistence;
 * pipelined requests wait in the read buffer and are answered in order).
 *
 * <pre>
 *   READ_HEAD --head complete--> HANDLE --response--> WRITE --fixed body--> (next request)
 *       |                                               \--streamed body--> STREAM --end--> (next request)
 *       '--bad head: the error status, then close         (next request) = DRAIN an unread body, then READ_HEAD
 * </pre>
 *
 * <p>Only this task reads and writes the socket, apart from a request body read by a task the
 * handler handed it to, which reads through {@link #pollBody} while this task waits for the
 * handler. Nothing is allocated per request on the way but the {@link Request}, the response's
 * body wrapper and, now and then, a new read array.
 */
final class Connection implements Future<Void> {

    private static final int READ_HEAD = 0;
    private static final int HANDLE = 1;
    private static final int WRITE = 2;
    private static final int STREAM = 3;
    private static final int DRAIN = 4;
    private static final int DONE = 5;

    /** Body decoding states. */
    private static final int BODY_DONE = 0;
    private static final int BODY_LENGTH = 1;
    private static final int BODY_CHUNK_SIZE = 2;
    private static final int BODY_CHUNK_DATA = 3;
    private static final int BODY_CHUNK_END = 4;
    private static final int BODY_TRAILERS = 5;

    /** The longest chunk-size line (with extensions) or trailer line accepted. */
    private static final int MAX_CHUNK_LINE = 4096;

    // timing = (tick << 3) | EXPIRED? | phase. Phases: the sweeper times IDLE and HEAD, never BUSY.
    static final long BUSY = 0;
    static final long IDLE = 1;
    static final long HEAD = 2;
    static final long PHASE = 3;
    static final long EXPIRED = 4;
    private static final VarHandle TIMING;

    static {
        try {
            TIMING = MethodHandles.lookup().findVarHandle(Connection.class, "timing", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final byte[] CONTINUE = ResponseHead.ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] LAST_CHUNK = ResponseHead.ascii("0\r\n\r\n");
    private static final byte[] CRLF = {'\r', '\n'};

    private final ServerCore core;
    private final TcpStream io;
    private final ReadBuffer rb = new ReadBuffer();
    private final RequestParser parser;
    private final ResponseHead encoder = new ResponseHead();
    /** What {@link #flush} writes: one of the three arrays below, filled by {@link #setWrites}. */
    private ByteBuffer[] out;
    private final ByteBuffer[] out1 = new ByteBuffer[1];
    private final ByteBuffer[] out2 = new ByteBuffer[2];
    private final ByteBuffer[] out3 = new ByteBuffer[3];

    /**
     * The phase and the tick it started at; the sweeper sets {@link #EXPIRED} with a CAS, so a
     * phase change racing it wins and the mark is lost, as it should be: the connection moved.
     */
    @SuppressWarnings("unused") // through TIMING
    private volatile long timing;
    /** The connection's task, to abort it when the shutdown's grace is over. */
    volatile io.ferrite.runtime.JoinHandle<Void> task;
    /** The waker of the last poll, for the sweeper and the shutdown. */
    private volatile Waker waker;

    private int state = READ_HEAD;
    /** Counts exchanges: a body from an earlier one can no longer be read. */
    int exchange;
    private Request request;
    private RequestHead head;
    private Future<Response> handling;
    private Response response;
    private boolean headRequest;
    private boolean closeAfter;

    // The request body's decoder.
    private int bodyState = BODY_DONE;
    private long bodyRemaining;
    private long bodyTotal;
    private int trailerBytes;
    private boolean continuePending;
    private ByteBuffer continueBuf;
    /** The client left or broke the body's framing while it was read: a failure that follows is its doing, not logged. */
    private boolean bodyIoFailed;

    // A streamed response.
    private AsyncStream<ByteBuffer> respStream;
    private long respFraming;
    private long respSent;
    private long drained;
    private final byte[] chunkLine = new byte[18];

    Connection(ServerCore core, TcpStream io) {
        this.core = core;
        this.io = io;
        Limits l = core.limits;
        this.parser = new RequestParser(l.maxUriLength(), l.maxHeaderBytes(), l.maxHeaders());
        TIMING.setRelease(this, core.tick << 3 | HEAD);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        Waker w = cx.waker();
        if (waker != w) {
            waker = w;
        }
        try {
            while (true) {
                switch (state) {
                    case READ_HEAD -> {
                        if (!readHead(cx)) {
                            return state == DONE ? Poll.ready(null) : Poll.pending();
                        }
                    }
                    case HANDLE -> {
                        if (!handle(cx)) {
                            return Poll.pending();
                        }
                    }
                    case WRITE -> {
                        if (!flush(cx)) {
                            return Poll.pending();
                        }
                        if (respStream != null) {
                            state = STREAM;
                        } else {
                            finishExchange();
                        }
                    }
                    case STREAM -> {
                        if (!stream(cx)) {
                            return state == DONE ? Poll.ready(null) : Poll.pending();
                        }
                    }
                    case DRAIN -> {
                        if (!drain(cx)) {
                            return state == DONE ? Poll.ready(null) : Poll.pending();
                        }
                    }
                    default -> {
                        return Poll.ready(null);
                    }
                }
                if (state == DONE) {
                    return Poll.ready(null);
                }
            }
        } catch (IOException | HttpException e) {
            // the client reset or left, or broke the framing of a body no handler reads (DRAIN):
            // nothing to answer, nobody to tell
            close();
            return Poll.ready(null);
        } catch (RuntimeException | Error e) {
            close(); // a bug of ours: the task fails with it (the runtime reports it), the socket does not leak
            throw e;
        }
    }

    // ---- READ_HEAD

    /** Returns true when the state moved on; false to wait (or when DONE). */
    private boolean readHead(Context cx) throws IOException {
        while (true) {
            long t = (long) TIMING.getAcquire(this);
            if ((t & EXPIRED) != 0) {
                if ((t & PHASE) == HEAD && (!rb.isEmpty() || parser.started())) {
                    answerError(408, "No complete request head within " + core.limits.headerTimeout().toSeconds() + " s");
                    return true;
                }
                close(); // an idle keep-alive connection, or one that never sent a byte
                return false;
            }
            if (core.draining) {
                close();
                return false;
            }
            if (!rb.isEmpty()) {
                int r = parser.parse(rb.array, rb.start, rb.end);
                if (r == RequestParser.COMPLETE) {
                    return startExchange();
                }
                if (r == RequestParser.ERROR) {
                    answerError(parser.status(), parser.reason());
                    return true;
                }
            }
            ByteBuffer v = rb.readView(0, ReadBuffer.CHUNK);
            Poll<Integer> p = io.pollRead(cx, v);
            if (p.isPending()) {
                return false;
            }
            if (p.value() < 0) {
                close(); // the client closed: at a request boundary that is the normal end
                return false;
            }
            boolean wasEmpty = rb.isEmpty() && !parser.started();
            rb.filled();
            if (wasEmpty && ((long) TIMING.getAcquire(this) & PHASE) == IDLE) {
                TIMING.setRelease(this, core.tick << 3 | HEAD); // a new request begins: the header timeout runs
            }
        }
    }

    private boolean startExchange() {
        RequestHead h = parser.head();
        h.bind(rb.array, rb.start);
        rb.consume(h.length);
        TIMING.setRelease(this, core.tick << 3 | BUSY);
        int refused = h.analyze();
        if (refused != 0) {
            answerError(refused, h.problem);
            return true;
        }
        head = h;
        exchange++;
        bodyTotal = 0;
        bodyIoFailed = false;
        if (h.chunked) {
            bodyState = BODY_CHUNK_SIZE;
        } else if (h.contentLength > 0) {
            if (h.contentLength > core.limits.maxBodyBytes()) {
                answerError(413, "Request body of " + h.contentLength + " bytes; the limit is "
                        + core.limits.maxBodyBytes());
                return true;
            }
            bodyState = BODY_LENGTH;
            bodyRemaining = h.contentLength;
        } else {
            bodyState = BODY_DONE;
        }
        continuePending = h.expectContinue && bodyState != BODY_DONE;
        request = new Request(h, this, exchange, io.peerAddress());
        headRequest = "HEAD".equals(request.method());
        closeAfter = h.connectionClose || !h.isHttp11() && !h.connectionKeepAlive;
        try {
            handling = core.handler.handle(request);
            if (handling == null) {
                throw new NullPointerException("the handler returned null instead of a future");
            }
        } catch (Throwable e) {
            handlerFailed(e);
            return true;
        }
        state = HANDLE;
        return true;
    }

    // ---- HANDLE

    private boolean handle(Context cx) {
        Poll<Response> p;
        try {
            p = handling.poll(cx);
        } catch (Throwable e) {
            handling = null;
            handlerFailed(e);
            return true;
        }
        if (p.isPending()) {
            return false;
        }
        handling = null;
        Response r = p.value();
        if (r == null) {
            handlerFailed(new NullPointerException("the handler's future completed with null instead of a Response"));
            return true;
        }
        respond(r);
        return true;
    }

    private void handlerFailed(Throwable e) {
        if (e instanceof HttpException h) {
            answerError(h.status(), String.valueOf(h.getMessage()));
            return;
        }
        if (bodyIoFailed) {
            close(); // the client went away while the body was read
            return;
        }
        ServerCore.LOG.log(System.Logger.Level.WARNING, "Handler failed on \"" + head.requestLine() + "\" from "
                + io.peerAddress() + "; answered 500 Internal Server Error and closed the connection", e);
        answerError(500, "Internal Server Error");
    }

    /** Answers with {@code status} and the reason as text, then closes (the state of the stream is unknown). */
    private void answerError(int status, String reason) {
        closeAfter = true;
        bodyState = BODY_DONE;
        continuePending = false;
        respond(Response.text(status, reason + "\n"));
    }

    // ---- WRITE

    private void respond(Response r) {
        response = r;
        int status = r.status();
        if (ResponseHead.asksClose(r.rawHeaders())) {
            closeAfter = true;
        }
        if (core.draining) {
            closeAfter = true;
        }
        if (bodyState != BODY_DONE) {
            // an unread body: drop a small one to keep the connection, close for the rest
            boolean unsent = continuePending; // the client may or may not send it now: only a close is clear
            boolean large = bodyState != BODY_LENGTH || bodyRemaining > Limits.MAX_DRAIN;
            if (unsent || large) {
                closeAfter = true;
            }
        }
        boolean http10 = head != null && !head.isHttp11();
        boolean noBody = status == 204 || status == 304;
        AsyncStream<ByteBuffer> s = r.bodyStream();
        long framing;
        ByteBuffer body = null;
        if (noBody) {
            framing = ResponseHead.NO_BODY;
        } else if (s == null) {
            framing = r.body().length;
            if (!headRequest && r.body().length > 0) {
                body = ByteBuffer.wrap(r.body());
            }
        } else if (r.streamLength() >= 0) {
            framing = r.streamLength();
        } else if (http10) {
            framing = ResponseHead.UNTIL_CLOSE;
            closeAfter = true;
        } else {
            framing = ResponseHead.CHUNKED;
        }
        if (s != null) {
            if (headRequest || noBody) {
                s.cancel();
            } else {
                respStream = s;
                respFraming = framing;
                respSent = 0;
            }
        }
        setWrites(encoder.encode(status, r.rawHeaders(), framing, closeAfter, http10 && !closeAfter), body, null);
        state = WRITE;
    }

    /** Writes {@link #out} out; true when all is written. */
    private boolean flush(Context cx) throws IOException {
        ByteBuffer[] o = out;
        if (o.length == 1) {
            while (o[0].hasRemaining()) {
                if (io.pollWrite(cx, o[0]).isPending()) {
                    return false;
                }
            }
            return true;
        }
        while (o[o.length - 1].hasRemaining() || o[0].hasRemaining() || o.length == 3 && o[1].hasRemaining()) {
            if (io.pollWriteVectored(cx, o).isPending()) {
                return false;
            }
        }
        return true;
    }

    // ---- STREAM

    private boolean stream(Context cx) throws IOException {
        while (true) {
            if (!flush(cx)) {
                return false;
            }
            Poll<ByteBuffer> p;
            try {
                p = respStream.pollNext(cx);
            } catch (Throwable e) {
                if (!bodyIoFailed) {
                    ServerCore.LOG.log(System.Logger.Level.WARNING, "The body stream of the response to \""
                            + head.requestLine() + "\" from " + io.peerAddress()
                            + " failed after the head was sent; closed the connection", e);
                }
                respStream = null;
                close();
                return false;
            }
            if (p.isPending()) {
                return false;
            }
            ByteBuffer item = p.value();
            if (item == null) {
                respStream = null;
                if (respFraming == ResponseHead.CHUNKED) {
                    setWrites(ByteBuffer.wrap(LAST_CHUNK), null, null);
                    if (!flush(cx)) {
                        state = WRITE; // finish the last chunk there, then the exchange
                        return true;
                    }
                } else if (respFraming >= 0 && respSent != respFraming) {
                    lengthMismatch();
                    return false;
                } else if (respFraming == ResponseHead.UNTIL_CLOSE) {
                    close();
                    return false;
                }
                finishExchange();
                return true;
            }
            int n = item.remaining();
            if (n == 0) {
                continue;
            }
            respSent += n;
            if (respFraming == ResponseHead.CHUNKED) {
                setWrites(chunkSizeLine(n), item, ByteBuffer.wrap(CRLF));
            } else if (respFraming >= 0 && respSent > respFraming) {
                respStream.cancel();
                respStream = null;
                lengthMismatch();
                return false;
            } else {
                setWrites(item, null, null);
            }
        }
    }

    private void lengthMismatch() {
        ServerCore.LOG.log(System.Logger.Level.WARNING, "The body stream of the response to \"" + head.requestLine()
                + "\" produced " + (respSent > respFraming ? "more than " : "only ") + (respSent > respFraming ? respFraming
                : respSent) + " of the " + respFraming + " bytes its Response.stream length said; closed the connection");
        close();
    }

    private ByteBuffer chunkSizeLine(int n) {
        String hex = Integer.toHexString(n);
        int len = hex.length();
        for (int i = 0; i < len; i++) {
            chunkLine[i] = (byte) hex.charAt(i);
        }
        chunkLine[len] = '\r';
        chunkLine[len + 1] = '\n';
        return ByteBuffer.wrap(chunkLine, 0, len + 2);
    }

    private void setWrites(ByteBuffer a, ByteBuffer b, ByteBuffer c) {
        if (c != null) {
            out = out3;
            out3[0] = a;
            out3[1] = b;
            out3[2] = c;
        } else if (b != null) {
            out = out2;
            out2[0] = a;
            out2[1] = b;
        } else {
            out = out1;
            out1[0] = a;
        }
    }

    // ---- after the response

    private void finishExchange() {
        exchange++; // the body of the request just answered can no longer be read by its handler
        request = null;
        response = null;
        if (closeAfter) {
            close();
            return;
        }
        if (bodyState != BODY_DONE) {
            drained = 0;
            state = DRAIN;
            return;
        }
        nextRequest();
    }

    private void nextRequest() {
        head = null;
        headRequest = false;
        parser.reset();
        state = READ_HEAD;
        TIMING.setRelease(this, core.tick << 3 | (rb.isEmpty() ? IDLE : HEAD));
    }

    private boolean drain(Context cx) throws IOException {
        while (true) {
            Poll<ByteBuffer> p = pollBody(cx);
            if (p.isPending()) {
                return false;
            }
            if (p.value() == null) {
                nextRequest();
                return true;
            }
            drained += p.value().remaining();
            if (drained > Limits.MAX_DRAIN) {
                close();
                return false;
            }
        }
    }

    // ---- the request body

    /**
     * Reads the next part of the current request's body: a buffer of its own (a slice of the
     * read buffer, never written over), null at the end, or pending. Sends {@code 100 Continue}
     * first if the client waits for it.
     */
    Poll<ByteBuffer> pollBody(Context cx) throws IOException {
        try {
            return decodeBody(cx);
        } catch (HttpException e) {
            bodyIoFailed = true; // the client's doing too: a streamed echo of this body fails without a log line
            closeAfter = true;
            throw e;
        } catch (IOException e) {
            bodyIoFailed = true;
            closeAfter = true;
            throw e;
        }
    }

    /** Whether the current request's body has been read to its end. */
    boolean bodyDone() {
        return bodyState == BODY_DONE;
    }

    private Poll<ByteBuffer> decodeBody(Context cx) throws IOException {
        while (true) {
            switch (bodyState) {
                case BODY_DONE -> {
                    return Poll.ready(null);
                }
                case BODY_LENGTH -> {
                    if (bodyRemaining == 0) {
                        bodyState = BODY_DONE;
                        return Poll.ready(null);
                    }
                    if (!rb.isEmpty()) {
                        return Poll.ready(takeBody(BODY_DONE));
                    }
                }
                case BODY_CHUNK_SIZE -> {
                    int lf = lineEnd();
                    if (lf >= 0) {
                        chunkSize(lf);
                        continue;
                    }
                    if (rb.available() > MAX_CHUNK_LINE) {
                        throw new HttpException(400, "Chunk size line longer than " + MAX_CHUNK_LINE + " bytes");
                    }
                }
                case BODY_CHUNK_DATA -> {
                    if (!rb.isEmpty()) {
                        return Poll.ready(takeBody(BODY_CHUNK_END));
                    }
                }
                case BODY_CHUNK_END -> {
                    if (rb.available() >= 1 && rb.array[rb.start] == '\n') {
                        rb.consume(1);
                        bodyState = BODY_CHUNK_SIZE;
                        continue;
                    }
                    if (rb.available() >= 2) {
                        if (rb.array[rb.start] != '\r' || rb.array[rb.start + 1] != '\n') {
                            throw new HttpException(400, "Malformed chunked body: no CRLF after a chunk's data");
                        }
                        rb.consume(2);
                        bodyState = BODY_CHUNK_SIZE;
                        continue;
                    }
                }
                case BODY_TRAILERS -> {
                    int lf = lineEnd();
                    if (lf >= 0) {
                        int len = lf + 1 - rb.start;
                        boolean empty = len == 1 || len == 2 && rb.array[rb.start] == '\r';
                        rb.consume(len);
                        trailerBytes += len;
                        if (empty) {
                            bodyState = BODY_DONE;
                            return Poll.ready(null);
                        }
                        if (trailerBytes > core.limits.maxHeaderBytes()) {
                            throw new HttpException(431, "Trailer section longer than " + core.limits.maxHeaderBytes()
                                    + " bytes");
                        }
                        continue;
                    }
                    if (rb.available() > core.limits.maxHeaderBytes()) {
                        throw new HttpException(431, "Trailer section longer than " + core.limits.maxHeaderBytes()
                                + " bytes");
                    }
                }
                default -> throw new IllegalStateException("body state " + bodyState);
            }
            // more bytes needed
            if (continuePending) {
                if (continueBuf == null) {
                    continueBuf = ByteBuffer.wrap(CONTINUE);
                }
                while (continueBuf.hasRemaining()) {
                    if (io.pollWrite(cx, continueBuf).isPending()) {
                        return Poll.pending();
                    }
                }
                continuePending = false;
                continueBuf = null;
            }
            ByteBuffer v = rb.readView(0, ReadBuffer.BODY_CHUNK);
            Poll<Integer> p = io.pollRead(cx, v);
            if (p.isPending()) {
                return Poll.pending();
            }
            if (p.value() < 0) {
                throw new EOFException("The client closed the connection in the middle of the request body ("
                        + io.peerAddress() + ")");
            }
            rb.filled();
        }
    }

    /** Takes what is buffered of the body's current stretch (up to {@link #bodyRemaining}); at its end, moves to {@code next}. */
    private ByteBuffer takeBody(int next) {
        int n = (int) Math.min(rb.available(), bodyRemaining);
        bodyRemaining -= n;
        if (bodyRemaining == 0) {
            bodyState = next;
        }
        return rb.take(n);
    }

    /** The index of the next LF in the unconsumed bytes, or -1. */
    private int lineEnd() {
        byte[] a = rb.array;
        int limit = Math.min(rb.end, rb.start + MAX_CHUNK_LINE + 2);
        for (int i = rb.start; i < limit; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Parses the chunk-size line ending at {@code lf} (RFC 9112 section 7.1) and consumes it. */
    private void chunkSize(int lf) throws HttpException {
        byte[] a = rb.array;
        int i = rb.start;
        long size = 0;
        int digits = 0;
        for (; i < lf; i++) {
            int d = Character.digit(a[i], 16);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                throw new HttpException(400, "Chunk size too large");
            }
            size = size << 4 | d;
        }
        if (digits == 0) {
            throw new HttpException(400, "Malformed chunked body: a chunk size is not hexadecimal");
        }
        // what follows is whitespace, then a chunk extension (;name[=value]) that is ignored, then CRLF
        for (; i < lf; i++) {
            byte c = a[i];
            if (c == ';') {
                break;
            }
            if (c == '\r' && i == lf - 1) {
                break;
            }
            if (c != ' ' && c != '\t') {
                throw new HttpException(400, "Malformed chunked body: junk after a chunk size");
            }
        }
        for (int j = i; j < lf - 1; j++) {
            if (a[j] == '\r' || a[j] == 0) {
                throw new HttpException(400, "Malformed chunked body: a control byte in a chunk extension");
            }
        }
        rb.consume(lf + 1 - rb.start);
        if (size == 0) {
            bodyState = BODY_TRAILERS;
            trailerBytes = 0;
            return;
        }
        bodyTotal += size;
        if (bodyTotal > core.limits.maxBodyBytes()) {
            throw new HttpException(413, "Request body over the limit of " + core.limits.maxBodyBytes() + " bytes");
        }
        bodyRemaining = size;
        bodyState = BODY_CHUNK_DATA;
    }

    // ---- timeouts, shutdown, the end

    /** Called by the sweeper: marks this connection expired if its phase lasted too long, and wakes it. */
    void expireIfDue(long now, long headerTicks, long idleTicks) {
        long t = (long) TIMING.getAcquire(this);
        long phase = t & PHASE;
        if (phase == BUSY || (t & EXPIRED) != 0) {
            return;
        }
        long limit = phase == IDLE ? idleTicks : headerTicks;
        if (now - (t >>> 3) >= limit && TIMING.compareAndSet(this, t, t | EXPIRED)) {
            wake();
        }
    }

    void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    private void close() {
        state = DONE;
        io.close();
        core.remove(this);
    }

    /** The connection's task was aborted (shutdown grace over, runtime shut down): stop the handler, close. */
    @Override
    public void cancel() {
        Future<Response> h = handling;
        handling = null;
        AsyncStream<ByteBuffer> s = respStream;
        respStream = null;
        try {
            if (h != null) {
                h.cancel();
            }
            if (s != null) {
                s.cancel();
            }
        } finally {
            close();
        }
    }

    /** Tells whether exchange {@code n} is still in progress (its body may be read). */
    boolean isExchange(int n) {
        return exchange == n && state != DONE;
    }

    /** For tests: the timed phase ({@link #IDLE}, {@link #HEAD} or {@link #BUSY}). */
    long phase() {
        return (long) TIMING.getAcquire(this) & PHASE;
    }

    /** For tests: whether bytes of a request head wait in the read buffer (read by the connection). */
    boolean holdsPartialHead() {
        return state == READ_HEAD && !rb.isEmpty();
    }

    @Override
    public String toString() {
        return "HttpConnection[" + io.peerAddress() + ", state " + state + "]";
    }
}

package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads from another {@link AsyncRead} through a buffer, and reads lines (Tokio's
 * {@code BufReader} with {@code read_line} and {@code lines}): small reads are served from the
 * buffer instead of one system call each, and {@link #readLine()} and {@link #lines()} split the
 * bytes at {@code '\n'}.
 *
 * <p>A line is the bytes up to {@code '\n'}, without it and without a {@code '\r'} before it,
 * decoded with the reader's charset (UTF-8 unless given; malformed bytes become U+FFFD). The
 * last line of a stream needs no {@code '\n'}. A line longer than the reader's limit (1 MiB
 * unless given) fails with an {@link IOException} instead of growing without bound. The buffer
 * grows up to that limit to hold a long line, and shrinks back when the line is done.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> countErrors(TcpStream stream) {
 *     AsyncStream<String> lines = new BufReader(stream).lines();
 *     int errors = 0;
 *     for (String line; (line = await(lines.next())) != null; ) {
 *         if (line.startsWith("ERROR")) errors++;
 *     }
 *     return Future.ready(errors);
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #readLine()} and {@code lines().next()} are cancel-safe (unlike Tokio's
 * {@code read_line}): the bytes of a partial line stay in this reader's buffer, so cancelling
 * loses nothing and the next call returns the whole line. {@link #read} is cancel-safe.
 *
 * <h2>Thread safety</h2>
 * As for futures: one task at a time.
 */
public final class BufReader implements AsyncRead {

    /** The buffer size unless given: 8 KiB. */
    public static final int DEFAULT_CAPACITY = 8192;
    /** The longest line unless given: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    private final AsyncRead inner;
    private final int capacity;
    private final int maxLineLength;
    private final Charset charset;
    private byte[] buf;
    /** A view of {@link #buf} that the inner reader fills from {@link #end}. */
    private ByteBuffer fillView;
    private int start;
    private int end;
    /** Bytes from {@link #start} already searched for {@code '\n'}: a long line is scanned once. */
    private int scanned;
    private boolean eof;

    /**
     * A reader with an 8 KiB buffer, UTF-8 lines and a 1 MiB line limit.
     *
     * <pre>{@code
     * BufReader in = new BufReader(stream);
     * }</pre>
     *
     * @param inner the reader to buffer
     */
    public BufReader(AsyncRead inner) {
        this(inner, DEFAULT_CAPACITY, DEFAULT_MAX_LINE_LENGTH, StandardCharsets.UTF_8);
    }

    /**
     * A reader with the given buffer size, line limit and charset.
     *
     * <pre>{@code
     * BufReader in = new BufReader(stream, 64 * 1024, 16 * 1024, StandardCharsets.ISO_8859_1);
     * }</pre>
     *
     * @param inner         the reader to buffer
     * @param capacity      the buffer size, at least 1
     * @param maxLineLength the longest line in bytes, at least 1
     * @param charset       how lines are decoded
     * @throws IllegalArgumentException if a size is below 1
     * @throws NullPointerException     if {@code inner} or {@code charset} is null
     */
    public BufReader(AsyncRead inner, int capacity, int maxLineLength, Charset charset) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.charset = Objects.requireNonNull(charset, "charset");
        if (capacity < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("BufReader(capacity " + capacity + ", maxLineLength " + maxLineLength
                    + "): both must be at least 1");
        }
        this.capacity = capacity;
        this.maxLineLength = maxLineLength;
        this.buf = new byte[capacity];
        this.fillView = ByteBuffer.wrap(buf);
    }

    /**
     * Reads from the buffer, refilling it from the inner reader when empty; a read of at least
     * a buffer's size into an empty buffer goes straight to the inner reader.
     *
     * @param cx  the context of the polling task
     * @param dst where the bytes go
     * @return the count, -1 at the end, or pending
     * @throws IOException as the inner reader fails
     */
    @Override
    public Poll<Integer> pollRead(Context cx, ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return Poll.ready(0);
        }
        if (start == end) {
            if (eof) {
                return Poll.ready(-1);
            }
            if (dst.remaining() >= capacity) {
                return inner.pollRead(cx, dst);
            }
            Poll<Integer> p = fill(cx);
            if (p.isPending()) {
                return p;
            }
            if (p.value() < 0) {
                return Poll.ready(-1);
            }
        }
        int n = Math.min(dst.remaining(), end - start);
        dst.put(buf, start, n);
        consume(n);
        return Poll.ready(n);
    }

    /**
     * Returns a future of the next line, without its line terminator, or {@code null} at the
     * end of the stream.
     *
     * <pre>{@code
     * String line = await(in.readLine());
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; a partial line stays in the buffer for the next call.
     *
     * @return a future; it fails with {@link IOException} if a line is longer than the limit
     */
    public Future<String> readLine() {
        return new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                try {
                    return pollLine(cx);
                } catch (IOException e) {
                    throw AsyncSupport.sneaky(e);
                }
            }

            @Override
            public String toString() {
                return "readLine(" + BufReader.this + ")";
            }
        };
    }

    /**
     * Returns the lines as a stream that ends with the input; see {@link #readLine()}.
     *
     * <pre>{@code
     * AsyncStream<String> lines = new BufReader(stream).lines();
     * for (String line; (line = await(lines.next())) != null; ) { ... }
     * }</pre>
     *
     * <p>Cancel safety: {@code next()} is cancel-safe; cancelling the stream leaves this
     * reader (and what it buffered) usable.
     *
     * @return a stream of lines
     */
    public AsyncStream<String> lines() {
        return new AsyncStream<>() {
            private boolean ended;

            @Override
            public Poll<String> pollNext(Context cx) {
                if (ended) {
                    return Poll.ready(null);
                }
                try {
                    Poll<String> p = pollLine(cx);
                    if (p.isReady() && p.value() == null) {
                        ended = true;
                    }
                    return p;
                } catch (IOException e) {
                    ended = true;
                    throw AsyncSupport.sneaky(e);
                }
            }

            @Override
            public String toString() {
                return "lines(" + BufReader.this + ")";
            }
        };
    }

    /**
     * The reader this one buffers.
     *
     * @return the inner reader
     */
    public AsyncRead inner() {
        return inner;
    }

    /**
     * How many bytes are buffered and not read yet.
     *
     * @return the count
     */
    public int buffered() {
        return end - start;
    }

    private Poll<String> pollLine(Context cx) throws IOException {
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, start, stop - start, charset);
                    consume(i + 1 - start);
                    return Poll.ready(line);
                }
            }
            scanned = end - start;
            if (eof) {
                if (start == end) {
                    return Poll.ready(null);
                }
                String last = new String(buf, start, end - start, charset);
                consume(end - start);
                return Poll.ready(last);
            }
            if (end - start >= maxLineLength) {
                throw new IOException("Line longer than " + maxLineLength + " bytes, the limit of this BufReader ("
                        + inner + "): raise it with new BufReader(in, capacity, maxLineLength, charset)");
            }
            Poll<Integer> p = fill(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
        }
    }

    /** Reads more into the buffer after {@link #end}, making room first; -1 (and {@link #eof}) at the end. */
    private Poll<Integer> fill(Context cx) throws IOException {
        if (end == buf.length) {
            makeRoom();
        }
        fillView.limit(buf.length).position(end);
        Poll<Integer> p = inner.pollRead(cx, fillView);
        if (p.isReady()) {
            int n = p.value();
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return p;
    }

    /** Moves the unread bytes to the front, or grows the buffer (up to the line limit) if it is all unread. */
    private void makeRoom() {
        int unread = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, unread);
        } else {
            int grown = (int) Math.min((long) buf.length * 2, Math.max(capacity, (long) maxLineLength + 1));
            buf = Arrays.copyOf(buf, grown);
            fillView = ByteBuffer.wrap(buf);
        }
        start = 0;
        end = unread;
    }

    private void consume(int n) {
        start += n;
        scanned = 0;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > capacity) {   // a long line is done: give its memory back
                buf = new byte[capacity];
                fillView = ByteBuffer.wrap(buf);
            }
        }
    }

    @Override
    public String toString() {
        return "BufReader[" + inner + ", " + (end - start) + " bytes buffered]";
    }
}

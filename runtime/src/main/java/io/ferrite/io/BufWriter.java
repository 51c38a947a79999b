package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes to another {@link AsyncWrite} through a buffer (Tokio's {@code BufWriter}): small
 * writes are gathered and leave in one write when the buffer fills or on {@link #flush()};
 * a write at least as large as the buffer goes straight through.
 *
 * <p>Nothing reaches the inner writer until the buffer is full or flushed: await
 * {@link #flush()} (or {@link #shutdown()}, which flushes first) before you stop writing, or the
 * last bytes stay here.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Void> report(TcpStream stream, List<String> rows) {
 *     BufWriter out = new BufWriter(stream);
 *     for (String row : rows) {
 *         await(out.writeAll(ByteBuffer.wrap((row + "\n").getBytes(UTF_8))));   // buffered
 *     }
 *     await(out.flush());                                                        // one write
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #write} is cancel-safe: the bytes it reported are in the buffer or written. A
 * cancelled {@link #flush()} leaves what it did not write in the buffer; flush again.
 *
 * <h2>Thread safety</h2>
 * As for futures: one task at a time.
 */
public final class BufWriter implements AsyncWrite {

    /** The buffer size unless given: 8 KiB. */
    public static final int DEFAULT_CAPACITY = 8192;

    private final AsyncWrite inner;
    private final ByteBuffer buf;
    /** The bytes of {@link #buf} already written are {@code [0, flushed)}; pending ones {@code [flushed, position)}. */
    private final ByteBuffer drain;
    private int flushed;

    /**
     * A writer with an 8 KiB buffer.
     *
     * <pre>{@code
     * BufWriter out = new BufWriter(stream);
     * }</pre>
     *
     * @param inner the writer to buffer
     */
    public BufWriter(AsyncWrite inner) {
        this(inner, DEFAULT_CAPACITY);
    }

    /**
     * A writer with a buffer of {@code capacity} bytes.
     *
     * <pre>{@code
     * BufWriter out = new BufWriter(stream, 64 * 1024);
     * }</pre>
     *
     * @param inner    the writer to buffer
     * @param capacity the buffer size, at least 1
     * @throws IllegalArgumentException if {@code capacity < 1}
     * @throws NullPointerException     if {@code inner} is null
     */
    public BufWriter(AsyncWrite inner, int capacity) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (capacity < 1) {
            throw new IllegalArgumentException("BufWriter capacity " + capacity + ": must be at least 1");
        }
        this.buf = ByteBuffer.allocate(capacity);
        this.drain = buf.duplicate();
    }

    /**
     * Copies {@code src} into the buffer, writing the buffer out first if {@code src} does not
     * fit; a {@code src} at least as large as the buffer goes straight to the inner writer.
     *
     * @param cx  the context of the polling task
     * @param src the bytes
     * @return the count taken, or pending
     * @throws IOException as the inner writer fails
     */
    @Override
    public Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException {
        if (src.remaining() > buf.remaining()) {
            if (pollDrain(cx).isPending()) {
                return Poll.pending();
            }
        }
        if (src.remaining() >= buf.capacity()) {
            return inner.pollWrite(cx, src);
        }
        int n = src.remaining();
        buf.put(src);
        return Poll.ready(n);
    }

    /**
     * Copies as much of {@code srcs} as fits in the buffer, writing the buffer out first when
     * the next buffer does not fit.
     *
     * @param cx   the context of the polling task
     * @param srcs the buffers
     * @return the count taken, or pending
     * @throws IOException as the inner writer fails
     */
    @Override
    public Poll<Long> pollWriteVectored(Context cx, ByteBuffer[] srcs) throws IOException {
        long taken = 0;
        for (ByteBuffer src : srcs) {
            if (!src.hasRemaining()) {
                continue;
            }
            if (src.remaining() > buf.remaining()) {
                if (taken > 0) {
                    break;
                }
                Poll<Integer> p = pollWrite(cx, src);
                return p.isPending() ? Poll.pending() : Poll.ready((long) p.value());
            }
            taken += src.remaining();
            buf.put(src);
        }
        return Poll.ready(taken);
    }

    /**
     * Writes the buffer out, then flushes the inner writer.
     *
     * @param cx the context of the polling task
     * @return ready when flushed, or pending
     * @throws IOException as the inner writer fails
     */
    @Override
    public Poll<Void> pollFlush(Context cx) throws IOException {
        if (pollDrain(cx).isPending()) {
            return Poll.pending();
        }
        return inner.pollFlush(cx);
    }

    /**
     * Writes the buffer out, then closes the inner writer's writing side.
     *
     * @param cx the context of the polling task
     * @return ready when closed, or pending
     * @throws IOException as the inner writer fails
     */
    @Override
    public Poll<Void> pollClose(Context cx) throws IOException {
        if (pollDrain(cx).isPending()) {
            return Poll.pending();
        }
        return inner.pollClose(cx);
    }

    /**
     * How many bytes wait in the buffer.
     *
     * @return the count
     */
    public int buffered() {
        return buf.position() - flushed;
    }

    /**
     * The writer this one buffers.
     *
     * @return the inner writer
     */
    public AsyncWrite inner() {
        return inner;
    }

    /** Writes {@code [flushed, position)} to the inner writer; ready when the buffer is empty. */
    private Poll<Void> pollDrain(Context cx) throws IOException {
        while (flushed < buf.position()) {
            drain.limit(buf.position()).position(flushed);
            Poll<Integer> p = inner.pollWrite(cx, drain);
            if (p.isPending()) {
                return Poll.pending();
            }
            if (p.value() == 0) {
                throw new IOException("Write accepted no bytes with " + buffered() + " buffered (" + inner
                        + "): the writer is closed or full for good");
            }
            flushed += p.value();
        }
        buf.clear();
        flushed = 0;
        return Poll.ready(null);
    }

    @Override
    public String toString() {
        return "BufWriter[" + inner + ", " + buffered() + " bytes buffered]";
    }
}

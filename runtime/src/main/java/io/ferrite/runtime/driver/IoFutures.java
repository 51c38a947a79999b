package io.ferrite.runtime.driver;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.io.AsyncRead;
import io.ferrite.io.AsyncWrite;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The futures of the read and write operations ({@code read}, {@code readExact},
 * {@code readToEnd}, {@code write}, {@code writeAll}): one loop each, shared by every reader
 * and writer, sockets and {@code AsyncRead}/{@code AsyncWrite} alike. Internal.
 *
 * <p>Each future is its own waiting node: cancelling it leaves the waiter list (the socket's
 * interest goes when nobody else waits). None copies the caller's buffers: bytes go straight
 * between the channel and the {@code ByteBuffer}, whose position says how far an operation got,
 * also when it was cancelled or failed half-way.
 */
public final class IoFutures {

    private IoFutures() {
    }

    /**
     * One read into {@code dst}: the bytes read, or -1 at the end of the stream.
     *
     * @param io  the reader
     * @param dst the buffer
     * @return a single-use future
     */
    public static Future<Integer> read(NodeIo io, ByteBuffer dst) {
        return new Read(io, dst);
    }

    /**
     * Reads until {@code dst} is full; fails with {@link EOFException} if the stream ends first.
     *
     * @param io  the reader
     * @param dst the buffer
     * @return a single-use future
     */
    public static Future<Void> readExact(NodeIo io, ByteBuffer dst) {
        return new ReadExact(io, dst);
    }

    /**
     * Reads until the end of the stream and returns every byte.
     *
     * @param io the reader
     * @return a single-use future
     */
    public static Future<byte[]> readToEnd(NodeIo io) {
        return new ReadToEnd(io);
    }

    /**
     * One write from {@code src}: the bytes written.
     *
     * @param io  the writer
     * @param src the buffer
     * @return a single-use future
     */
    public static Future<Integer> write(NodeIo io, ByteBuffer src) {
        return new Write(io, src);
    }

    /**
     * Writes every remaining byte of {@code srcs}, in order, with gathering writes.
     *
     * @param io   the writer
     * @param srcs the buffers
     * @return a single-use future
     */
    public static Future<Void> writeAll(NodeIo io, ByteBuffer... srcs) {
        return new WriteAll(io, srcs);
    }

    /**
     * Adapts a plain reader and writer (either may be null) to {@link NodeIo}; their poll
     * methods keep their own wakers, so the node is ignored.
     *
     * @param r the reader, or null
     * @param w the writer, or null
     * @return the adapter
     */
    public static NodeIo polling(AsyncRead r, AsyncWrite w) {
        return new Polling(r, w);
    }

    /** A single-use operation: its node, and the poll that turns IOException into a thrown failure. */
    private abstract static class Op<T> extends IoWaiter implements Future<T> {
        final NodeIo io;
        boolean done;

        Op(NodeIo io) {
            this.io = io;
        }

        @Override
        public final Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException(this + " was polled after it completed");
            }
            Poll<T> p;
            try {
                p = step(cx);
            } catch (Throwable failure) {
                done = true;
                io.leave(this);
                throw AsyncSupport.sneaky(failure);
            }
            if (p.isReady()) {
                done = true;
                io.leave(this);
            }
            return p;
        }

        abstract Poll<T> step(Context cx) throws IOException;

        @Override
        public final void cancel() {
            io.leave(this);
        }
    }

    private static final class Read extends Op<Integer> {
        private final ByteBuffer dst;

        Read(NodeIo io, ByteBuffer dst) {
            super(io);
            this.dst = dst;
        }

        @Override
        Poll<Integer> step(Context cx) throws IOException {
            return io.pollRead(cx, dst, this);
        }

        @Override
        public String toString() {
            return "read(" + io + ")";
        }
    }

    private static final class ReadExact extends Op<Void> {
        private final ByteBuffer dst;
        private final int wanted;

        ReadExact(NodeIo io, ByteBuffer dst) {
            super(io);
            this.dst = dst;
            this.wanted = dst.remaining();
        }

        @Override
        Poll<Void> step(Context cx) throws IOException {
            while (dst.hasRemaining()) {
                Poll<Integer> p = io.pollRead(cx, dst, this);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value() < 0) {
                    throw new EOFException("Early end of stream: read " + (wanted - dst.remaining()) + " of "
                            + wanted + " bytes (" + io + ")");
                }
            }
            return Poll.ready(null);
        }

        @Override
        public String toString() {
            return "readExact(" + io + ", " + wanted + " bytes)";
        }
    }

    private static final class ReadToEnd extends Op<byte[]> {
        private byte[] bytes = new byte[8192];
        private int size;

        ReadToEnd(NodeIo io) {
            super(io);
        }

        @Override
        Poll<byte[]> step(Context cx) throws IOException {
            while (true) {
                if (size == bytes.length) {
                    if (size == Integer.MAX_VALUE - 8) {
                        throw new IOException("Stream longer than " + size + " bytes, the most a byte[] holds ("
                                + io + "): read it in parts");
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min((long) size * 2, Integer.MAX_VALUE - 8));
                }
                ByteBuffer free = ByteBuffer.wrap(bytes, size, bytes.length - size);
                Poll<Integer> p = io.pollRead(cx, free, this);
                if (p.isPending()) {
                    return Poll.pending();
                }
                int n = p.value();
                if (n < 0) {
                    byte[] out = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
                    bytes = null;
                    return Poll.ready(out);
                }
                size += n;
            }
        }

        @Override
        public String toString() {
            return "readToEnd(" + io + ", " + size + " bytes so far)";
        }
    }

    private static final class Write extends Op<Integer> {
        private final ByteBuffer[] src;

        Write(NodeIo io, ByteBuffer src) {
            super(io);
            this.src = new ByteBuffer[] {src};
        }

        @Override
        Poll<Integer> step(Context cx) throws IOException {
            Poll<Long> p = io.pollWrite(cx, src, this);
            return p.isPending() ? Poll.pending() : Poll.ready(p.value().intValue());
        }

        @Override
        public String toString() {
            return "write(" + io + ")";
        }
    }

    private static final class WriteAll extends Op<Void> {
        private final ByteBuffer[] srcs;
        private int first;

        WriteAll(NodeIo io, ByteBuffer[] srcs) {
            super(io);
            this.srcs = srcs;
        }

        @Override
        Poll<Void> step(Context cx) throws IOException {
            while (true) {
                while (first < srcs.length && !srcs[first].hasRemaining()) {
                    first++;
                }
                if (first == srcs.length) {
                    return Poll.ready(null);
                }
                ByteBuffer[] rest = first == 0 ? srcs : Arrays.copyOfRange(srcs, first, srcs.length);
                Poll<Long> p = io.pollWrite(cx, rest, this);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value() == 0) {
                    throw new IOException("Write accepted no bytes with " + remaining() + " left to write (" + io
                            + "): the writer is closed or full for good");
                }
            }
        }

        private long remaining() {
            long n = 0;
            for (ByteBuffer b : srcs) {
                n += b.remaining();
            }
            return n;
        }

        @Override
        public String toString() {
            return "writeAll(" + io + ", " + remaining() + " bytes left)";
        }
    }

    /** A plain AsyncRead/AsyncWrite seen as NodeIo: it keeps its own wakers, so nodes are ignored. */
    private record Polling(AsyncRead r, AsyncWrite w) implements NodeIo {

        @Override
        public Poll<Integer> pollRead(Context cx, ByteBuffer dst, IoWaiter node) throws IOException {
            return r.pollRead(cx, dst);
        }

        @Override
        public Poll<Long> pollWrite(Context cx, ByteBuffer[] srcs, IoWaiter node) throws IOException {
            if (srcs.length == 1) {
                Poll<Integer> p = w.pollWrite(cx, srcs[0]);
                return p.isPending() ? Poll.pending() : Poll.ready((long) p.value());
            }
            return w.pollWriteVectored(cx, srcs);
        }

        @Override
        public void leave(IoWaiter node) {
        }

        @Override
        public String toString() {
            return String.valueOf(r != null ? r : w);
        }
    }
}

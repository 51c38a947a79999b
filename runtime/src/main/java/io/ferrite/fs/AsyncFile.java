package io.ferrite.fs;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.io.AsyncRead;
import io.ferrite.io.AsyncWrite;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.driver.IoErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An open file read and written with futures (Tokio's {@code tokio::fs::File}): each read,
 * write, {@link #sync()} and {@link #size()} runs on the runtime's blocking pool, one at a time,
 * so a slow disk stalls no worker. It is an {@link AsyncRead} and an {@link AsyncWrite}, so
 * {@code readExact}, {@code readToEnd}, {@code writeAll}, {@link io.ferrite.io.BufReader} and
 * {@link io.ferrite.io.AsyncIo#copy} work on it.
 *
 * <p>Bytes pass through a buffer of this file's (up to 64 KiB per operation), never through the
 * caller's {@link ByteBuffer} on another thread: a cancelled read cannot write into a buffer its
 * caller has moved on from. A write returns as soon as its bytes are copied to that buffer and
 * the blocking write has started, as Tokio's does; the next operation waits for it, and a
 * failure of that write is thrown by the next operation. Await {@link #flush()} (or
 * {@link #sync()} for durability) to know the bytes reached the file.
 *
 * <p>Why the blocking pool and not {@link java.nio.channels.AsynchronousFileChannel}: on Linux
 * that channel also runs each operation on a thread pool (its own), and it measured no faster;
 * {@code docs/io.md} has the figures.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Long> appendLog(Path file, String line) throws IOException {
 *     try (AsyncFile log = await(AsyncFile.open(file, CREATE, WRITE, APPEND))) {
 *         await(log.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))));
 *         await(log.sync());                   // on the disk
 *         return Future.ready(await(log.size()));
 *     }
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #read} is cancel-safe: an operation cancelled while the pool reads keeps its bytes for
 * the next read. A cancelled write that returned was accepted and still reaches the file. A
 * cancelled {@link #sync()} or {@link #size()} may still run.
 *
 * <h2>Thread safety</h2>
 * One task at a time. {@link #close()} may be called from any thread; an operation running on
 * the pool then fails.
 */
public final class AsyncFile implements AsyncRead, AsyncWrite, AutoCloseable {

    /** The most bytes one read or write moves. */
    static final int MAX_CHUNK = 64 * 1024;

    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int WRITING = 2;

    private final Path path;
    private final FileChannel channel;
    /** Bytes on their way: read ones wait in {@code [position, limit)}; written ones are the pool's until it is done. */
    private ByteBuffer buf;
    private JoinHandle<Integer> inFlight;
    private int state = IDLE;
    private boolean eofPending;
    private long position;

    private AsyncFile(Path path, FileChannel channel, long position) {
        this.path = path;
        this.channel = channel;
        this.position = position;
    }

    /**
     * Returns a future that opens {@code path} with {@code options} (none means
     * {@link StandardOpenOption#READ}) on the blocking pool, as {@link FileChannel#open} does.
     *
     * <pre>{@code
     * AsyncFile in = await(AsyncFile.open(Path.of("data.csv")));
     * AsyncFile out = await(AsyncFile.open(Path.of("out.csv"), CREATE, WRITE, TRUNCATE_EXISTING));
     * }</pre>
     *
     * <p>Cancellation: a cancelled open that already ran on the pool leaves its file to the
     * garbage collector; await it to close the file yourself.
     *
     * @param path    the file
     * @param options how to open it
     * @return a single-use future; it fails with {@link java.nio.file.NoSuchFileException} and
     *         the other exceptions of {@link FileChannel#open}, with the path
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<AsyncFile> open(Path path, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        OpenOption[] opts = options.length == 0 ? new OpenOption[] {StandardOpenOption.READ} : options.clone();
        return new BlockingCall<>("AsyncFile.open", "open", path, () -> {
            FileChannel ch = FileChannel.open(path, opts);
            return new AsyncFile(path, ch, ch.position());
        });
    }

    /**
     * Returns a future that opens {@code path} for writing, creating it or emptying it (Tokio's
     * {@code File::create}).
     *
     * <pre>{@code
     * AsyncFile out = await(AsyncFile.create(Path.of("report.txt")));
     * }</pre>
     *
     * <p>Cancellation: as {@link #open}.
     *
     * @param path the file
     * @return a single-use future
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<AsyncFile> create(Path path) {
        return open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Reads what the file has into {@code dst} (at most 64 KiB), on the blocking pool.
     *
     * @param cx  the context of the polling task
     * @param dst where the bytes go
     * @return the count, -1 at the end of the file, or pending
     * @throws IOException as the file fails, with its path
     */
    @Override
    public Poll<Integer> pollRead(Context cx, ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return Poll.ready(0);
        }
        if (state == IDLE && buf != null && buf.hasRemaining()) {
            return Poll.ready(deliver(dst));
        }
        if (pollIdle(cx).isPending()) {
            return Poll.pending();
        }
        if (buf != null && buf.hasRemaining()) {
            return Poll.ready(deliver(dst));
        }
        if (eofPending) {
            eofPending = false;
            return Poll.ready(-1);
        }
        ByteBuffer b = buffer();
        b.clear().limit(Math.min(MAX_CHUNK, dst.remaining()));
        start(cx, READING, "read", () -> {
            int n = channel.read(b);
            b.flip();
            return n;
        });
        return pollRead(cx, dst);
    }

    /**
     * Takes up to 64 KiB of {@code src} into this file's buffer and starts writing it on the
     * blocking pool, after the operation before it finished; ready as soon as the bytes are
     * taken.
     *
     * @param cx  the context of the polling task
     * @param src the bytes
     * @return the count taken, or pending while the previous operation runs
     * @throws IOException if the previous write failed, with the path
     */
    @Override
    public Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException {
        if (pollIdle(cx).isPending()) {
            return Poll.pending();
        }
        dropReadAhead();
        int n = Math.min(MAX_CHUNK, src.remaining());
        if (n == 0) {
            return Poll.ready(0);
        }
        ByteBuffer b = buffer();
        b.clear();
        b.put(src.slice().limit(n)).flip();
        src.position(src.position() + n);
        start(cx, WRITING, "write", () -> {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return n;
        });
        position += n;
        return Poll.ready(n);
    }

    /**
     * Ready once the last write reached the file (the operating system; see {@link #sync()}
     * for the disk).
     *
     * @param cx the context of the polling task
     * @return ready, or pending while a write runs
     * @throws IOException if that write failed
     */
    @Override
    public Poll<Void> pollFlush(Context cx) throws IOException {
        return pollIdle(cx);
    }

    /**
     * Flushes; the file stays open (see {@link #close()}).
     *
     * @param cx the context of the polling task
     * @return ready, or pending while a write runs
     * @throws IOException if that write failed
     */
    @Override
    public Poll<Void> pollClose(Context cx) throws IOException {
        return pollIdle(cx);
    }

    /**
     * Returns a future that waits for the last write, then forces the file's content and
     * metadata to the disk ({@link FileChannel#force(boolean) force(true)}, an {@code fsync}).
     *
     * <pre>{@code
     * await(file.sync());
     * }</pre>
     *
     * <p>Cancellation: an {@code fsync} that started still runs.
     *
     * @return a single-use future
     */
    public Future<Void> sync() {
        return new AfterIdle<>("sync", () -> {
            channel.force(true);
            return null;
        });
    }

    /**
     * Returns a future of the file's size in bytes, after the last write.
     *
     * <pre>{@code
     * long bytes = await(file.size());
     * }</pre>
     *
     * <p>Cancellation: nothing to undo.
     *
     * @return a single-use future
     */
    public Future<Long> size() {
        return new AfterIdle<>("read the size of", channel::size);
    }

    /**
     * Returns a future that moves the file position to {@code newPosition}, after the last
     * operation finished; bytes read ahead are dropped.
     *
     * <pre>{@code
     * await(file.position(0));     // read it again from the start
     * }</pre>
     *
     * <p>Cancellation: cancelled before it completed, the position did not move.
     *
     * @param newPosition the byte offset, at least 0 (past the end is allowed: a later write
     *                    leaves a gap)
     * @return a single-use future
     * @throws IllegalArgumentException if {@code newPosition} is negative
     */
    public Future<Void> position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("position(" + newPosition + "): must be at least 0");
        }
        return cx -> {
            try {
                if (pollIdle(cx).isPending()) {
                    return Poll.pending();
                }
                if (buf != null) {
                    buf.clear().limit(0);
                }
                eofPending = false;
                channel.position(newPosition);
                position = newPosition;
                return Poll.ready(null);
            } catch (IOException e) {
                throw AsyncSupport.sneaky(IoErrors.withContext(e, "seek in " + path));
            }
        };
    }

    /**
     * The position the next read or write starts at: after every byte read or written so far
     * (a write counts once it was taken).
     *
     * <pre>{@code
     * long offset = file.position();
     * }</pre>
     *
     * @return the byte offset
     */
    public long position() {
        return position;
    }

    /**
     * The file's path.
     *
     * @return the path given to {@link #open}
     */
    public Path path() {
        return path;
    }

    /**
     * Closes the file. A write still running on the pool may fail: await {@link #flush()}
     * first. Closing twice does nothing.
     *
     * <pre>{@code
     * await(file.flush());
     * file.close();
     * }</pre>
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // FileChannel.close reports nothing a caller could act on
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + ", position " + position + "]";
    }

    private ByteBuffer buffer() {
        if (buf == null) {
            buf = ByteBuffer.allocateDirect(MAX_CHUNK);
        }
        return buf;
    }

    private int deliver(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), buf.remaining());
        dst.put(dst.position(), buf, buf.position(), n);
        dst.position(dst.position() + n);
        buf.position(buf.position() + n);
        position += n;
        return n;
    }

    /** Bytes read ahead and not delivered are given back to the file, so a write lands where the reader stopped. */
    private void dropReadAhead() throws IOException {
        if (buf != null && state == IDLE && buf.hasRemaining()) {
            try {
                channel.position(channel.position() - buf.remaining());
            } catch (IOException e) {
                throw IoErrors.withContext(e, "seek in " + path);
            }
            buf.clear().limit(0);
        }
        eofPending = false;
    }

    private void start(Context cx, int kind, String verb, BlockingCall.FileOp<Integer> op) {
        inFlight = BlockingCall.start(cx, this, verb, path, op);
        state = kind;
    }

    /** Waits for the operation in flight; a write's failure is thrown here, a read's bytes land in {@link #buf}. */
    private Poll<Void> pollIdle(Context cx) throws IOException {
        if (inFlight == null) {
            return Poll.ready(null);
        }
        Poll<Integer> p;
        try {
            p = inFlight.poll(cx);
        } catch (Throwable failure) {
            inFlight = null;
            state = IDLE;
            if (buf != null) {
                buf.clear().limit(0);
            }
            throw failure;
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        inFlight = null;
        if (state == READING && p.value() < 0) {
            eofPending = true;
        }
        if (state == WRITING) {
            buf.clear().limit(0);
        }
        state = IDLE;
        return Poll.ready(null);
    }

    /** {@link #sync()} and {@link #size()}: wait for the operation in flight, then run one on the pool. */
    private final class AfterIdle<T> implements Future<T> {
        private final BlockingCall<T> call;
        private boolean idle;

        AfterIdle(String verb, BlockingCall.FileOp<T> op) {
            this.call = new BlockingCall<>(AsyncFile.this + " " + verb, verb, path, op);
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!idle) {
                try {
                    if (pollIdle(cx).isPending()) {
                        return Poll.pending();
                    }
                } catch (IOException e) {
                    throw AsyncSupport.sneaky(e);
                }
                idle = true;
            }
            return call.poll(cx);
        }

        @Override
        public void cancel() {
            call.cancel();
        }

        @Override
        public String toString() {
            return call.toString();
        }
    }
}

package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoFutures;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sink of bytes written without blocking (Tokio's {@code AsyncWrite} with the methods of
 * {@code AsyncWriteExt}): {@link #pollWrite}, {@link #pollFlush} and {@link #pollClose} are the
 * methods to implement; {@link #write}, {@link #writeAll}, {@link #flush} and
 * {@link #shutdown} are the futures an {@code @Async} method awaits.
 *
 * <p>Writes take bytes straight from the caller's {@link ByteBuffer}, from its position, and
 * advance it: nothing is copied, so a writer that waits for a slow peer holds only the caller's
 * buffer (memory stays bounded), and the position tells how far a write got.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Void> send(AsyncWrite out, String line) {
 *     await(out.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))));
 *     await(out.flush());
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #write} is cancel-safe: cancelled, it wrote nothing. After a cancelled
 * {@link #writeAll} the buffers' positions say what was written; the rest was not. Cancelling
 * {@link #flush} or {@link #shutdown} leaves them half done; call them again.
 *
 * <h2>Thread safety</h2>
 * As for futures: one task writes at a time. A {@code TcpStream} lets one task write while
 * another reads.
 */
public interface AsyncWrite {

    /**
     * Writes what the sink accepts now from {@code src}: the bytes written (at least one if
     * {@code src} has any), or pending after arranging for {@code cx}'s waker to be called when
     * the sink may accept more. Only the waker of the last call is kept.
     *
     * @param cx  the context of the polling task
     * @param src the bytes, from its position
     * @return the count, or pending
     * @throws IOException as the sink fails (the JDK's exception types, naming the address or
     *                     path)
     */
    Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException;

    /**
     * Writes from several buffers at once, in order (a gathering write); the default writes the
     * first buffer that has bytes left. Sockets override it with one system call.
     *
     * @param cx   the context of the polling task
     * @param srcs the buffers
     * @return the count, or pending
     * @throws IOException as the sink fails
     */
    default Poll<Long> pollWriteVectored(Context cx, ByteBuffer[] srcs) throws IOException {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                Poll<Integer> p = pollWrite(cx, b);
                return p.isPending() ? Poll.pending() : Poll.ready((long) p.value());
            }
        }
        return Poll.ready(0L);
    }

    /**
     * Pushes buffered bytes to the destination: ready once everything written so far has left
     * this writer's buffers.
     *
     * @param cx the context of the polling task
     * @return ready when flushed, or pending
     * @throws IOException as the sink fails
     */
    Poll<Void> pollFlush(Context cx) throws IOException;

    /**
     * Flushes and closes the writing side (Tokio's {@code poll_shutdown}): for a socket, the
     * peer reads the end of the stream, and reading from it still works.
     *
     * @param cx the context of the polling task
     * @return ready when closed, or pending
     * @throws IOException as the sink fails
     */
    Poll<Void> pollClose(Context cx) throws IOException;

    /**
     * Returns a future that writes once from {@code src}, waiting until the sink accepts at
     * least one byte, and completes with the count.
     *
     * <pre>{@code
     * int n = await(out.write(buffer));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; cancelled, it wrote nothing.
     *
     * @param src the bytes
     * @return a single-use future
     */
    default Future<Integer> write(ByteBuffer src) {
        return IoFutures.write(IoFutures.polling(null, this), src);
    }

    /**
     * Returns a future that writes every remaining byte of {@code src}, waiting while the sink
     * is full (backpressure).
     *
     * <pre>{@code
     * await(out.writeAll(ByteBuffer.wrap(bytes)));
     * }</pre>
     *
     * <p>Cancel safety: the buffer's position says what was written before the cancellation.
     *
     * @param src the bytes
     * @return a single-use future
     */
    default Future<Void> writeAll(ByteBuffer src) {
        return IoFutures.writeAll(IoFutures.polling(null, this), src);
    }

    /**
     * Returns a future that writes every remaining byte of {@code srcs}, in order, with
     * gathering writes where the sink has them (a response head and body in one system call).
     *
     * <pre>{@code
     * await(out.writeAll(head, body));
     * }</pre>
     *
     * <p>Cancel safety: the buffers' positions say what was written before the cancellation.
     *
     * @param srcs the buffers
     * @return a single-use future
     */
    default Future<Void> writeAll(ByteBuffer... srcs) {
        return IoFutures.writeAll(IoFutures.polling(null, this), srcs);
    }

    /**
     * Returns a future of {@link #pollFlush}.
     *
     * <pre>{@code
     * await(out.flush());
     * }</pre>
     *
     * <p>Cancel safety: cancelled, the flush may be half done; flush again.
     *
     * @return a future
     */
    default Future<Void> flush() {
        AsyncWrite self = this;
        return cx -> {
            try {
                return self.pollFlush(cx);
            } catch (IOException e) {
                throw AsyncSupport.sneaky(e);
            }
        };
    }

    /**
     * Returns a future of {@link #pollClose}: flushes, then closes the writing side.
     *
     * <pre>{@code
     * await(out.shutdown());     // the peer reads the end of the stream
     * }</pre>
     *
     * <p>Cancel safety: cancelled, the flush may be half done; shut down again.
     *
     * @return a future
     */
    default Future<Void> shutdown() {
        AsyncWrite self = this;
        return cx -> {
            try {
                return self.pollClose(cx);
            } catch (IOException e) {
                throw AsyncSupport.sneaky(e);
            }
        };
    }
}

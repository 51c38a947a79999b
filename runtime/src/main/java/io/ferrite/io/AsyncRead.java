package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.driver.IoFutures;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A source of bytes read without blocking (Tokio's {@code AsyncRead} with the methods of
 * {@code AsyncReadExt}): {@link #pollRead} is the one method to implement; {@link #read},
 * {@link #readExact} and {@link #readToEnd} are the futures an {@code @Async} method awaits.
 *
 * <p>Reads go straight into the caller's {@link ByteBuffer}, from its position up to its limit,
 * and advance its position: nothing is copied on the way, and the position always tells how
 * many bytes arrived, also after a failure or a cancellation. The end of the stream is -1, as
 * in {@link java.nio.channels.ReadableByteChannel}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> readHeader(AsyncRead in) {
 *     ByteBuffer header = ByteBuffer.allocate(4);
 *     await(in.readExact(header));        // fails with EOFException if the stream ends first
 *     return Future.ready(header.flip().getInt());
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * {@link #read} is cancel-safe: cancelled before it completed, it read nothing. After a
 * cancelled {@link #readExact} the bytes read so far are in the buffer (its position says how
 * many) and the stream stays usable. {@link #readToEnd} is not cancel-safe: the bytes it
 * gathered are lost.
 *
 * <h2>Thread safety</h2>
 * As for futures: one task reads at a time. Implementations may allow a reader and a writer to
 * work from two tasks (a {@code TcpStream} does).
 */
public interface AsyncRead {

    /**
     * Reads what is available into {@code dst} without waiting: the bytes read (at least one),
     * -1 at the end of the stream, 0 only if {@code dst} has no room, or pending after arranging
     * for {@code cx}'s waker to be called when bytes may be available. Only the waker of the
     * last call is kept.
     *
     * @param cx  the context of the polling task
     * @param dst where the bytes go, from its position
     * @return the count, -1, or pending
     * @throws IOException as the source fails (the JDK's exception types, naming the address
     *                     or path)
     */
    Poll<Integer> pollRead(Context cx, ByteBuffer dst) throws IOException;

    /**
     * Returns a future that reads once into {@code dst}, waiting until at least one byte (or
     * the end) is available: it completes with the count, or -1 at the end of the stream.
     *
     * <pre>{@code
     * int n = await(in.read(buffer));
     * }</pre>
     *
     * <p>Cancel safety: cancel-safe; cancelled, it has read nothing.
     *
     * @param dst where the bytes go
     * @return a single-use future
     */
    default Future<Integer> read(ByteBuffer dst) {
        return IoFutures.read(IoFutures.polling(this, null), dst);
    }

    /**
     * Returns a future that reads until {@code dst} is full.
     *
     * <pre>{@code
     * await(in.readExact(ByteBuffer.allocate(64)));
     * }</pre>
     *
     * <p>Cancel safety: the bytes read before the cancellation are in {@code dst} (its position
     * says how many), and the stream stays usable.
     *
     * @param dst the buffer to fill, from its position to its limit
     * @return a single-use future; it fails with {@link java.io.EOFException} if the stream ends
     *         first
     */
    default Future<Void> readExact(ByteBuffer dst) {
        return IoFutures.readExact(IoFutures.polling(this, null), dst);
    }

    /**
     * Returns a future that reads until the end of the stream and completes with every byte.
     * It holds the whole stream in memory: read a stream of unknown length in parts instead.
     *
     * <pre>{@code
     * byte[] body = await(in.readToEnd());
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe; the bytes gathered so far are lost.
     *
     * @return a single-use future
     */
    default Future<byte[]> readToEnd() {
        return IoFutures.readToEnd(IoFutures.polling(this, null));
    }
}

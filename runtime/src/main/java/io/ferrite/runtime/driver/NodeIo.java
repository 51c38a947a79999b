package io.ferrite.runtime.driver;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Read and write steps that wait with a caller's {@link IoWaiter}: what {@link IoFutures} are
 * built from. A socket implements it so that each operation future waits with its own node and
 * cancelling the future takes exactly that node away (releasing the interest when it was the
 * last); any other reader or writer is adapted by {@link IoFutures#polling}, which ignores the
 * node. Internal.
 */
public interface NodeIo {

    /**
     * Reads into {@code dst}, or queues {@code node} and returns pending if that would block.
     *
     * @param cx   the poll's context
     * @param dst  where to read
     * @param node the waiting node of the calling operation
     * @return the bytes read, -1 at the end of the stream, or pending
     * @throws IOException as the channel fails
     */
    Poll<Integer> pollRead(Context cx, ByteBuffer dst, IoWaiter node) throws IOException;

    /**
     * Writes from {@code srcs} (a gathering write when there are several), or queues
     * {@code node} and returns pending if that would block.
     *
     * @param cx   the poll's context
     * @param srcs the buffers, in order
     * @param node the waiting node of the calling operation
     * @return the bytes written, or pending
     * @throws IOException as the channel fails
     */
    Poll<Long> pollWrite(Context cx, ByteBuffer[] srcs, IoWaiter node) throws IOException;

    /**
     * Takes {@code node} out of the waiters, if it waits: the operation was cancelled or done.
     *
     * @param node the node
     */
    void leave(IoWaiter node);
}

package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of a copy: read into a buffer, write it all out, repeat; flush the writer
 * whenever the reader has nothing for now (so a slow source does not leave bytes sitting in a
 * buffered writer) and at the end. The engine of {@link AsyncIo#copy} and
 * {@link AsyncIo#copyBidirectional}.
 */
final class CopyBuffer {

    static final int SIZE = 8192;

    /** Always in draining mode: {@code [position, limit)} is what is still to write. */
    private final ByteBuffer buf = ByteBuffer.allocate(SIZE).limit(0);
    private boolean readDone;
    private boolean needFlush;
    private long total;

    /** Ready with the bytes copied once the reader ended and everything was written and flushed. */
    Poll<Long> pollCopy(Context cx, AsyncRead from, AsyncWrite to) throws IOException {
        while (true) {
            if (!buf.hasRemaining() && !readDone) {
                buf.clear();
                Poll<Integer> p = from.pollRead(cx, buf);
                if (p.isPending()) {
                    buf.limit(0);
                    if (needFlush) {
                        if (to.pollFlush(cx).isPending()) {
                            return Poll.pending();
                        }
                        needFlush = false;
                    }
                    return Poll.pending();
                }
                buf.flip();
                if (p.value() < 0) {
                    readDone = true;
                }
            }
            while (buf.hasRemaining()) {
                Poll<Integer> p = to.pollWrite(cx, buf);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value() == 0) {
                    throw new IOException("Write accepted no bytes while copying " + total + " bytes from " + from
                            + " to " + to + ": the writer is closed or full for good");
                }
                total += p.value();
                needFlush = true;
            }
            if (readDone) {
                if (to.pollFlush(cx).isPending()) {
                    return Poll.pending();
                }
                return Poll.ready(total);
            }
        }
    }

    long total() {
        return total;
    }
}

package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import java.io.IOException;
import java.util.Objects;

/**
 * Copying between readers and writers (Tokio's {@code tokio::io::copy} and
 * {@code copy_bidirectional}): the plumbing of a proxy or an echo server.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Void> proxy(TcpStream client, InetSocketAddress upstream) throws IOException {
 *     try (client; TcpStream server = await(TcpStream.connect(upstream))) {
 *         AsyncIo.Transferred t = await(AsyncIo.copyBidirectional(client, server));
 *         log.info(t.aToB() + " bytes up, " + t.bToA() + " bytes down");
 *     }
 *     return Future.ready(null);
 * }
 * }</pre>
 *
 * <h2>Cancel safety</h2>
 * Not cancel-safe: bytes read and not yet written (up to 8 KiB per direction) are lost. The
 * streams stay open.
 *
 * <h2>Thread safety</h2>
 * As for futures: the returned future is polled by one task at a time.
 */
public final class AsyncIo {

    private AsyncIo() {
    }

    /**
     * Returns a future that copies everything {@code from} reads to {@code to}, until the end of
     * {@code from}, through an 8 KiB buffer, flushes {@code to}, and completes with the number of
     * bytes copied. {@code to} is also flushed whenever {@code from} has nothing to give for now.
     *
     * <pre>{@code
     * long n = await(AsyncIo.copy(file, socket));
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe; see the class comment.
     *
     * @param from the reader
     * @param to   the writer
     * @return a single-use future
     * @throws NullPointerException if an argument is null
     */
    public static Future<Long> copy(AsyncRead from, AsyncWrite to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        CopyBuffer copy = new CopyBuffer();
        return new Future<>() {
            @Override
            public Poll<Long> poll(Context cx) {
                try {
                    return copy.pollCopy(cx, from, to);
                } catch (IOException e) {
                    throw AsyncSupport.sneaky(e);
                }
            }

            @Override
            public String toString() {
                return "copy(" + from + " -> " + to + ", " + copy.total() + " bytes so far)";
            }
        };
    }

    /**
     * Returns a future that copies {@code a} to {@code b} and {@code b} to {@code a} at the same
     * time. When one side's input ends, the other side's output is shut down (its peer reads the
     * end), and the other direction goes on; the future completes when both directions have
     * ended, with the bytes moved each way.
     *
     * <pre>{@code
     * AsyncIo.Transferred t = await(AsyncIo.copyBidirectional(client, server));
     * }</pre>
     *
     * <p>Cancel safety: not cancel-safe; see the class comment.
     *
     * @param a   one side
     * @param b   the other side
     * @param <A> the type of {@code a}, a reader and a writer
     * @param <B> the type of {@code b}, a reader and a writer
     * @return a single-use future
     * @throws NullPointerException if an argument is null
     */
    public static <A extends AsyncRead & AsyncWrite, B extends AsyncRead & AsyncWrite> Future<Transferred>
            copyBidirectional(A a, B b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return new Future<>() {
            private final CopyBuffer ab = new CopyBuffer();
            private final CopyBuffer ba = new CopyBuffer();
            private boolean abDone;
            private boolean baDone;

            @Override
            public Poll<Transferred> poll(Context cx) {
                try {
                    if (!abDone) {
                        abDone = ab.pollCopy(cx, a, b).isReady() && b.pollClose(cx).isReady();
                    }
                    if (!baDone) {
                        baDone = ba.pollCopy(cx, b, a).isReady() && a.pollClose(cx).isReady();
                    }
                } catch (IOException e) {
                    throw AsyncSupport.sneaky(e);
                }
                return abDone && baDone ? Poll.ready(new Transferred(ab.total(), ba.total())) : Poll.pending();
            }

            @Override
            public String toString() {
                return "copyBidirectional(" + a + " <-> " + b + ")";
            }
        };
    }

    /**
     * What {@link #copyBidirectional} moved.
     *
     * @param aToB bytes copied from the first side to the second
     * @param bToA bytes copied from the second side to the first
     */
    public record Transferred(long aToB, long bToA) {
    }
}

/**
 * Asynchronous byte streams (Tokio's {@code tokio::io}): {@link io.ferrite.io.AsyncRead} and
 * {@link io.ferrite.io.AsyncWrite} are the entry points, implemented by sockets and by the
 * buffered {@link io.ferrite.io.BufReader} (lines) and {@link io.ferrite.io.BufWriter};
 * {@link io.ferrite.io.AsyncIo} copies between them.
 *
 * <p>Reads and writes work on the caller's {@link java.nio.ByteBuffer}: nothing is copied on
 * the way, and the buffer's position tells how far an operation got, also after a cancellation.
 * Every operation that can be cancelled half-way says what that leaves in its
 * {@code Cancel safety} paragraph.
 */
package io.ferrite.io;

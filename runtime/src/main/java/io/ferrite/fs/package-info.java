/**
 * Files as futures (Tokio's {@code tokio::fs}). Entry points: {@link io.ferrite.fs.Fs} for whole
 * files and directories (read, write, create, delete, list) and {@link io.ferrite.fs.AsyncFile}
 * for an open file read and written in parts.
 *
 * <p>Every operation runs the JDK's blocking call on the runtime's blocking pool, as Tokio does:
 * regular files have no readiness to wait for, and the JDK's {@code AsynchronousFileChannel}
 * measured no faster (see {@code docs/io.md}). Failures are the JDK's exceptions with the path,
 * never wrapped.
 */
package io.ferrite.fs;

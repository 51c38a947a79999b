/**
 * TCP and UDP sockets on the runtime's I/O driver (Tokio's {@code tokio::net}). Entry points:
 * {@link io.ferrite.net.TcpListener} (bind, then accept connections or read them as a stream)
 * and {@link io.ferrite.net.TcpStream} (connect, read, write, split); datagrams with
 * {@link io.ferrite.net.UdpSocket}.
 *
 * <p>Every operation is a lazy future that tries the system call first and waits on the
 * runtime's I/O driver only if the call would block; no thread blocks. Sockets belong to the
 * runtime they were made on (in a task, or inside {@code AsyncRuntime.blockOn}) and are closed
 * when it shuts down. Failures are the JDK's {@code IOException} types, never wrapped, with the
 * address in the message. Design, errors and cancel safety: {@code docs/io.md}.
 */
package io.ferrite.net;

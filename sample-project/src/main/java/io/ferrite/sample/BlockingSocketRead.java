package io.ferrite.sample;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The "blocking the runtime" pitfall with a socket: a {@code java.net.Socket} read inside an
 * {@code @Async} method holds the worker thread until the peer answers, so a heartbeat in the
 * same task stops; the same read through Ferrite's {@link TcpStream} suspends the task instead,
 * and the heartbeat keeps beating while the answer is on its way.
 *
 * <p>The peer is a plain thread with a {@code ServerSocket} that answers each {@code ping} with
 * {@code pong} after a delay: it needs nothing from the runtime, so the demo shows the same on a
 * runtime of any size. The heartbeat is {@link BlockingCalls}'s.
 */
final class BlockingSocketRead {

    /** What the demo observed: the answers and the longest heartbeat pause of each case, in ms. */
    record Outcome(String blockingAnswer, long blockingLongestPauseMillis, String ferriteAnswer,
            long ferriteLongestPauseMillis) {
    }

    private final Report report;
    private final Duration answerDelay;
    private final BlockingCalls heartbeat;

    BlockingSocketRead(Report report, Duration answerDelay) {
        this.report = report;
        this.answerDelay = answerDelay;
        this.heartbeat = new BlockingCalls(report, answerDelay);
    }

    /** The pitfall: a blocking socket inside the task's poll, on the worker thread. */
    @Async
    Future<String> askWithBlockingSocket(InetSocketAddress peer) {
        try (Socket s = new Socket(peer.getAddress(), peer.getPort())) {
            s.getOutputStream().write("ping\n".getBytes(UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            return Future.ready(in.readLine());   // blocks the worker until the answer arrives
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fix: Ferrite's socket; the read suspends the task until the answer arrives. */
    @Async
    Future<String> askWithTcpStream(InetSocketAddress peer) throws IOException {
        try (TcpStream s = await(TcpStream.connect(peer))) {
            await(s.writeAll(ByteBuffer.wrap("ping\n".getBytes(UTF_8))));
            s.shutdownOutput();
            return Future.ready(new String(await(s.readToEnd()), UTF_8).strip());
        }
    }

    @Async
    Future<Outcome> run() throws IOException {
        try (SlowPeer peer = new SlowPeer(answerDelay)) {
            long delay = answerDelay.toMillis();
            Futures.Join2<Long, String> blocking =
                    await(Task.spawn(heartbeat.withHeartbeat(askWithBlockingSocket(peer.address()))));
            report.line("a peer that answers after %d ms, with a heartbeat every 20 ms in the same task:", delay);
            report.line("java.net.Socket read: \"%s\"; the heartbeat stopped for %d ms", blocking.second(),
                    blocking.first());
            Futures.Join2<Long, String> ferrite =
                    await(Task.spawn(heartbeat.withHeartbeat(askWithTcpStream(peer.address()))));
            report.line("Ferrite TcpStream:    \"%s\"; the longest heartbeat pause was %d ms", ferrite.second(),
                    ferrite.first());
            report.check("pong".equals(blocking.second()) && "pong".equals(ferrite.second()),
                    "both sockets got the peer's answer");
            report.check(blocking.first() >= delay / 2,
                    "a blocking socket read stops its task (and its worker) while it waits for the peer");
            report.check(ferrite.first() < blocking.first() && ferrite.first() < delay / 2,
                    "Ferrite's socket read suspends the task instead: the heartbeat kept beating meanwhile");
            return Future.ready(new Outcome(blocking.second(), blocking.first(), ferrite.second(), ferrite.first()));
        }
    }

    /** A peer on a platform thread: reads a line, waits, answers {@code pong}, closes; until closed. */
    static final class SlowPeer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        SlowPeer(Duration delay) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> answer(delay), "slow-peer");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        private void answer(Duration delay) {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8)).readLine();
                    Thread.sleep(delay.toMillis());
                    OutputStream out = s.getOutputStream();
                    out.write("pong\n".getBytes(UTF_8));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    return;   // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

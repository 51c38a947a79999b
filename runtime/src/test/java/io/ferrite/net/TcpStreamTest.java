package io.ferrite.net;

import static io.ferrite.net.NetTesting.ascii;
import static io.ferrite.net.NetTesting.eventually;
import static io.ferrite.net.NetTesting.loopback;
import static io.ferrite.net.NetTesting.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.time.VirtualTimeSource;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpStreamTest {

    AsyncRuntime rt;
    TcpListener listener;

    @BeforeEach
    void start() {
        rt = runtime("tcp");
        listener = rt.blockOn(TcpListener.bind(loopback()));
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    /** A connected pair: [client, server side]. */
    TcpStream[] pair() {
        JoinHandle<TcpStream> accepted = rt.spawn(listener.accept());
        TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress()));
        return new TcpStream[] {client, rt.blockOn(accepted)};
    }

    @Test
    void connect_should_exchange_bytes_with_the_accepted_stream_when_both_sides_write() {
        TcpStream[] p = pair();
        rt.blockOn(p[0].writeAll(ascii("ping")));
        ByteBuffer got = ByteBuffer.allocate(4);
        rt.blockOn(p[1].readExact(got));
        assertEquals("ping", ascii(got));
        rt.blockOn(p[1].writeAll(ascii("pong!")));
        ByteBuffer back = ByteBuffer.allocate(5);
        rt.blockOn(p[0].readExact(back));
        assertEquals("pong!", ascii(back));
        assertEquals(p[0].localAddress(), p[1].peerAddress());
        assertEquals(p[1].localAddress(), p[0].peerAddress());
    }

    @Test
    void connect_should_fail_with_connect_exception_naming_the_address_when_nothing_listens() throws Exception {
        InetSocketAddress dead;
        try (ServerSocket s = new ServerSocket(0, 1, loopback().getAddress())) {
            dead = (InetSocketAddress) s.getLocalSocketAddress();
        }
        InetSocketAddress target = dead;
        ConnectException e = assertThrows(ConnectException.class, () -> rt.blockOn(TcpStream.connect(target)));
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(target.getPort())), e.getMessage());
        assertEquals(0, e.getSuppressed().length);
        assertEquals(null, e.getCause(), "the JDK's own exception type, not wrapped");
    }

    @Test
    void connect_should_fail_with_socket_timeout_naming_the_address_when_the_peer_never_answers() throws Exception {
        // A listener whose backlog is full drops new SYNs: connecting to it never completes.
        try (ServerSocket full = new ServerSocket(0, 1, loopback().getAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                InetSocketAddress target = (InetSocketAddress) full.getLocalSocketAddress();
                for (int i = 0; i < 50; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(target, 200);
                    } catch (SocketTimeoutException backlogFull) {
                        break;
                    }
                }
                // The virtual clock jumps to the connect's deadline as soon as the runtime is idle.
                try (AsyncRuntime virtual = AsyncRuntime.currentThread().timeSource(VirtualTimeSource.autoAdvancing())
                        .build()) {
                    SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                            () -> virtual.blockOn(TcpStream.connect(target, Duration.ofSeconds(5))));
                    assertTrue(e.getMessage().startsWith("Connect timed out after PT5S (connect to " + target),
                            e.getMessage());
                }
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void connect_should_resolve_an_unresolved_address_on_the_blocking_pool() {
        InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", listener.localAddress().getPort());
        JoinHandle<TcpStream> accepted = rt.spawn(listener.accept());
        try (TcpStream client = rt.blockOn(TcpStream.connect(byName))) {
            TcpStream server = rt.blockOn(accepted);
            assertEquals(client.localAddress(), server.peerAddress());
            assertTrue(rt.metrics().numBlockingThreads() >= 1, "the name was resolved on the blocking pool");
        }
    }

    @Test
    @SuppressWarnings("try")   // the explicit close is the point: it sends the RST
    void read_should_fail_with_connection_reset_naming_the_peer_when_the_peer_resets_mid_read() throws Exception {
        try (Socket peer = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener.accept());
            peer.getOutputStream().write("half".getBytes());
            ByteBuffer buf = ByteBuffer.allocate(64);
            rt.blockOn(server.readExact(buf.limit(4)));
            JoinHandle<Integer> reading = rt.spawn(server.read(buf.clear()));
            eventually("the read waits on the driver", () -> server.engine.reg.hasWaiters(IoRegistration.READ));
            peer.setSoLinger(true, 0);
            peer.close();   // an RST, not a FIN
            SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(reading));
            assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
            assertTrue(e.getMessage().contains("read from " + server.peerAddress()), e.getMessage());
        }
    }

    @Test
    void read_should_see_the_end_and_writes_should_still_work_when_the_peer_half_closes() throws Exception {
        try (Socket peer = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener.accept());
            peer.getOutputStream().write("bye".getBytes());
            peer.shutdownOutput();
            assertEquals("bye", new String(rt.blockOn(server.readToEnd())));
            assertEquals(-1, rt.blockOn(server.read(ByteBuffer.allocate(8))));
            rt.blockOn(server.writeAll(ascii("still here")));
            server.shutdownOutput();
            assertEquals("still here", new String(peer.getInputStream().readAllBytes()));
        }
    }

    @Test
    void shutdownOutput_should_let_the_peer_read_the_end_while_this_side_still_reads() throws Exception {
        TcpStream[] p = pair();
        p[0].shutdownOutput();
        assertEquals(0, rt.blockOn(p[1].readToEnd()).length);
        rt.blockOn(p[1].writeAll(ascii("reply")));
        ByteBuffer got = ByteBuffer.allocate(5);
        rt.blockOn(p[0].readExact(got));
        assertEquals("reply", ascii(got));
        SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(p[0].writeAll(ascii("more"))));
        assertTrue(e.getMessage().contains("write to " + p[0].peerAddress()), e.getMessage());
    }

    @Test
    void readExact_should_fail_with_eof_exception_when_the_stream_ends_early() {
        TcpStream[] p = pair();
        rt.blockOn(p[0].writeAll(ascii("abc")));
        p[0].close();
        ByteBuffer buf = ByteBuffer.allocate(10);
        EOFException e = assertThrows(EOFException.class, () -> rt.blockOn(p[1].readExact(buf)));
        assertTrue(e.getMessage().contains("read 3 of 10 bytes"), e.getMessage());
        assertEquals(3, buf.position(), "the bytes read stay in the buffer");
    }

    @Test
    void read_should_fail_with_socket_closed_when_the_stream_was_closed() {
        TcpStream[] p = pair();
        p[1].close();
        assertTrue(p[1].isClosed());
        SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(p[1].read(ByteBuffer.allocate(4))));
        assertTrue(e.getMessage().startsWith("Socket closed (read from "), e.getMessage());
        p[1].close();   // twice: nothing
    }

    @Test
    void close_should_wake_a_task_waiting_on_read_with_socket_exception() {
        TcpStream[] p = pair();
        JoinHandle<Integer> reading = rt.spawn(p[1].read(ByteBuffer.allocate(4)));
        eventually("the read waits", () -> p[1].engine.reg.hasWaiters(IoRegistration.READ));
        p[1].close();
        SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(reading));
        assertTrue(e.getMessage().startsWith("Socket closed"), e.getMessage());
    }

    @Test
    void abort_should_release_the_read_interest_and_leave_the_stream_usable_when_a_task_waits_on_read() {
        TcpStream[] p = pair();
        JoinHandle<Integer> reading = rt.spawn(p[1].read(ByteBuffer.allocate(4)));
        IoRegistration reg = p[1].engine.reg;
        eventually("the read waits", () -> reg.hasWaiters(IoRegistration.READ));
        assertTrue((reg.interestOps() & SelectionKey.OP_READ) != 0, "waiting set the read interest");
        reading.abort();
        assertThrows(Cancelled.class, () -> rt.blockOn(reading));
        assertFalse(reg.hasWaiters(IoRegistration.READ), "the aborted read left the waiters");
        assertEquals(0, reg.interestOps() & SelectionKey.OP_READ, "and released the interest");
        assertFalse(p[1].isClosed(), "the stream stays open");
        rt.blockOn(p[0].writeAll(ascii("late")));
        ByteBuffer got = ByteBuffer.allocate(4);
        rt.blockOn(p[1].readExact(got));
        assertEquals("late", ascii(got), "nothing was lost and the stream still reads");
    }

    @Test
    void read_should_not_register_with_the_selector_when_bytes_are_already_there() throws Exception {
        try (Socket peer = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener.accept());
            peer.getOutputStream().write("ready".getBytes());
            // Wait for the bytes with a selector of the test's own, then leave it.
            try (Selector probe = Selector.open()) {
                SelectionKey k = server.engine.channel.register(probe, SelectionKey.OP_READ);
                assertEquals(1, probe.select(NetTesting.PATIENCE_NANOS / 1_000_000));
                k.cancel();
                probe.selectNow();
            }
            ByteBuffer got = ByteBuffer.allocate(5);
            rt.blockOn(server.readExact(got));
            assertEquals("ready", ascii(got));
            assertEquals(0, server.engine.reg.interestOps(), "a read that did not block never met the driver");
        }
    }

    @Test
    void writeAll_should_wait_without_copying_when_the_peer_never_reads_and_finish_when_it_does() throws Exception {
        try (Socket peer = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener.accept());
            byte[] bytes = new byte[32 << 20];
            new Random(7).nextBytes(bytes);
            ByteBuffer src = ByteBuffer.wrap(bytes);
            JoinHandle<Void> writing = rt.spawn(server.writeAll(src));
            eventually("the write waits for the peer", () -> server.engine.reg.hasWaiters(IoRegistration.WRITE));
            int stuckAt = src.position();
            assertTrue(stuckAt < bytes.length, "backpressure: only what the socket buffers hold left, " + stuckAt);
            assertFalse(writing.isFinished());
            InputStream in = peer.getInputStream();
            byte[] received = in.readNBytes(bytes.length);
            rt.blockOn(writing);
            assertTrue(Arrays.equals(bytes, received), "every byte arrived, in order");
        }
    }

    @Test
    void split_should_let_one_task_read_while_another_writes() throws Exception {
        try (Socket peer = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener.accept());
            TcpStream.Halves halves = server.split();
            JoinHandle<Void> reading = rt.spawn(halves.reader().readExact(ByteBuffer.allocate(3)));
            eventually("the reader waits", () -> server.engine.reg.hasWaiters(IoRegistration.READ));
            rt.blockOn(halves.writer().writeAll(ascii("out")));
            assertEquals("out", new String(peer.getInputStream().readNBytes(3)));
            OutputStream out = peer.getOutputStream();
            out.write("in!".getBytes());
            rt.blockOn(reading);
            halves.writer().close();
            assertEquals(-1, peer.getInputStream().read(), "closing the write half shut the output down");
            assertFalse(server.isClosed());
            halves.reader().close();
            assertTrue(server.isClosed(), "the socket closes with its second half");
        }
    }

    @Test
    void nodelay_should_be_off_by_default_and_settable() throws Exception {
        TcpStream[] p = pair();
        assertFalse(p[0].nodelay());
        p[0].setNodelay(true);
        assertTrue(p[0].nodelay());
    }

    @Test
    void connect_should_fail_naming_the_runtime_need_when_polled_outside_a_runtime() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> io.ferrite.runtime.BlockOn.blockOn(TcpStream.connect(listener.localAddress())));
        assertTrue(e.getMessage().contains("outside any Ferrite runtime"), e.getMessage());
        assertTrue(e.getMessage().contains("AsyncRuntime.blockOn"), e.getMessage());
    }
}

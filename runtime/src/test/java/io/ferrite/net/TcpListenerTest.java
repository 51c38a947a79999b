package io.ferrite.net;

import static io.ferrite.net.NetTesting.eventually;
import static io.ferrite.net.NetTesting.loopback;
import static io.ferrite.net.NetTesting.openFds;
import static io.ferrite.net.NetTesting.runtime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.driver.IoDriver;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.stream.AsyncStream;
import java.net.BindException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TcpListenerTest {

    /** Connections of the descriptor-leak test: 10,000 with {@code -Dferrite.stress=full}, fewer in the default build. */
    static final int CONNECTIONS = "full".equals(System.getProperty("ferrite.stress")) ? 10_000 : 2_000;

    @Test
    void bind_should_fail_with_bind_exception_naming_the_address_when_the_port_is_in_use() {
        try (AsyncRuntime rt = runtime("bind")) {
            TcpListener first = rt.blockOn(TcpListener.bind(loopback()));
            BindException e = assertThrows(BindException.class,
                    () -> rt.blockOn(TcpListener.bind(first.localAddress())));
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
            assertTrue(e.getMessage().contains("bind " + first.localAddress()), e.getMessage());
        }
    }

    @Test
    void incoming_should_yield_each_connection_when_clients_connect() throws Exception {
        try (AsyncRuntime rt = runtime("incoming")) {
            TcpListener listener = rt.blockOn(TcpListener.bind(loopback()));
            AsyncStream<TcpStream> incoming = listener.incoming();
            Set<Integer> clientPorts = new HashSet<>();
            Set<Integer> acceptedPeers = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                try (Socket client = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
                    clientPorts.add(client.getLocalPort());
                    TcpStream s = rt.blockOn(incoming.next());
                    acceptedPeers.add(s.peerAddress().getPort());
                    s.close();
                }
            }
            assertEquals(clientPorts, acceptedPeers);
            listener.close();
            assertThrows(SocketException.class, () -> rt.blockOn(incoming.next()));
            assertEquals(null, rt.blockOn(incoming.next()), "the stream is fused after its failure");
        }
    }

    @Test
    void close_should_wake_every_task_waiting_to_accept_with_socket_exception() {
        try (AsyncRuntime rt = runtime("close")) {
            TcpListener listener = rt.blockOn(TcpListener.bind(loopback()));
            JoinHandle<TcpStream> a = rt.spawn(listener.accept());
            JoinHandle<TcpStream> b = rt.spawn(listener.accept());
            eventually("both accepts wait", () -> waiters(listener) == 2);
            listener.close();
            SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(a));
            assertTrue(e.getMessage().startsWith("Socket closed (accept on " + listener.localAddress()), e.getMessage());
            assertThrows(SocketException.class, () -> rt.blockOn(b));
            assertTrue(listener.isClosed());
        }
    }

    @Test
    void accept_should_lose_no_connection_when_a_waiting_accept_is_aborted() throws Exception {
        try (AsyncRuntime rt = runtime("abort")) {
            TcpListener listener = rt.blockOn(TcpListener.bind(loopback()));
            JoinHandle<TcpStream> first = rt.spawn(listener.accept());
            eventually("the accept waits", () -> waiters(listener) == 1);
            first.abort();
            assertThrows(Cancelled.class, () -> rt.blockOn(first));
            assertEquals(0, waiters(listener));
            try (Socket client = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
                TcpStream s = rt.blockOn(listener.accept());
                assertEquals(client.getLocalPort(), s.peerAddress().getPort());
            }
        }
    }

    @Test
    @Tag("stress")
    void connections_should_leak_no_file_descriptor_when_thousands_are_opened_and_closed() {
        try (AsyncRuntime rt = runtime("fds")) {
            TcpListener listener = rt.blockOn(TcpListener.bind(loopback()));
            JoinHandle<Void> server = rt.spawn(new NetTesting.EchoServer(listener));
            IoDriver driver = listener.registration().driver();
            roundTrips(rt, listener, 64, 32);   // warm up: classes loaded, threads started
            eventually("the warm-up's connections closed", () -> driver.openCount() == 1);
            driver.awaitTurn();
            long before = openFds();

            roundTrips(rt, listener, CONNECTIONS, 100);

            eventually("every connection closed on both sides", () -> driver.openCount() == 1);
            driver.awaitTurn();   // the selector releases the descriptors of closed, registered sockets
            long after = openFds();
            assertEquals(before, after, CONNECTIONS + " connections opened and closed: descriptors before and after");
            server.abort();
        }
    }

    /** {@code n} echo round trips, {@code concurrency} at a time, each its own connection. */
    private static void roundTrips(AsyncRuntime rt, TcpListener listener, int n, int concurrency) {
        for (int done = 0; done < n; done += concurrency) {
            List<Future<byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(concurrency, n - done); i++) {
                batch.add(rt.spawn(new NetTesting.RoundTrip(listener.localAddress(), new byte[] {(byte) i, 42})));
            }
            List<byte[]> replies = rt.blockOn(Futures.joinAll(batch));
            for (int i = 0; i < replies.size(); i++) {
                assertArrayEquals(new byte[] {(byte) i, 42}, replies.get(i));
            }
        }
    }

    @Test
    void runtime_shutdown_should_close_every_socket_and_wake_tasks_waiting_on_them() {
        AsyncRuntime a = runtime("owner");
        try (AsyncRuntime b = runtime("other")) {
            TcpListener listener = a.blockOn(TcpListener.bind(loopback()));
            JoinHandle<TcpStream> accepted = a.spawn(listener.accept());
            TcpStream client = a.blockOn(TcpStream.connect(listener.localAddress()));
            TcpStream server = a.blockOn(accepted);
            JoinHandle<Integer> ownTask = a.spawn(server.read(ByteBuffer.allocate(8)));
            JoinHandle<Integer> otherRuntimesTask = b.spawn(client.read(ByteBuffer.allocate(8)));
            JoinHandle<TcpStream> accepting = a.spawn(listener.accept());
            eventually("three tasks wait", () -> server.engine.reg.hasWaiters(IoRegistration.READ)
                    && client.engine.reg.hasWaiters(IoRegistration.READ) && waiters(listener) == 1);

            a.close();

            assertTrue(listener.isClosed() && client.isClosed() && server.isClosed(), "every socket was closed");
            assertThrows(Cancelled.class, () -> b.blockOn(ownTask));
            assertThrows(Cancelled.class, () -> b.blockOn(accepting));
            SocketException e = assertThrows(SocketException.class, () -> b.blockOn(otherRuntimesTask));
            assertTrue(e.getMessage().contains("runtime 'owner' shut down"), e.getMessage());
            TcpListener again = b.blockOn(TcpListener.bind(listener.localAddress()));
            assertEquals(listener.localAddress(), again.localAddress(), "the port was freed");
            assertNotEquals(0, again.localAddress().getPort());
            assertFalse(again.isClosed());
        }
    }

    private static int waiters(TcpListener listener) {
        IoRegistration reg = listener.registration();
        return reg.waiterCount(IoRegistration.READ);
    }
}

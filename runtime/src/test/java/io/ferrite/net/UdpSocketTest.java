package io.ferrite.net;

import static io.ferrite.net.NetTesting.ascii;
import static io.ferrite.net.NetTesting.eventually;
import static io.ferrite.net.NetTesting.loopback;
import static io.ferrite.net.NetTesting.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.driver.IoRegistration;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpSocketTest {

    AsyncRuntime rt;
    UdpSocket a;
    UdpSocket b;

    @BeforeEach
    void start() {
        rt = runtime("udp");
        a = rt.blockOn(UdpSocket.bind(loopback()));
        b = rt.blockOn(UdpSocket.bind(loopback()));
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void receive_should_get_the_datagram_and_its_sender_when_another_socket_sends() {
        JoinHandle<InetSocketAddress> receiving = rt.spawn(b.receive(ByteBuffer.allocate(64)));
        ByteBuffer into = ByteBuffer.allocate(64);
        JoinHandle<InetSocketAddress> second = rt.spawn(b.receive(into));
        assertEquals(5, rt.blockOn(a.send(ascii("hello"), b.localAddress())));
        assertEquals(5, rt.blockOn(a.send(ascii("again"), b.localAddress())));
        assertEquals(a.localAddress(), rt.blockOn(receiving));
        assertEquals(a.localAddress(), rt.blockOn(second));
    }

    @Test
    void send_should_go_to_the_peer_when_the_socket_is_connected() throws Exception {
        a.connect(b.localAddress());
        assertEquals(b.localAddress(), a.peerAddress());
        rt.blockOn(a.send(ascii("ping")));
        ByteBuffer got = ByteBuffer.allocate(16);
        assertEquals(a.localAddress(), rt.blockOn(b.receive(got)));
        assertEquals("ping", ascii(got));
    }

    @Test
    void receive_should_cut_a_datagram_to_the_buffer_when_it_is_too_long() {
        rt.blockOn(a.send(ascii("0123456789"), b.localAddress()));
        ByteBuffer small = ByteBuffer.allocate(4);
        rt.blockOn(b.receive(small));
        assertEquals("0123", ascii(small));
    }

    @Test
    void close_should_wake_a_waiting_receive_with_socket_exception() {
        JoinHandle<InetSocketAddress> receiving = rt.spawn(b.receive(ByteBuffer.allocate(8)));
        eventually("the receive waits", () -> b.registration().hasWaiters(IoRegistration.READ));
        b.close();
        SocketException e = assertThrows(SocketException.class, () -> rt.blockOn(receiving));
        assertTrue(e.getMessage().startsWith("Socket closed (receive on " + b.localAddress()), e.getMessage());
    }

    @Test
    void abort_should_leave_the_socket_usable_when_a_receive_waits() {
        JoinHandle<InetSocketAddress> receiving = rt.spawn(b.receive(ByteBuffer.allocate(8)));
        receiving.abort();
        assertThrows(Cancelled.class, () -> rt.blockOn(receiving));
        rt.blockOn(a.send(ascii("x"), b.localAddress()));
        assertEquals(a.localAddress(), rt.blockOn(b.receive(ByteBuffer.allocate(8))));
    }

    @Test
    void bind_should_fail_with_bind_exception_naming_the_address_when_it_is_in_use() {
        BindException e = assertThrows(BindException.class, () -> rt.blockOn(UdpSocket.bind(a.localAddress())));
        assertTrue(e.getMessage().contains("bind " + a.localAddress()), e.getMessage());
    }
}

package io.ferrite.io;

import static io.ferrite.io.Scripted.EOF;
import static io.ferrite.io.Scripted.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.testing.CountingWaker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsyncIoTest {

    @Test
    void copy_should_move_every_byte_and_flush_whenever_the_reader_has_nothing_yet() {
        CountingWaker waker = new CountingWaker();
        Scripted.Writer to = new Scripted.Writer();
        Future<Long> copy = AsyncIo.copy(new Scripted.Reader("abc", PENDING, "defg", EOF), to);
        waker.assertPending(copy);
        assertEquals(1, to.flushes, "flushed while the reader waited");
        assertEquals(7L, waker.assertReady(copy));
        assertEquals("abcdefg", to.text());
        assertEquals(2, to.flushes);
    }

    @Test
    void copyBidirectional_should_relay_both_ways_and_pass_each_end_of_stream_on() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).threadNamePrefix("relay").build()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            TcpStream[] left = pair(rt, listener);
            TcpStream[] right = pair(rt, listener);
            JoinHandle<AsyncIo.Transferred> relay = rt.spawn(AsyncIo.copyBidirectional(left[1], right[0]));

            rt.blockOn(left[0].writeAll(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))));
            left[0].shutdownOutput();
            assertEquals("hello", new String(rt.blockOn(right[1].readToEnd()), StandardCharsets.UTF_8),
                    "the bytes and then the end reached the far side");
            rt.blockOn(right[1].writeAll(ByteBuffer.wrap("world!".getBytes(StandardCharsets.UTF_8))));
            right[1].shutdownOutput();
            assertEquals("world!", new String(rt.blockOn(left[0].readToEnd()), StandardCharsets.UTF_8));
            assertEquals(new AsyncIo.Transferred(5, 6), rt.blockOn(relay));
        }
    }

    private static TcpStream[] pair(AsyncRuntime rt, TcpListener listener) {
        JoinHandle<TcpStream> accepted = rt.spawn(listener.accept());
        TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress()));
        return new TcpStream[] {client, rt.blockOn(accepted)};
    }

    @Test
    void readToEnd_should_gather_a_stream_longer_than_its_first_buffer() {
        String big = "z".repeat(20_000);
        CountingWaker waker = new CountingWaker();
        Future<byte[]> all = new Scripted.Reader(big.substring(0, 9000), PENDING, big.substring(9000), EOF).readToEnd();
        Poll<byte[]> p;
        do {
            p = all.poll(waker.cx());
        } while (p.isPending());
        assertEquals(big, new String(p.value(), StandardCharsets.UTF_8));
        assertTrue(waker.takeWakes() > 0);
    }
}

package io.ferrite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.CountingWaker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufWriterTest {

    final CountingWaker waker = new CountingWaker();

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    <T> T ready(Future<T> f) {
        Poll<T> p = f.poll(waker.cx());
        assertTrue(p.isReady(), f + " should be ready");
        return p.value();
    }

    @Test
    void writes_should_reach_the_inner_writer_as_one_write_when_flushed() {
        Scripted.Writer raw = new Scripted.Writer();
        BufWriter out = new BufWriter(raw, 64);
        for (String s : new String[] {"one ", "two ", "three"}) {
            ready(out.writeAll(bytes(s)));
        }
        assertEquals(0, raw.writes.size(), "nothing left before the flush");
        assertEquals(13, out.buffered());
        ready(out.flush());
        assertEquals(List.of(13), raw.writes);
        assertEquals("one two three", raw.text());
        assertEquals(1, raw.flushes);
    }

    @Test
    void write_should_drain_the_buffer_first_when_the_bytes_do_not_fit() {
        Scripted.Writer raw = new Scripted.Writer();
        BufWriter out = new BufWriter(raw, 8);
        ready(out.writeAll(bytes("abcdef")));
        ready(out.writeAll(bytes("ghij")));
        assertEquals(List.of(6), raw.writes, "the first six left to make room");
        assertEquals(4, out.buffered());
    }

    @Test
    void write_should_bypass_the_buffer_when_it_is_at_least_as_large() {
        Scripted.Writer raw = new Scripted.Writer();
        BufWriter out = new BufWriter(raw, 8);
        ready(out.writeAll(bytes("0123456789")));
        assertEquals(List.of(10), raw.writes);
        assertEquals(0, out.buffered());
    }

    @Test
    void flush_should_wait_while_the_inner_writer_is_full_and_lose_nothing() {
        Scripted.Writer raw = new Scripted.Writer();
        raw.maxPerWrite = 3;
        BufWriter out = new BufWriter(raw, 16);
        ready(out.writeAll(bytes("0123456789")));
        raw.full = true;
        Future<Void> flush = out.flush();
        waker.assertPending(flush);
        flush.cancel();
        assertEquals(10, out.buffered(), "a cancelled flush leaves the bytes buffered");
        raw.drain();
        ready(out.flush());
        assertEquals("0123456789", raw.text());
        assertEquals(List.of(3, 3, 3, 1), raw.writes);
    }

    @Test
    void writeAll_of_several_buffers_should_gather_them_into_the_buffer() {
        Scripted.Writer raw = new Scripted.Writer();
        BufWriter out = new BufWriter(raw, 32);
        ready(out.writeAll(bytes("head "), bytes("body")));
        ready(out.shutdown());
        assertEquals("head body", raw.text());
        assertEquals(List.of(9), raw.writes);
        assertTrue(raw.closed, "shutdown flushed, then closed the inner writer");
    }
}

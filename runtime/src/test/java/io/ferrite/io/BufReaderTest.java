package io.ferrite.io;

import static io.ferrite.io.Scripted.EOF;
import static io.ferrite.io.Scripted.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.stream.AsyncStream;
import io.ferrite.testing.CountingWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BufReaderTest {

    final CountingWaker waker = new CountingWaker();

    /** Polls until ready, as a task woken after each pending would be. */
    <T> T drive(Future<T> f) {
        for (int i = 0; i < 1000; i++) {
            Poll<T> p = f.poll(waker.cx());
            if (p.isReady()) {
                return p.value();
            }
        }
        throw new AssertionError(f + " never completed");
    }

    @Test
    void readLine_should_return_each_line_without_its_terminator_when_lines_arrive_in_pieces() {
        BufReader in = new BufReader(new Scripted.Reader("he", PENDING, "llo\r\nwor", "ld\n", PENDING, "\nlast", EOF));
        assertEquals("hello", drive(in.readLine()));
        assertEquals("world", drive(in.readLine()));
        assertEquals("", drive(in.readLine()));
        assertEquals("last", drive(in.readLine()), "the last line needs no terminator");
        assertNull(drive(in.readLine()));
        assertNull(drive(in.readLine()));
    }

    @Test
    void readLine_should_keep_a_partial_line_when_its_future_is_cancelled() {
        BufReader in = new BufReader(new Scripted.Reader("par", PENDING, "tial\nnext\n"));
        Future<String> first = in.readLine();
        waker.assertPending(first);
        first.cancel();
        assertEquals(3, in.buffered(), "the partial line stays in the reader");
        assertEquals("partial", drive(in.readLine()));
        assertEquals("next", drive(in.readLine()));
    }

    @Test
    void readLine_should_grow_the_buffer_for_a_long_line_and_fail_past_the_limit() {
        String longLine = "x".repeat(50);
        BufReader in = new BufReader(new Scripted.Reader(longLine + "\n", "y".repeat(70), EOF), 8, 64,
                StandardCharsets.UTF_8);
        assertEquals(longLine, drive(in.readLine()), "longer than the buffer, within the limit");
        IOException e = assertThrows(IOException.class, () -> drive(in.readLine()));
        assertTrue(e.getMessage().contains("Line longer than 64 bytes"), e.getMessage());
    }

    @Test
    void lines_should_yield_every_line_then_end_for_good() {
        AsyncStream<String> lines = new BufReader(new Scripted.Reader("a\nb\n", PENDING, "c", EOF)).lines();
        assertEquals("a", drive(lines.next()));
        assertEquals("b", drive(lines.next()));
        assertEquals("c", drive(lines.next()));
        assertNull(drive(lines.next()));
        assertNull(drive(lines.next()));
    }

    @Test
    void lines_should_decode_utf8_across_chunk_boundaries() {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        Scripted.Reader raw = new Scripted.Reader();
        raw.script.add(new byte[] {euro[0]});
        raw.script.add(Scripted.PENDING);
        raw.script.add(new byte[] {euro[1], euro[2], euro[3]});
        assertEquals("€", drive(new BufReader(raw).readLine()));
    }

    @Test
    void read_should_serve_small_reads_from_one_inner_read() {
        Scripted.Reader raw = new Scripted.Reader("0123456789", EOF);
        BufReader in = new BufReader(raw);
        StringBuilder got = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < 10; i++) {
            assertEquals(1, drive(in.read(one.clear())));
            got.append((char) one.get(0));
        }
        assertEquals("0123456789", got.toString());
        assertEquals(1, raw.calls, "ten reads, one inner read");
        assertEquals(-1, drive(in.read(one.clear())));
    }

    @Test
    void read_should_go_straight_to_the_inner_reader_when_the_buffer_is_empty_and_the_read_large() {
        Scripted.Reader raw = new Scripted.Reader("abcdefgh", EOF);
        BufReader in = new BufReader(raw, 4, 16, StandardCharsets.UTF_8);
        ByteBuffer big = ByteBuffer.allocate(8);
        assertEquals(8, drive(in.read(big)));
        assertEquals(0, in.buffered());
        assertEquals("abcdefgh", new String(big.array(), StandardCharsets.UTF_8));
    }
}

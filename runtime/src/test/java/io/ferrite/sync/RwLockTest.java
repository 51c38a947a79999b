package io.ferrite.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class RwLockTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final CountingWaker w3 = new CountingWaker();

    @Test
    void read_should_admit_many_readers_at_once() {
        RwLock<String> l = new RwLock<>("x");
        RwLock.ReadGuard<String> a = w1.assertReady(l.read());
        RwLock.ReadGuard<String> b = w2.assertReady(l.read());
        assertEquals("x", a.get());
        assertEquals("x", b.get());
        assertNull(l.tryWrite());
        a.close();
        b.close();
        assertNotNull(l.tryWrite());
    }

    @Test
    void write_should_wait_for_readers_and_later_readers_should_queue_behind_it() {
        RwLock<String> l = new RwLock<>("old");
        RwLock.ReadGuard<String> r1 = l.tryRead();
        Future<RwLock.WriteGuard<String>> writer = l.write();
        Future<RwLock.ReadGuard<String>> lateReader = l.read();
        w1.assertPending(writer);
        w2.assertPending(lateReader);
        assertNull(l.tryRead(), "a waiting writer blocks new readers: no writer starvation");
        r1.close();
        assertTrue(w1.woken());
        assertFalse(w2.woken());
        RwLock.WriteGuard<String> wg = w1.assertReady(writer);
        wg.set("new");
        wg.close();
        assertTrue(w2.woken());
        assertEquals("new", w2.assertReady(lateReader).get());
    }

    @Test
    void cancel_should_let_queued_readers_in_when_a_waiting_writer_is_cancelled() {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r1 = l.tryRead();
        Future<RwLock.WriteGuard<Integer>> writer = l.write();
        Future<RwLock.ReadGuard<Integer>> reader = l.read();
        w1.assertPending(writer);
        w2.assertPending(reader);
        writer.cancel();
        assertTrue(w2.woken(), "the reader behind the cancelled writer may go");
        w2.assertReady(reader).close();
        r1.close();
        assertNotNull(l.tryWrite(), "the writer's collected permits were all given back");
    }

    @Test
    void cancel_should_pass_the_lock_on_when_a_writer_is_cancelled_after_it_was_granted() {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.WriteGuard<Integer> held = l.tryWrite();
        Future<RwLock.WriteGuard<Integer>> writer = l.write();
        Future<RwLock.ReadGuard<Integer>> reader = l.read();
        w1.assertPending(writer);
        w2.assertPending(reader);
        held.close();                      // granted to writer
        assertTrue(w1.woken());
        writer.cancel();
        assertTrue(w2.woken());
        w2.assertReady(reader).close();
        assertNotNull(l.tryWrite());
    }

    @Test
    void cancel_should_leave_the_queue_when_a_waiting_reader_is_cancelled() {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.WriteGuard<Integer> held = l.tryWrite();
        Future<RwLock.ReadGuard<Integer>> reader = l.read();
        Future<RwLock.WriteGuard<Integer>> writer = l.write();
        w1.assertPending(reader);
        w2.assertPending(writer);
        held.close();                      // granted to the reader first
        assertTrue(w1.woken());
        reader.cancel();
        assertTrue(w2.woken(), "the cancelled reader's permit completed the writer's set");
        w2.assertReady(writer).close();
        assertNotNull(l.tryWrite());
    }

    @Test
    void guards_should_reject_access_when_closed() {
        RwLock<Integer> l = new RwLock<>(1);
        RwLock.ReadGuard<Integer> r = l.tryRead();
        r.close();
        assertThrows(IllegalStateException.class, r::get);
        RwLock.WriteGuard<Integer> w = l.tryWrite();
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.set(2));
        assertNotNull(l.tryWrite());
    }
}

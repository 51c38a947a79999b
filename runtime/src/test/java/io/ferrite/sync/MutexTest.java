package io.ferrite.sync;

import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutexTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final CountingWaker w3 = new CountingWaker();

    @Test
    void lock_should_give_the_value_and_unlock_on_close() {
        Mutex<Integer> m = new Mutex<>(1);
        try (Mutex.Guard<Integer> g = w1.assertReady(m.lock())) {
            assertTrue(m.isLocked());
            g.set(g.get() + 1);
        }
        assertFalse(m.isLocked());
        assertEquals(2, w1.assertReady(m.lock()).get());
    }

    @Test
    void lock_should_wait_while_held_and_hand_over_in_order_when_unlocked() {
        Mutex<String> m = new Mutex<>("v0");
        Mutex.Guard<String> g = m.tryLock();
        Future<Mutex.Guard<String>> a = m.lock();
        Future<Mutex.Guard<String>> b = m.lock();
        w1.assertPending(a);
        w2.assertPending(b);
        g.set("v1");
        g.close();
        assertTrue(w1.woken());
        assertFalse(w2.woken());
        Mutex.Guard<String> ga = w1.assertReady(a);
        assertEquals("v1", ga.get(), "the holder's write is visible to the next");
        w2.assertPending(b);
        ga.close();
        assertTrue(w2.woken());
        w2.assertReady(b).close();
    }

    @Test
    void tryLock_should_return_null_when_held_or_waited_for() {
        Mutex<Void> m = new Mutex<>();
        Mutex.Guard<Void> g = m.tryLock();
        assertNotNull(g);
        assertNull(m.tryLock());
        Future<Mutex.Guard<Void>> waiter = m.lock();
        w1.assertPending(waiter);
        g.close();
        assertNull(m.tryLock(), "the lock went to the waiter");
        w1.assertReady(waiter).close();
        assertNotNull(m.tryLock());
    }

    @Test
    void cancel_should_hand_the_lock_to_the_next_waiter_when_cancelled_after_it_was_granted() {
        Mutex<Void> m = new Mutex<>();
        Mutex.Guard<Void> g = m.tryLock();
        Future<Mutex.Guard<Void>> a = m.lock();
        Future<Mutex.Guard<Void>> b = m.lock();
        w1.assertPending(a);
        w2.assertPending(b);
        g.close();                         // granted to a
        a.cancel();                        // a lost a select before polling again
        assertTrue(w2.woken());
        w2.assertReady(b).close();
        assertFalse(m.isLocked(), "the cancelled waiter never held the lock");
    }

    @Test
    void cancel_should_leave_the_queue_when_the_lock_is_still_held() {
        Mutex<Void> m = new Mutex<>();
        Mutex.Guard<Void> g = m.tryLock();
        Future<Mutex.Guard<Void>> a = m.lock();
        w1.assertPending(a);
        a.cancel();
        g.close();
        assertFalse(w1.woken());
        assertFalse(m.isLocked());
    }

    @Test
    void guard_should_reject_access_and_ignore_a_second_close_when_closed() {
        Mutex<Integer> m = new Mutex<>(7);
        Mutex.Guard<Integer> g = m.tryLock();
        g.close();
        Mutex.Guard<Integer> other = m.tryLock();
        g.close();                          // must not unlock other's hold
        assertTrue(m.isLocked());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::get);
        assertTrue(e.getMessage().contains("try-with-resources"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> g.set(1));
        other.close();
    }

    @Test
    void mutex_should_count_every_increment_when_threads_contend() throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        int threads = 4;
        int rounds = 2_000;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    try (Mutex.Guard<long[]> g = blockOn(m.lock())) {
                        long[] c = g.get();
                        c[0] = c[0] + 1;   // a lost update would show if exclusion failed
                    }
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        assertEquals((long) threads * rounds, blockOn(m.lock()).get()[0]);
    }
}

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
import java.util.concurrent.CountDownLatch;
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

    @Test
    void lock_should_never_lose_the_lock_or_an_update_when_threads_race_fast_path_grants_and_cancels()
            throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        int threads = 4;
        int rounds = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        long[] acquired = new long[threads];
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                CountingWaker w = new CountingWaker();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    Future<Mutex.Guard<long[]>> f = m.lock();
                    io.ferrite.Poll<Mutex.Guard<long[]>> p = w.poll(f);   // the one-CAS fast path, or a wait node
                    if (p.isPending() && i % 3 != 0) {
                        p = w.poll(f);                                    // the hand-over may have come meanwhile
                    }
                    if (p.isReady()) {
                        try (Mutex.Guard<long[]> g = p.value()) {
                            g.get()[0]++;                                 // a lost update would show if exclusion failed
                        }
                        acquired[me]++;
                    } else {
                        f.cancel();                                       // a select or timeout gave up on it
                    }
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        long total = 0;
        for (int t = 0; t < threads; t++) {
            all.get(t).join();
            total += acquired[t];
        }
        assertFalse(m.isLocked(), "a cancelled lock must not keep the mutex");
        Mutex.Guard<long[]> g = m.tryLock();
        assertNotNull(g, "no waiter left behind by a cancel");
        assertEquals(total, g.get()[0]);
        assertTrue(total > 0);
        g.close();
    }

    @Test
    void lock_should_throw_when_polled_again_after_the_fast_path_completed() {
        Mutex<String> m = new Mutex<>("v");
        Future<Mutex.Guard<String>> f = m.lock();
        Mutex.Guard<String> g = w1.poll(f).value();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w1.poll(f));
        assertTrue(e.getMessage().contains("lock() again"), e.getMessage());
        g.close();
        assertFalse(m.isLocked());
    }
}

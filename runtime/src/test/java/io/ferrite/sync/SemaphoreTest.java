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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SemaphoreTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final CountingWaker w3 = new CountingWaker();

    @Test
    void acquire_should_complete_at_once_when_a_permit_is_free() {
        Semaphore s = new Semaphore(2);
        Semaphore.Permit p = w1.assertReady(s.acquire());
        assertEquals(1, p.count());
        assertEquals(1, s.availablePermits());
        p.close();
        assertEquals(2, s.availablePermits());
    }

    @Test
    void acquire_should_wait_then_be_woken_when_a_permit_is_released() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = s.tryAcquire();
        Future<Semaphore.Permit> waiting = s.acquire();
        w1.assertPending(waiting);
        assertFalse(w1.woken());
        held.close();
        assertTrue(w1.woken());
        assertNotNull(w1.assertReady(waiting));
        assertEquals(0, s.availablePermits(), "the released permit went to the waiter, not the free count");
    }

    @Test
    void waiters_should_be_served_in_the_order_they_waited_when_permits_come_back_one_by_one() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = s.tryAcquire();
        Future<Semaphore.Permit> a = s.acquire();
        Future<Semaphore.Permit> b = s.acquire();
        w1.assertPending(a);
        w2.assertPending(b);
        held.close();
        assertTrue(w1.woken());
        assertFalse(w2.woken());
        Semaphore.Permit pa = w1.assertReady(a);
        w2.assertPending(b);
        pa.close();
        assertTrue(w2.woken());
        w2.assertReady(b).close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void acquireMany_should_keep_its_place_and_block_smaller_later_waiters_when_permits_trickle_in() {
        Semaphore s = new Semaphore(3);
        Semaphore.Permit held = s.tryAcquireMany(3);
        Future<Semaphore.Permit> big = s.acquireMany(3);
        Future<Semaphore.Permit> small = s.acquire();
        w1.assertPending(big);
        w2.assertPending(small);
        s.addPermits(1);
        s.addPermits(1);
        w1.assertPending(big);
        w2.assertPending(small);
        assertFalse(w2.woken(), "the small waiter may not overtake the big one");
        assertNull(s.tryAcquire(), "tryAcquire may not overtake the queue either");
        held.forget();
        s.addPermits(1);
        assertTrue(w1.woken());
        Semaphore.Permit p = w1.assertReady(big);
        assertEquals(3, p.count());
        p.close();
        assertTrue(w2.woken());
        w2.assertReady(small).close();
        assertEquals(3, s.availablePermits());
    }

    @Test
    void tryAcquire_should_return_null_when_no_permit_is_free() {
        Semaphore s = new Semaphore(0);
        assertNull(s.tryAcquire());
        s.addPermits(1);
        assertNotNull(s.tryAcquire());
    }

    @Test
    void cancel_should_leave_the_queue_when_the_acquire_is_pending() {
        Semaphore s = new Semaphore(0);
        Future<Semaphore.Permit> a = s.acquire();
        Future<Semaphore.Permit> b = s.acquire();
        w1.assertPending(a);
        w2.assertPending(b);
        a.cancel();
        s.addPermits(1);
        assertFalse(w1.woken(), "a cancelled waiter is not woken");
        assertTrue(w2.woken());
        w2.assertReady(b);
    }

    @Test
    void cancel_should_hand_the_permit_on_when_it_was_granted_but_not_yet_observed() {
        Semaphore s = new Semaphore(0);
        Future<Semaphore.Permit> a = s.acquire();
        Future<Semaphore.Permit> b = s.acquire();
        w1.assertPending(a);
        w2.assertPending(b);
        s.addPermits(1);               // granted to a, which has not polled yet
        assertTrue(w1.woken());
        a.cancel();                    // e.g. select picked another branch
        assertTrue(w2.woken(), "the permit passed on to the next waiter");
        w2.assertReady(b).close();
        assertEquals(1, s.availablePermits(), "no permit was lost");
    }

    @Test
    void cancel_should_return_collected_permits_when_a_big_acquire_is_cancelled_midway() {
        Semaphore s = new Semaphore(0);
        Future<Semaphore.Permit> big = s.acquireMany(3);
        Future<Semaphore.Permit> small = s.acquire();
        w1.assertPending(big);
        w2.assertPending(small);
        s.addPermits(2);               // collected by big, which still needs one
        assertFalse(w2.woken());
        big.cancel();
        assertTrue(w2.woken());
        w2.assertReady(small);
        assertEquals(1, s.availablePermits(), "of the two collected permits, one went to small, one is free");
    }

    @Test
    void cancel_should_do_nothing_when_the_acquire_never_waited() {
        Semaphore s = new Semaphore(1);
        Future<Semaphore.Permit> never = s.acquire();
        never.cancel();
        Future<Semaphore.Permit> done = s.acquire();
        Semaphore.Permit p = w1.assertReady(done);
        done.cancel();                 // completed: its permit belongs to p now
        assertEquals(0, s.availablePermits());
        p.close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void poll_should_wake_the_latest_waker_when_repolled_with_another_one() {
        Semaphore s = new Semaphore(0);
        Future<Semaphore.Permit> a = s.acquire();
        w1.assertPending(a);
        w2.assertPending(a);
        s.addPermits(1);
        assertFalse(w1.woken());
        assertTrue(w2.woken());
    }

    @Test
    void close_should_fail_waiters_and_later_acquires_but_keep_held_permits_valid() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = s.tryAcquire();
        Future<Semaphore.Permit> waiting = s.acquire();
        w1.assertPending(waiting);
        s.close();
        assertTrue(s.isClosed());
        assertTrue(w1.woken());
        assertThrows(Semaphore.ClosedException.class, () -> w1.poll(waiting));
        assertThrows(Semaphore.ClosedException.class, () -> w2.poll(s.acquire()));
        assertThrows(Semaphore.ClosedException.class, s::tryAcquire);
        held.close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void close_should_only_release_once_when_a_permit_is_closed_twice() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit p = s.tryAcquire();
        p.close();
        p.close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void forget_should_keep_the_permit_out_until_addPermits() {
        Semaphore s = new Semaphore(1);
        s.tryAcquire().forget();
        assertEquals(0, s.availablePermits());
        s.addPermits(1);
        assertEquals(1, s.availablePermits());
    }

    @Test
    void addPermits_should_fail_when_the_count_would_exceed_the_maximum() {
        Semaphore s = new Semaphore(Semaphore.MAX_PERMITS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.addPermits(1));
        assertTrue(e.getMessage().contains("MAX_PERMITS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> s.acquireMany(Semaphore.MAX_PERMITS + 1));
    }

    @Test
    void acquireMany_should_complete_at_once_when_asking_for_zero_even_behind_waiters() {
        Semaphore s = new Semaphore(0);
        w1.assertPending(s.acquire());
        assertEquals(0, w2.assertReady(s.acquireMany(0)).count());
    }

    @Test
    void poll_should_throw_when_polled_after_completion() {
        Semaphore s = new Semaphore(1);
        Future<Semaphore.Permit> a = s.acquire();
        w1.assertReady(a);
        assertThrows(IllegalStateException.class, () -> w1.poll(a));
    }

    @Test
    void semaphore_should_never_admit_more_than_its_permits_when_threads_contend() throws Exception {
        Semaphore s = new Semaphore(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int threads = 4;
        int rounds = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    try (Semaphore.Permit p = blockOn(s.acquire())) {
                        int now = inside.incrementAndGet();
                        maxInside.accumulateAndGet(now, Math::max);
                        inside.decrementAndGet();
                    }
                    done.incrementAndGet();
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertEquals(threads * rounds, done.get());
        assertTrue(maxInside.get() <= 2, "at most 2 inside, saw " + maxInside.get());
        assertEquals(2, s.availablePermits());
    }

    @Test
    void cancel_should_never_lose_a_permit_when_threads_race_grants_against_cancels() throws Exception {
        Semaphore s = new Semaphore(2);
        int threads = 4;
        int rounds = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger acquired = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int many = 1 + (t % 2);
            Thread th = new Thread(() -> {
                CountingWaker w = new CountingWaker();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    Future<Semaphore.Permit> f = s.acquireMany(many);
                    io.ferrite.Poll<Semaphore.Permit> p = w.poll(f);
                    if (p.isPending() && i % 3 != 0) {
                        p = w.poll(f);            // a second look: the grant may have come meanwhile
                    }
                    if (p.isReady()) {
                        acquired.incrementAndGet();
                        p.value().close();
                    } else {
                        f.cancel();               // a select or timeout gave up on it
                    }
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertEquals(2, s.availablePermits(), "every permit came back, whatever was cancelled when");
        assertTrue(acquired.get() > 0);
    }

    @Test
    void merge_should_give_both_counts_back_together_when_the_merged_permit_is_closed() {
        Semaphore s = new Semaphore(3);
        Semaphore.Permit one = s.tryAcquire();
        Semaphore.Permit two = s.tryAcquireMany(2);
        one.merge(two);
        assertEquals(3, one.count());
        assertEquals(0, two.count());
        two.close();                                  // holds nothing now
        assertEquals(0, s.availablePermits());
        one.close();
        assertEquals(3, s.availablePermits());
    }

    @Test
    void merge_should_hand_the_merged_count_to_a_waiter_when_closed() {
        Semaphore s = new Semaphore(2);
        Semaphore.Permit one = s.tryAcquire();
        one.merge(s.tryAcquire());
        Future<Semaphore.Permit> both = s.acquireMany(2);
        w1.assertPending(both);
        one.close();
        assertTrue(w1.woken());
        assertEquals(2, w1.assertReady(both).count());
    }

    @Test
    void merge_should_refuse_itself_another_semaphore_and_a_permit_already_given_back() {
        Semaphore s = new Semaphore(3);
        Semaphore.Permit p = s.tryAcquire();
        assertThrows(IllegalArgumentException.class, () -> p.merge(p));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> p.merge(new Semaphore(1).tryAcquire()));
        assertTrue(other.getMessage().contains("another semaphore"), other.getMessage());
        Semaphore.Permit closed = s.tryAcquire();
        closed.close();
        assertThrows(IllegalStateException.class, () -> p.merge(closed));
        assertEquals(1, p.count());
        assertEquals(2, s.availablePermits());
    }
}

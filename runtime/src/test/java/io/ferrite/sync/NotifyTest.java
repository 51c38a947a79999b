package io.ferrite.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class NotifyTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();
    private final CountingWaker w3 = new CountingWaker();

    @Test
    void notified_should_complete_at_once_when_notifyOne_came_first() {
        Notify n = new Notify();
        n.notifyOne();
        n.notifyOne();                       // still one stored permit, not two
        w1.assertReady(n.notified());
        w2.assertPending(n.notified());
    }

    @Test
    void notifyOne_should_wake_the_longest_waiting_only() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        w1.assertPending(a);
        w2.assertPending(b);
        n.notifyOne();
        assertTrue(w1.woken());
        assertFalse(w2.woken());
        w1.assertReady(a);
        w2.assertPending(b);
        n.notifyOne();
        assertTrue(w2.woken());
        w2.assertReady(b);
    }

    @Test
    void notifyWaiters_should_complete_every_earlier_future_and_store_nothing() {
        Notify n = new Notify();
        Future<Void> polled = n.notified();
        Future<Void> notYetPolled = n.notified();
        w1.assertPending(polled);
        n.notifyWaiters();
        assertTrue(w1.woken());
        w1.assertReady(polled);
        w2.assertReady(notYetPolled);        // made before the call: notified too
        w3.assertPending(n.notified());       // made after: waits
    }

    @Test
    void cancel_should_pass_a_notifyOne_on_when_the_chosen_waiter_is_cancelled_before_seeing_it() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        w1.assertPending(a);
        w2.assertPending(b);
        n.notifyOne();                       // chosen: a
        a.cancel();
        assertTrue(w2.woken(), "the notification passed on to b");
        w2.assertReady(b);
    }

    @Test
    void cancel_should_store_the_permit_again_when_the_cancelled_waiter_was_the_only_one() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        w1.assertPending(a);
        n.notifyOne();
        a.cancel();
        w2.assertReady(n.notified());
    }

    @Test
    void cancel_should_leave_the_queue_so_the_next_notifyOne_stores_a_permit() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        w1.assertPending(a);
        a.cancel();
        n.notifyOne();
        assertFalse(w1.woken());
        w2.assertReady(n.notified());
    }

    @Test
    void poll_should_throw_when_polled_after_completion() {
        Notify n = new Notify();
        n.notifyOne();
        Future<Void> a = n.notified();
        w1.assertReady(a);
        assertThrows(IllegalStateException.class, () -> w1.poll(a));
    }
}

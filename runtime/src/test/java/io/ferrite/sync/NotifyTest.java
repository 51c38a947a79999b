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

    @Test
    void enable_should_make_a_later_notifyOne_reach_this_future_instead_of_being_stored() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        assertFalse(a.enable());             // queued, not polled
        n.notifyOne();
        w2.assertPending(n.notified());       // nothing was stored for a newcomer
        assertTrue(a.enable());
        w1.assertReady(a);
    }

    @Test
    void enable_should_take_a_stored_permit_at_once() {
        Notify n = new Notify();
        n.notifyOne();
        Notify.Notified a = n.notified();
        assertTrue(a.enable());
        w2.assertPending(n.notified());       // the permit was taken by a
        w1.assertReady(a);
    }

    @Test
    void enable_should_report_a_notifyWaiters_made_after_the_future_was_created() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        n.notifyWaiters();
        assertTrue(a.enable());
        w1.assertReady(a);
    }

    @Test
    void poll_should_register_its_waker_when_the_future_was_enabled_first() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        a.enable();
        w1.assertPending(a);
        n.notifyOne();
        assertTrue(w1.woken());
        w1.assertReady(a);
    }

    @Test
    void cancel_should_pass_a_notifyOne_on_when_an_enabled_future_that_received_it_is_cancelled() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        a.enable();
        Future<Void> b = n.notified();
        w2.assertPending(b);
        n.notifyOne();                        // a was queued first: it is chosen
        a.cancel();
        assertTrue(w2.woken(), "the notification passed on to b");
        w2.assertReady(b);
    }

    @Test
    void cancel_should_not_pass_on_a_notification_that_enable_had_reported() {
        Notify n = new Notify();
        n.notifyOne();
        Notify.Notified a = n.notified();
        assertTrue(a.enable());               // the caller knows: the permit is a's
        a.cancel();
        w1.assertPending(n.notified());
    }

    @Test
    void close_should_pass_on_a_notifyOne_that_reached_an_enabled_future_nobody_awaited() {
        Notify n = new Notify();
        try (Notify.Notified a = n.notified()) {
            assertFalse(a.enable());
            n.notifyOne();                    // reaches a, which is never awaited
        }
        w1.assertReady(n.notified());         // passed on: stored for the next waiter
    }
}

package io.ferrite.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class WatchTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();

    @Test
    void recv_should_return_the_latest_value_skipping_intermediate_ones() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        assertEquals(0, ch.receiver().get());
        Future<Integer> next = ch.receiver().recv();
        w1.assertPending(next);                 // the initial value counts as seen
        ch.sender().send(1);
        ch.sender().send(2);
        assertTrue(w1.woken());
        assertEquals(2, w1.assertReady(next));
        w1.assertPending(ch.receiver().recv());
    }

    @Test
    void changed_should_be_true_on_a_new_value_and_false_when_the_sender_closes() {
        Watch.Channel<String> ch = Watch.channel("a");
        Watch.Receiver<String> rx = ch.receiver();
        ch.sender().send("b");
        assertTrue(rx.hasChanged());
        assertEquals(Boolean.TRUE, w1.assertReady(rx.changed()));
        assertFalse(rx.hasChanged());
        assertEquals("b", rx.get());
        Future<Boolean> end = rx.changed();
        w1.assertPending(end);
        ch.sender().close();
        assertTrue(w1.woken());
        assertEquals(Boolean.FALSE, w1.assertReady(end));
        assertNull(w1.assertReady(rx.recv()));
    }

    @Test
    void recv_should_deliver_the_last_unseen_value_before_the_end() {
        Watch.Channel<String> ch = Watch.channel("a");
        ch.sender().send("final");
        ch.sender().close();
        assertEquals("final", w1.assertReady(ch.receiver().recv()));
        assertNull(w1.assertReady(ch.receiver().recv()));
    }

    @Test
    void each_receiver_should_track_what_it_has_seen() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        Watch.Receiver<Integer> other = ch.sender().subscribe();
        ch.sender().send(1);
        assertEquals(1, w1.assertReady(ch.receiver().recv()));
        assertTrue(other.hasChanged());
        assertEquals(1, other.getAndUpdate());
        assertFalse(other.hasChanged());
    }

    @Test
    void send_should_hand_the_value_back_when_no_receiver_is_left() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        ch.receiver().close();
        SendResult<Integer> r = ch.sender().send(5);
        assertTrue(r.isClosed());
        assertEquals(5, r.value());
        assertEquals(0, ch.sender().get(), "the refused value was not stored");
        assertThrows(NullPointerException.class, () -> Watch.channel(null));
    }

    @Test
    void cancel_should_keep_the_change_unseen_when_a_pending_changed_is_cancelled() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        Future<Boolean> c = ch.receiver().changed();
        w1.assertPending(c);
        ch.sender().send(1);
        c.cancel();
        assertTrue(ch.receiver().hasChanged());
        assertEquals(1, w2.assertReady(ch.receiver().recv()));
    }

    @Test
    void cancel_should_keep_the_value_unseen_when_a_pending_recv_is_cancelled() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        Future<Integer> r = ch.receiver().recv();
        w1.assertPending(r);
        r.cancel();
        ch.sender().send(3);
        assertFalse(w1.woken(), "a cancelled recv is not woken");
        assertEquals(3, w2.assertReady(ch.receiver().recv()));
    }

    @Test
    void sendModify_should_apply_every_change_to_the_latest_value_and_notify_receivers() {
        Watch.Channel<Integer> ch = Watch.channel(10);
        Future<Integer> next = ch.receiver().recv();
        w1.assertPending(next);
        assertEquals(11, ch.sender().sendModify(n -> n + 1));
        assertEquals(12, ch.sender().clone().sendModify(n -> n + 1));
        assertTrue(w1.woken());
        assertEquals(12, w1.assertReady(next));
    }

    @Test
    void sendModify_should_store_the_value_even_when_no_receiver_is_subscribed() {
        Watch.Channel<String> ch = Watch.channel("a");
        ch.receiver().close();
        assertTrue(ch.sender().send("lost").isClosed());
        ch.sender().sendModify(v -> v + "b");
        assertEquals("ab", ch.sender().subscribe().get());
    }

    @Test
    void sendModify_should_change_nothing_when_the_function_returns_null_or_throws() {
        Watch.Channel<String> ch = Watch.channel("a");
        assertThrows(NullPointerException.class, () -> ch.sender().sendModify(v -> null));
        assertThrows(IllegalStateException.class, () -> ch.sender().sendModify(v -> {
            throw new IllegalStateException("no");
        }));
        assertFalse(ch.receiver().hasChanged());
        assertEquals("a", ch.receiver().get());
    }

    @Test
    void closed_should_complete_when_the_last_receiver_is_closed() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        Watch.Receiver<Integer> second = ch.receiver().clone();
        Future<Void> gone = ch.sender().closed();
        w1.assertPending(gone);
        ch.receiver().close();
        w1.assertPending(gone);                 // one receiver is left
        second.close();
        assertTrue(w1.woken());
        assertNull(w1.assertReady(gone));
        assertNull(w2.assertReady(ch.sender().closed()), "completes at once when nobody is subscribed");
    }

    @Test
    void closed_cancel_should_stop_the_wait_without_a_wake_later() {
        Watch.Channel<Integer> ch = Watch.channel(0);
        Future<Void> gone = ch.sender().closed();
        w1.assertPending(gone);
        gone.cancel();
        ch.receiver().close();
        assertFalse(w1.woken());
    }
}

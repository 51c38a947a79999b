package io.ferrite.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();

    @Test
    void every_receiver_should_see_every_message_in_order() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        Broadcast.Receiver<String> r1 = ch.receiver();
        Broadcast.Receiver<String> r2 = ch.sender().subscribe();
        Future<String> p1 = r1.recv();
        Future<String> p2 = r2.recv();
        w1.assertPending(p1);
        w2.assertPending(p2);
        assertTrue(ch.sender().send("a").isSent());
        ch.sender().send("b");
        assertTrue(w1.woken());
        assertTrue(w2.woken());
        assertEquals("a", w1.assertReady(p1));
        assertEquals("a", w2.assertReady(p2));
        assertEquals("b", w1.assertReady(r1.recv()));
        assertEquals("b", w2.assertReady(r2.recv()));
    }

    @Test
    void recv_should_report_how_many_were_missed_then_continue_with_the_oldest_kept() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(2);
        for (int i = 1; i <= 5; i++) {
            ch.sender().send(i);
        }
        Broadcast.LaggedException e = assertThrows(Broadcast.LaggedException.class,
                () -> w1.poll(ch.receiver().recv()));
        assertEquals(3, e.missed());
        assertEquals(4, w1.assertReady(ch.receiver().recv()));
        assertEquals(5, ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void subscribe_should_see_only_messages_sent_afterwards() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        ch.sender().send("before");
        Broadcast.Receiver<String> late = ch.sender().subscribe();
        ch.sender().send("after");
        assertEquals("after", w1.assertReady(late.recv()));
        assertEquals("before", w1.assertReady(ch.receiver().recv()));
    }

    @Test
    void recv_should_end_with_null_when_every_sender_is_closed_and_messages_are_seen() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        Broadcast.Sender<String> other = ch.sender().clone();
        ch.sender().send("last");
        ch.sender().close();
        assertEquals("last", w1.assertReady(ch.receiver().recv()));
        Future<String> end = ch.receiver().recv();
        w1.assertPending(end);
        other.close();
        assertTrue(w1.woken());
        assertNull(w1.assertReady(end));
    }

    @Test
    void send_should_hand_the_value_back_when_no_receiver_is_subscribed() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        ch.receiver().close();
        assertEquals(0, ch.sender().receiverCount());
        SendResult<String> r = ch.sender().send("nobody");
        assertTrue(r.isClosed());
        assertEquals("nobody", r.value());
        assertThrows(NullPointerException.class, () -> ch.sender().send(null));
    }

    @Test
    void cancel_should_lose_no_message_when_a_pending_recv_is_cancelled() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        Future<String> r = ch.receiver().recv();
        w1.assertPending(r);
        r.cancel();
        ch.sender().send("kept");
        assertEquals(0, w1.takeWakes(), "a cancelled recv is not woken");
        assertEquals("kept", w1.assertReady(ch.receiver().recv()));
    }

    @Test
    void channel_should_refuse_a_capacity_above_the_limit_with_the_limit_in_the_message() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Broadcast.channel(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains(String.valueOf(Broadcast.MAX_CAPACITY)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Broadcast.channel(Broadcast.MAX_CAPACITY + 1));
        assertThrows(IllegalArgumentException.class, () -> Broadcast.channel(0));
    }

    @Test
    void channel_should_cost_memory_only_for_the_messages_kept_when_the_capacity_is_the_largest() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(Broadcast.MAX_CAPACITY);   // an eager buffer would need GBs
        for (int i = 0; i < 1_000; i++) {
            ch.sender().send(i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, ch.receiver().tryRecv());
        }
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void recv_should_keep_every_message_up_to_the_capacity_while_the_buffer_grows() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(100);
        Broadcast.Receiver<Integer> early = ch.receiver();
        for (int i = 0; i < 70; i++) {
            ch.sender().send(i);
        }
        Broadcast.Receiver<Integer> late = ch.sender().subscribe();
        for (int i = 70; i < 150; i++) {
            ch.sender().send(i);
        }
        Broadcast.LaggedException lag = assertThrows(Broadcast.LaggedException.class, early::tryRecv);
        assertEquals(50, lag.missed());
        for (int i = 50; i < 150; i++) {
            assertEquals(i, early.tryRecv());
        }
        for (int i = 70; i < 150; i++) {
            assertEquals(i, late.tryRecv());
        }
        assertNull(late.tryRecv());
    }
}

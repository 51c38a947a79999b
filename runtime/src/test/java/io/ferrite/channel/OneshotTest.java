package io.ferrite.channel;

import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class OneshotTest {

    private final CountingWaker rxw = new CountingWaker();
    private final CountingWaker txw = new CountingWaker();

    @Test
    void receiver_should_complete_with_the_message_when_sent_before_or_after_waiting() {
        Oneshot.Channel<String> early = Oneshot.channel();
        assertTrue(early.sender().send("now").isSent());
        assertEquals("now", rxw.assertReady(early.receiver()));

        Oneshot.Channel<String> late = Oneshot.channel();
        rxw.assertPending(late.receiver());
        late.sender().send("later");
        assertTrue(rxw.woken());
        assertEquals("later", rxw.assertReady(late.receiver()));
        assertThrows(IllegalStateException.class, () -> rxw.poll(late.receiver()));
    }

    @Test
    void receiver_should_complete_with_null_when_the_sender_is_closed_without_sending() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        rxw.assertPending(ch.receiver());
        ch.sender().close();
        assertTrue(rxw.woken());
        assertNull(rxw.assertReady(ch.receiver()));
    }

    @Test
    void send_should_hand_the_value_back_when_the_receiver_is_closed() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        ch.receiver().close();
        assertTrue(ch.sender().isClosed());
        SendResult<String> r = ch.sender().send("unwanted");
        assertTrue(r.isClosed());
        assertEquals("unwanted", r.value());
    }

    @Test
    void cancel_should_close_the_receiver_and_complete_the_senders_closed_future() {
        Oneshot.Channel<Integer> ch = Oneshot.channel();
        Future<Void> closed = ch.sender().closed();
        txw.assertPending(closed);
        rxw.assertPending(ch.receiver());
        ch.receiver().cancel();               // the receiver lost a select
        assertTrue(txw.woken());
        txw.assertReady(closed);
        assertTrue(ch.sender().send(1).isClosed());
    }

    @Test
    void cancel_of_closed_should_not_touch_the_channel() {
        Oneshot.Channel<Integer> ch = Oneshot.channel();
        Future<Void> closed = ch.sender().closed();
        txw.assertPending(closed);
        closed.cancel();
        ch.receiver().close();
        assertFalse(txw.woken(), "a cancelled closed() is not woken");
        assertTrue(ch.sender().isClosed());
    }

    @Test
    void send_should_throw_when_called_twice_and_reject_null() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        assertThrows(NullPointerException.class, () -> ch.sender().send(null));
        ch.sender().send("one");
        assertThrows(IllegalStateException.class, () -> ch.sender().send("two"));
        assertEquals("one", ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void receiver_should_get_the_message_when_sent_from_another_thread() throws Exception {
        Oneshot.Channel<String> ch = Oneshot.channel();
        Thread t = new Thread(() -> ch.sender().send("from thread"));
        t.start();
        assertEquals("from thread", blockOn(ch.receiver()));
        t.join();
    }

    @Test
    void close_should_keep_a_message_already_sent_for_the_receiver_to_take() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        ch.sender().send("sent before close");
        ch.receiver().close();
        assertTrue(ch.sender().isClosed());
        assertEquals("sent before close", rxw.assertReady(ch.receiver()));
    }

    @Test
    void tryRecv_should_return_a_message_sent_before_close() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        ch.sender().send("kept");
        ch.receiver().close();
        assertEquals("kept", ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void receiver_should_complete_with_null_when_polled_after_close_with_nothing_sent() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        rxw.assertPending(ch.receiver());
        ch.receiver().close();
        assertTrue(ch.sender().send("too late").isClosed());
        assertNull(rxw.assertReady(ch.receiver()));
        assertThrows(IllegalStateException.class, () -> rxw.poll(ch.receiver()));
    }
}

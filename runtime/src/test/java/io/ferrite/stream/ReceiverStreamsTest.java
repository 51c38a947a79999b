package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Poll;
import io.ferrite.channel.Broadcast;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.SendResult;
import io.ferrite.channel.Watch;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverStreamsTest {

    private final CountingWaker w = new CountingWaker();

    @Test
    void mpsc_stream_should_yield_every_message_then_end_when_the_senders_close() {
        Mpsc.UnboundedChannel<String> ch = Mpsc.unboundedChannel();
        AsyncStream<String> s = ch.receiver().stream();
        ch.sender().send("a");
        assertEquals("a", w.assertReady(s.next()));
        w.assertPending(s.next());
        ch.sender().send("b");
        assertTrue(w.woken());
        ch.sender().close();
        assertEquals(List.of("b"), w.assertReady(s.collect()));
    }

    @Test
    void cancelling_an_mpsc_stream_should_close_its_receiver() {
        Mpsc.UnboundedChannel<String> ch = Mpsc.unboundedChannel();
        AsyncStream<String> s = ch.receiver().stream().take(1);
        ch.sender().send("a");
        assertEquals(List.of("a"), w.assertReady(s.collect()));
        SendResult<String> r = ch.sender().send("b");
        assertTrue(r.isClosed(), "take(1) cancelled the stream, which closed the receiver: " + r);
    }

    @Test
    void broadcast_stream_should_fail_with_lagged_and_end_when_it_falls_behind() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(2);
        AsyncStream<Integer> s = ch.receiver().stream();
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        Broadcast.LaggedException e = assertThrows(Broadcast.LaggedException.class, () -> s.pollNext(w.cx()));
        assertEquals(3, e.missed());
        assertEquals(Poll.ready(null), s.pollNext(w.cx()), "a failure ends the stream");
        assertEquals(0, ch.sender().receiverCount(), "and unsubscribes its receiver");
    }

    @Test
    void lenient_broadcast_stream_should_report_lag_and_go_on_with_the_oldest_kept_message() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(2);
        List<Long> lags = new ArrayList<>();
        AsyncStream<Integer> s = AsyncStream.fromBroadcast(ch.receiver(), lags::add);
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        assertEquals(List.of(3, 4), w.assertReady(s.collect()));
        assertEquals(List.of(3L), lags);
    }

    @Test
    void watch_stream_should_yield_the_latest_value_on_each_change_then_end() {
        Watch.Channel<String> ch = Watch.channel("v0");
        AsyncStream<String> s = ch.receiver().stream();
        w.assertPending(s.next());
        ch.sender().send("v1");
        ch.sender().send("v2");
        assertEquals("v2", w.assertReady(s.next()), "a watch keeps only the latest value");
        ch.sender().send("v3");
        ch.sender().close();
        assertEquals(List.of("v3"), w.assertReady(s.collect()));
    }
}

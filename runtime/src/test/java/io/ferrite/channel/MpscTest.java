package io.ferrite.channel;

import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MpscTest {

    private final CountingWaker rxw = new CountingWaker();
    private final CountingWaker tx1 = new CountingWaker();
    private final CountingWaker tx2 = new CountingWaker();

    @Test
    void recv_should_return_messages_in_order_then_null_when_every_sender_is_closed() {
        Mpsc.Channel<String> ch = Mpsc.channel(4);
        Mpsc.Sender<String> a = ch.sender();
        Mpsc.Sender<String> b = a.clone();
        tx1.assertReady(SendResult.<String>sent(), a.send("1"));
        tx1.assertReady(a.send("2"));
        a.close();
        tx2.assertReady(b.send("3"));
        assertEquals("1", rxw.assertReady(ch.receiver().recv()));
        assertEquals("2", rxw.assertReady(ch.receiver().recv()));
        assertEquals("3", rxw.assertReady(ch.receiver().recv()));
        Future<String> next = ch.receiver().recv();
        rxw.assertPending(next);              // b is still open
        b.close();
        assertTrue(rxw.woken());
        assertNull(rxw.assertReady(next));
        assertTrue(ch.receiver().isEnded());
    }

    @Test
    void recv_should_wait_and_be_woken_when_a_message_arrives() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(1);
        Future<Integer> r = ch.receiver().recv();
        rxw.assertPending(r);
        tx1.assertReady(ch.sender().send(7));
        assertTrue(rxw.woken());
        assertEquals(7, rxw.assertReady(r));
    }

    @Test
    void send_should_wait_when_full_and_resume_when_the_receiver_takes_one() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(2);
        tx1.assertReady(ch.sender().send(1));
        tx1.assertReady(ch.sender().send(2));
        Future<SendResult<Integer>> third = ch.sender().send(3);
        tx1.assertPending(third);             // backpressure
        assertTrue(ch.sender().trySend(99).isFull());
        assertEquals(1, ch.receiver().tryRecv());
        assertTrue(tx1.woken());
        assertTrue(tx1.assertReady(third).isSent());
        assertEquals(2, ch.receiver().tryRecv());
        assertEquals(3, ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void send_should_hand_the_value_back_when_the_receiver_closes_while_it_waits() {
        Mpsc.Channel<String> ch = Mpsc.channel(1);
        tx1.assertReady(ch.sender().send("first"));
        Future<SendResult<String>> waiting = ch.sender().send("second");
        tx1.assertPending(waiting);
        ch.receiver().close();
        assertTrue(tx1.woken());
        SendResult<String> r = tx1.assertReady(waiting);
        assertTrue(r.isClosed());
        assertEquals("second", r.value());
        assertTrue(ch.sender().isClosed());
        SendResult<String> late = ch.sender().trySend("third");
        assertTrue(late.isClosed());
        assertEquals("third", late.value());
        assertEquals("first", rxw.assertReady(ch.receiver().recv()), "buffered messages survive the close");
        assertNull(rxw.assertReady(ch.receiver().recv()));
    }

    @Test
    void cancel_should_leave_no_trace_when_a_waiting_send_is_cancelled() {
        Mpsc.Channel<String> ch = Mpsc.channel(1);
        Mpsc.Sender<String> other = ch.sender().clone();
        tx1.assertReady(ch.sender().send("a"));
        Future<SendResult<String>> cancelled = ch.sender().send("lost?");
        Future<SendResult<String>> next = other.send("b");
        tx1.assertPending(cancelled);
        tx2.assertPending(next);
        assertEquals("a", ch.receiver().tryRecv());   // room granted to `cancelled`
        cancelled.cancel();
        assertTrue(tx2.woken(), "the room passed on to the next sender");
        tx2.assertReady(next);
        assertEquals("b", ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv(), "the cancelled message was never sent");
    }

    @Test
    void cancel_should_lose_no_message_when_a_pending_recv_is_cancelled() {
        Mpsc.Channel<String> ch = Mpsc.channel(4);
        Future<String> r1 = ch.receiver().recv();
        rxw.assertPending(r1);
        r1.cancel();                          // e.g. a select picked another branch
        tx1.assertReady(ch.sender().send("kept"));
        assertEquals("kept", rxw.assertReady(ch.receiver().recv()));
    }

    @Test
    void cancel_should_pass_the_wake_on_when_recv_is_cancelled_after_being_notified() {
        Mpsc.Channel<String> ch = Mpsc.channel(4);
        Future<String> r1 = ch.receiver().recv();
        rxw.assertPending(r1);
        tx1.assertReady(ch.sender().send("m"));
        assertTrue(rxw.woken());
        r1.cancel();
        Future<String> r2 = ch.receiver().recv();
        assertEquals("m", rxw.assertReady(r2));
    }

    @Test
    void send_should_reject_null_and_a_closed_sender_should_hand_values_back() {
        Mpsc.Channel<String> ch = Mpsc.channel(4);
        NullPointerException e = assertThrows(NullPointerException.class, () -> ch.sender().send(null));
        assertTrue(e.getMessage().contains("non-null"), e.getMessage());
        Mpsc.Sender<String> s = ch.sender();
        s.close();
        s.close();
        assertTrue(tx1.assertReady(s.send("late")).isClosed());
        assertThrows(IllegalStateException.class, s::clone);
        assertNull(rxw.assertReady(ch.receiver().recv()), "the only sender was closed");
    }

    @Test
    void unbounded_send_should_never_wait_and_recv_should_end_when_senders_close() {
        Mpsc.UnboundedChannel<Integer> ch = Mpsc.unboundedChannel();
        Mpsc.UnboundedSender<Integer> tx = ch.sender();
        for (int i = 0; i < 1000; i++) {
            assertTrue(tx.send(i).isSent());
        }
        Mpsc.UnboundedSender<Integer> tx2 = tx.clone();
        tx.close();
        tx2.send(1000);
        tx2.close();
        for (int i = 0; i <= 1000; i++) {
            assertEquals(i, rxw.assertReady(ch.receiver().recv()));
        }
        assertNull(rxw.assertReady(ch.receiver().recv()));
        SendResult<Integer> r = tx2.send(5);
        assertTrue(r.isClosed());
        assertEquals(5, r.value());
    }

    @Test
    void unbounded_send_should_hand_the_value_back_when_the_receiver_is_closed() {
        Mpsc.UnboundedChannel<String> ch = Mpsc.unboundedChannel();
        ch.receiver().close();
        SendResult<String> r = ch.sender().send("x");
        assertSame(SendResult.Status.CLOSED, r.status());
        assertEquals("x", r.value());
        assertThrows(IllegalStateException.class, () -> SendResult.sent().value());
    }

    @Test
    void recv_should_get_every_message_in_per_producer_order_when_threads_send_concurrently() throws Exception {
        Mpsc.Channel<int[]> ch = Mpsc.channel(8);
        int producers = 3;
        int perProducer = 3_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Mpsc.Sender<int[]> tx = ch.sender().clone();
            int id = p;
            Thread t = new Thread(() -> {
                try (tx) {
                    for (int i = 0; i < perProducer; i++) {
                        assertTrue(blockOn(tx.send(new int[] {id, i})).isSent());
                    }
                }
            });
            threads.add(t);
        }
        ch.sender().close();
        threads.forEach(Thread::start);
        int[] next = new int[producers];
        int total = 0;
        for (int[] m; (m = blockOn(ch.receiver().recv())) != null; ) {
            assertEquals(next[m[0]], m[1], "messages of one producer arrive in order");
            next[m[0]]++;
            total++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(producers * perProducer, total);
    }

    @Test
    void send_should_deliver_exactly_the_sent_messages_when_threads_race_room_grants_against_cancels()
            throws Exception {
        Mpsc.Channel<int[]> ch = Mpsc.channel(2);   // small, so most sends wait for room
        int producers = 3;
        int rounds = 4_000;
        CountDownLatch start = new CountDownLatch(1);
        boolean[][] sent = new boolean[producers][rounds];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Mpsc.Sender<int[]> tx = ch.sender().clone();
            int id = p;
            threads.add(new Thread(() -> {
                CountingWaker w = new CountingWaker();
                try (tx) {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        Future<SendResult<int[]>> f = tx.send(new int[] {id, i});
                        io.ferrite.Poll<SendResult<int[]>> r = w.poll(f);   // room now, or a place in the queue
                        for (int look = 0; r.isPending() && look < i % 4; look++) {
                            Thread.yield();
                            r = w.poll(f);                                  // room may have been granted meanwhile
                        }
                        if (r.isReady()) {
                            assertTrue(r.value().isSent());
                            sent[id][i] = true;
                        } else {
                            f.cancel();                                     // granted room, if any, passes on
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ch.sender().close();
        threads.forEach(Thread::start);
        start.countDown();
        int[] last = {-1, -1, -1};
        boolean[][] received = new boolean[producers][rounds];
        for (int[] m; (m = blockOn(ch.receiver().recv())) != null; ) {
            assertTrue(m[1] > last[m[0]], "messages of one producer arrive in order");
            last[m[0]] = m[1];
            received[m[0]][m[1]] = true;
        }
        for (Thread t : threads) {
            t.join();
        }
        int delivered = 0;
        for (int p = 0; p < producers; p++) {
            for (int i = 0; i < rounds; i++) {
                assertEquals(sent[p][i], received[p][i], "message " + p + "/" + i + ": received iff its send completed");
                delivered += sent[p][i] ? 1 : 0;
            }
        }
        assertTrue(delivered > 0);
        assertTrue(ch.receiver().isEnded());
    }

    @Test
    void channel_should_reject_a_capacity_below_one() {
        assertThrows(IllegalArgumentException.class, () -> Mpsc.channel(0));
        assertFalse(Mpsc.<String>channel(1).receiver().isEnded());
    }

    @Test
    void reserve_should_hold_a_slot_that_send_fills_without_waiting() {
        Mpsc.Channel<String> ch = Mpsc.channel(2);
        Mpsc.Sender<String> tx = ch.sender();
        Mpsc.Permit<String> slot = tx1.assertReady(tx.reserve());
        assertEquals(1, tx.capacity());
        assertEquals(2, tx.maxCapacity());
        assertNull(ch.receiver().tryRecv(), "a reservation is not a message");
        assertTrue(slot.send("reserved").isSent());
        assertEquals("reserved", ch.receiver().tryRecv());
        assertEquals(2, tx.capacity());
        assertThrows(IllegalStateException.class, () -> slot.send("twice"));
    }

    @Test
    void reserve_should_wait_for_room_in_the_order_senders_asked_and_count_against_the_capacity() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(1);
        Mpsc.Sender<Integer> tx = ch.sender();
        Mpsc.Permit<Integer> held = tx.tryReserve();
        assertEquals(0, tx.capacity());
        assertNull(tx.tryReserve(), "full: the only slot is reserved");
        assertTrue(tx.trySend(1).isFull());
        Future<Mpsc.Permit<Integer>> waitingReserve = tx.reserve();
        Future<SendResult<Integer>> waitingSend = tx.send(2);
        tx1.assertPending(waitingReserve);
        tx2.assertPending(waitingSend);
        held.close();                                  // unused: the slot goes to the oldest waiter
        assertTrue(tx1.woken());
        assertFalse(tx2.woken());
        Mpsc.Permit<Integer> granted = tx1.assertReady(waitingReserve);
        granted.send(10);
        assertEquals(10, ch.receiver().tryRecv());
        assertTrue(tx2.woken());
        assertTrue(tx2.assertReady(waitingSend).isSent());
        assertEquals(2, ch.receiver().tryRecv());
    }

    @Test
    void reserve_should_complete_with_null_and_permit_send_hand_back_when_the_receiver_is_closed() {
        Mpsc.Channel<String> ch = Mpsc.channel(1);
        Mpsc.Sender<String> tx = ch.sender();
        Mpsc.Permit<String> slot = tx.tryReserve();
        Future<Mpsc.Permit<String>> waiting = tx.reserve();
        tx1.assertPending(waiting);
        ch.receiver().close();
        assertTrue(tx1.woken());
        assertNull(tx1.assertReady(waiting));
        SendResult<String> r = slot.send("late");
        assertTrue(r.isClosed());
        assertEquals("late", r.value());
        assertNull(tx.tryReserve());
        assertNull(tx2.assertReady(tx.reserve()));
        assertTrue(ch.receiver().isEnded());
    }

    @Test
    void reserve_cancel_should_pass_granted_room_to_the_next_sender() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(1);
        Mpsc.Sender<Integer> tx = ch.sender();
        tx1.assertReady(tx.send(1));
        Future<Mpsc.Permit<Integer>> first = tx.reserve();
        Future<SendResult<Integer>> second = tx.send(2);
        tx1.assertPending(first);
        tx2.assertPending(second);
        assertEquals(1, ch.receiver().tryRecv());      // room granted to first, not yet observed
        first.cancel();
        assertTrue(tx2.woken());
        assertTrue(tx2.assertReady(second).isSent());
        assertEquals(0, tx.capacity());
    }

    @Test
    void permit_close_should_free_the_slot_when_the_permit_is_not_used() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(1);
        Mpsc.Sender<Integer> tx = ch.sender();
        try (Mpsc.Permit<Integer> slot = tx.tryReserve()) {
            assertEquals(0, tx.capacity());
            assertTrue(slot.toString().contains("reserved"));
        }
        assertEquals(1, tx.capacity());
        assertTrue(tx.trySend(5).isSent());
    }

    @Test
    void permit_send_should_hand_the_message_back_when_its_sender_was_closed_meanwhile() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(1);
        Mpsc.Sender<Integer> tx = ch.sender();
        Mpsc.Sender<Integer> other = tx.clone();
        Mpsc.Permit<Integer> slot = tx.tryReserve();
        tx.close();
        assertTrue(slot.send(3).isClosed());
        assertEquals(1, other.capacity(), "the slot was freed");
        other.close();
        assertTrue(ch.receiver().isEnded(), "nothing was left in the channel for nobody to read");
    }
}

package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.testing.CountingWaker;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BufferedStreamTest {

    private final CountingWaker w = new CountingWaker();

    @Test
    void bufferUnordered_should_keep_at_most_n_in_flight_and_hand_out_results_as_they_finish() {
        TrackedFutures<Integer> futures = new TrackedFutures<>();
        AsyncStream<Integer> s = AsyncStream.range(0, 10).bufferUnordered(3, futures::make);
        Future<Integer> next = s.next();
        w.assertPending(next);
        assertEquals(3, futures.live, "the first poll starts n futures");
        futures.all.get(2).complete();
        assertTrue(w.woken());
        assertEquals(2, w.assertReady(next), "the third finished first, so it comes first");
        assertEquals(2, futures.live);
        w.assertPending(s.next());
        assertEquals(3, futures.live, "the free slot is refilled at the next poll");
        for (TrackedFutures<Integer>.Tracked f : new ArrayList<>(futures.all)) {
            f.complete();
        }
        List<Integer> rest = new ArrayList<>();
        for (Integer x; (x = pollUntilReady(s)) != null; ) {
            rest.add(x);
            for (TrackedFutures<Integer>.Tracked f : new ArrayList<>(futures.all)) {
                f.complete();
            }
        }
        rest.sort(null);
        assertEquals(List.of(0, 1, 3, 4, 5, 6, 7, 8, 9), rest);
        assertEquals(3, futures.maxLive);
        assertEquals(0, futures.live);
    }

    private <T> T pollUntilReady(AsyncStream<T> s) {
        for (int i = 0; i < 100; i++) {
            Poll<T> p = s.pollNext(w.cx());
            if (p.isReady()) {
                return p.value();
            }
        }
        throw new AssertionError(s + " stayed pending");
    }

    @Test
    void buffered_should_hand_out_results_in_input_order_even_when_later_ones_finish_first() {
        TrackedFutures<String> futures = new TrackedFutures<>();
        AsyncStream<String> s = AsyncStream.of("a", "b", "c").buffered(2, futures::make);
        w.assertPending(s.next());
        futures.all.get(1).complete();
        w.assertPending(s.next());
        assertEquals(2, futures.all.size(), "b's result holds its slot until a is handed out");
        futures.all.get(0).complete();
        assertEquals("a", w.assertReady(s.next()));
        assertEquals("b", w.assertReady(s.next()));
        Future<String> third = s.next();
        w.assertPending(third);
        futures.all.get(2).complete();
        assertEquals("c", w.assertReady(third));
        assertNull(w.assertReady(s.next()));
        assertEquals(2, futures.maxLive);
    }

    @Test
    void cancelling_should_cancel_every_future_in_flight_and_the_upstream() {
        TrackedFutures<Integer> futures = new TrackedFutures<>();
        ManualStream<Integer> up = new ManualStream<>("up");
        for (int i = 0; i < 10; i++) {
            up.push(i);
        }
        AsyncStream<Integer> s = up.bufferUnordered(4, futures::make);
        w.assertPending(s.next());
        assertEquals(4, futures.live);
        s.cancel();
        assertEquals(0, futures.live, "no future left running");
        assertEquals(4, futures.cancelled);
        assertEquals(1, up.cancels);
    }

    @Test
    void a_failing_future_should_fail_the_stream_and_cancel_the_others() {
        TrackedFutures<Integer> futures = new TrackedFutures<>();
        ManualStream<Integer> up = new ManualStream<>("up");
        up.push(1).push(2).push(3);
        AsyncStream<Integer> s = up.bufferUnordered(3, futures::make);
        w.assertPending(s.next());
        IllegalStateException boom = new IllegalStateException("boom");
        futures.all.get(1).fail(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.pollNext(w.cx())));
        assertEquals(0, futures.live);
        assertEquals(2, futures.cancelled);
        assertEquals(1, up.cancels);
        assertEquals(Poll.ready(null), s.pollNext(w.cx()));
    }

    @Test
    void buffered_without_a_function_should_reject_items_that_are_not_futures() {
        ClassCastException e = assertThrows(ClassCastException.class,
                () -> w.assertReady(AsyncStream.of("x").buffered(2).collect()));
        assertTrue(e.getMessage().contains("is not an io.ferrite.Future"), e.getMessage());
        assertEquals(List.of(1, 2), w.assertReady(AsyncStream.of(Future.ready(1), Future.ready(2)).<Integer>buffered(2).collect()));
    }

    @Test
    void bufferUnordered_should_never_exceed_n_sleeps_at_once_on_a_virtual_clock() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        Random rnd = new Random(7);
        int[] running = new int[1];
        int[] max = new int[1];
        long[] due = new long[200];
        try (AsyncRuntime rt = AsyncRuntime.currentThread().timeSource(clock).build()) {
            AsyncStream<Integer> s = AsyncStream.range(0, 200).bufferUnordered(8, i -> {
                long ms = 1 + rnd.nextInt(50);
                Future<Void> sleep = Time.sleep(Duration.ofMillis(ms));
                return new Future<Integer>() {
                    boolean started;

                    @Override
                    public Poll<Integer> poll(io.ferrite.Context cx) {
                        if (!started) {
                            started = true;
                            running[0]++;
                            max[0] = Math.max(max[0], running[0]);
                            due[i] = clock.nanoTime() / 1_000_000 + ms;
                        }
                        if (sleep.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        running[0]--;
                        return Poll.ready(i);
                    }

                    @Override
                    public void cancel() {
                        sleep.cancel();
                    }
                };
            });
            List<Long> finishTimes = new ArrayList<>();
            List<Integer> order = rt.blockOn(s.map(i -> {
                finishTimes.add(clock.nanoTime() / 1_000_000);
                assertEquals(due[i], clock.nanoTime() / 1_000_000, "item " + i + " handed out when its sleep ended");
                return i;
            }).collect());
            assertEquals(200, order.size());
            assertEquals(8, max[0], "n at once, never more");
            assertEquals(0, running[0]);
            for (int k = 1; k < finishTimes.size(); k++) {
                assertTrue(finishTimes.get(k - 1) <= finishTimes.get(k), "results as they finish");
            }
        }
    }

    @Test
    void forEachConcurrent_should_run_at_most_n_and_complete_when_all_have() {
        TrackedFutures<Object> futures = new TrackedFutures<>();
        Future<Void> all = AsyncStream.range(0, 5).forEachConcurrent(2, i -> futures.make(null));
        w.assertPending(all);
        assertEquals(2, futures.live);
        for (int round = 0; round < 5; round++) {
            for (TrackedFutures<Object>.Tracked f : new ArrayList<>(futures.all)) {
                if (!f.isDone()) {
                    f.complete();
                    break;
                }
            }
            if (round < 4) {
                w.assertPending(all);
            }
        }
        assertNull(w.assertReady(all));
        assertEquals(5, futures.all.size());
        assertEquals(2, futures.maxLive);
    }

    @Test
    void forEachConcurrent_should_fail_with_the_first_failure_and_cancel_the_rest() {
        TrackedFutures<Object> futures = new TrackedFutures<>();
        Future<Void> all = AsyncStream.range(0, 5).forEachConcurrent(3, i -> futures.make(null));
        w.assertPending(all);
        futures.all.get(0).fail(new IllegalStateException("first"));
        assertEquals("first", assertThrows(IllegalStateException.class, () -> all.poll(w.cx())).getMessage());
        assertEquals(0, futures.live);
        assertEquals(2, futures.cancelled);
        assertEquals(3, futures.all.size(), "no new future started after the failure");
    }

    @Test
    void cancelling_forEachConcurrent_should_leave_no_future_running() {
        TrackedFutures<Object> futures = new TrackedFutures<>();
        Future<Void> all = AsyncStream.range(0, 5).forEachConcurrent(3, i -> futures.make(null));
        w.assertPending(all);
        all.cancel();
        assertEquals(0, futures.live);
        assertEquals(3, futures.cancelled);
    }
}

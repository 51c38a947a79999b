package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeStreamTest {

    private final CountingWaker w = new CountingWaker();

    @Test
    void merge_should_take_turns_between_streams_that_are_always_ready() {
        List<String> got = w.assertReady(AsyncStream.repeat("a").merge(AsyncStream.repeat("b")).take(10).collect());
        assertEquals(List.of("a", "b", "a", "b", "a", "b", "a", "b", "a", "b"), got);
    }

    @Test
    void merge_should_share_fairly_among_many_always_ready_streams() {
        List<AsyncStream<Integer>> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            streams.add(AsyncStream.repeat(i));
        }
        List<Integer> got = w.assertReady(AsyncStream.merge(streams).take(1_000).collect());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i : got) {
            counts.merge(i, 1, Integer::sum);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(200, counts.get(i), "stream " + i + " got its share: " + counts);
        }
    }

    @Test
    void merge_should_poll_only_the_woken_stream() {
        ManualStream<String> a = new ManualStream<>("a");
        ManualStream<String> b = new ManualStream<>("b");
        AsyncStream<String> m = a.merge(b);
        Future<String> next = m.next();
        w.assertPending(next);
        assertEquals(1, a.polls);
        assertEquals(1, b.polls);
        b.push("from b");
        assertTrue(w.woken());
        assertEquals("from b", w.assertReady(next));
        assertEquals(1, a.polls, "a was not woken, so not polled");
    }

    @Test
    void merge_should_end_when_every_stream_has_ended() {
        ManualStream<String> a = new ManualStream<>("a");
        ManualStream<String> b = new ManualStream<>("b");
        AsyncStream<String> m = AsyncStream.merge(List.of(a, b));
        a.push("x").end();
        assertEquals("x", w.assertReady(m.next()));
        w.assertPending(m.next());
        b.end();
        assertNull(w.assertReady(m.next()));
        assertEquals(0, a.cancels + b.cancels, "streams that ended are not cancelled");
    }

    @Test
    void merge_should_fail_with_the_first_failure_and_cancel_the_others() {
        ManualStream<String> a = new ManualStream<>("a");
        ManualStream<String> b = new ManualStream<>("b");
        AsyncStream<String> m = a.merge(b);
        w.assertPending(m.next());
        IllegalStateException boom = new IllegalStateException("boom");
        a.fail(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> m.pollNext(w.cx())));
        assertEquals(1, b.cancels);
        assertNull(w.assertReady(m.next()));
    }

    @Test
    void merge_of_no_stream_should_be_empty() {
        assertEquals(List.of(), w.assertReady(AsyncStream.<String>merge(List.of()).collect()));
    }
}

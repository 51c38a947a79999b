package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** throttle, timeout, chunksTimeout and the interval stream, on a virtual clock. */
class TimedStreamsTest {

    private final VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();

    private AsyncRuntime runtime() {
        return AsyncRuntime.currentThread().timeSource(clock).build();
    }

    private long ms() {
        return clock.nanoTime() / 1_000_000;
    }

    /** A stream whose item i arrives at {@code times[i]} ms. */
    private AsyncStream<Integer> arrivingAt(long... times) {
        return AsyncStream.range(0, times.length).then(i -> {
            Future<Void> s = Time.sleepUntil(Instant.EPOCH.plusMillis(times[i]));
            return new Future<Integer>() {
                @Override
                public Poll<Integer> poll(Context cx) {
                    return s.poll(cx).isReady() ? Poll.ready(i) : Poll.pending();
                }

                @Override
                public void cancel() {
                    s.cancel();
                }
            };
        });
    }

    @Test
    void throttle_should_space_items_by_the_period_but_not_delay_the_first() {
        List<Long> at = new ArrayList<>();
        try (AsyncRuntime rt = runtime()) {
            rt.blockOn(AsyncStream.range(0, 4).throttle(Duration.ofMillis(100)).forEach(i -> at.add(ms())));
        }
        assertEquals(List.of(0L, 100L, 200L, 300L), at);
    }

    @Test
    void throttle_should_not_delay_items_that_come_slower_than_the_period() {
        List<Long> at = new ArrayList<>();
        try (AsyncRuntime rt = runtime()) {
            rt.blockOn(arrivingAt(0, 150, 300).throttle(Duration.ofMillis(100)).forEach(i -> at.add(ms())));
        }
        assertEquals(List.of(0L, 150L, 300L), at);
    }

    @Test
    void timeout_should_fail_with_elapsed_when_an_item_is_late_and_cancel_the_upstream() {
        List<Integer> got = new ArrayList<>();
        ManualStream<Integer> never = new ManualStream<>("never");
        try (AsyncRuntime rt = runtime()) {
            AsyncStream<Integer> s = arrivingAt(0, 40, 100).chain(never).timeout(Duration.ofMillis(50));
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(s.forEach(got::add)));
            assertEquals(Duration.ofMillis(50), e.limit());
            assertTrue(e.getMessage().contains("the next item of"), e.getMessage());
        }
        assertEquals(List.of(0, 1), got, "the third item came 60 ms after it was asked for");
        assertEquals(90L, ms());
        assertEquals(1, never.cancels);
    }

    @Test
    void chunksTimeout_should_hand_out_a_partial_chunk_when_its_first_item_has_waited_long_enough() {
        List<String> got = new ArrayList<>();
        try (AsyncRuntime rt = runtime()) {
            rt.blockOn(arrivingAt(0, 10, 20, 30, 200, 210, 500).chunksTimeout(3, Duration.ofMillis(100))
                    .forEach(c -> got.add(ms() + ":" + c)));
        }
        assertEquals(List.of("20:[0, 1, 2]", "130:[3]", "300:[4, 5]", "500:[6]"), got);
    }

    @Test
    void interval_stream_should_tick_at_once_then_every_period() {
        try (AsyncRuntime rt = runtime()) {
            List<Instant> ticks = rt.blockOn(Time.interval(Duration.ofSeconds(2)).stream().take(3).collect());
            assertEquals(List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(2), Instant.EPOCH.plusSeconds(4)), ticks);
            assertEquals(0, rt.metrics().numTimers(), "take(3) cancelled the interval's timer");
        }
    }
}

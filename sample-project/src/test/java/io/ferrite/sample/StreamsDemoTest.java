package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StreamsDemoTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_count_down_fetch_four_at_a_time_and_read_the_channel_on_the_virtual_clock() {
        StreamsDemo.Outcome outcome = clock.run(report -> new StreamsDemo(report).run());
        assertEquals(List.of(3, 2, 1), outcome.countdown());
        assertEquals(List.of(), outcome.aheadOfConsumer());
        assertEquals(4, outcome.maxInFlight());
        assertEquals(300, outcome.fetchMillis(), "three rounds of four 100 ms calls on the virtual clock");
        assertEquals(12, new TreeSet<>(outcome.fetched()).size());
        assertEquals(5, outcome.received());
        assertFalse(clock.printed().contains("FAILED"), clock::printed);
        assertTrue(clock.printed().contains("countdown: 1"), clock::printed);
    }
}

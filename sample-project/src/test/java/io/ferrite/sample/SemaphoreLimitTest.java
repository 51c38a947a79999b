package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SemaphoreLimitTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_finish_every_request_with_at_most_three_in_flight() {
        SemaphoreLimit.Outcome outcome = clock.run(report -> new SemaphoreLimit(report).run());
        assertEquals(3, outcome.maxInFlight());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), List.copyOf(new TreeSet<>(outcome.finished())));
        assertEquals(8, outcome.finished().size());
    }
}

package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_stop_every_worker_through_its_cleanup_when_the_signal_is_broadcast() {
        GracefulShutdown.Outcome outcome = clock.run(report -> new GracefulShutdown(report).run());
        assertEquals(Set.of(1, 2, 3), outcome.cleanedUp());
        // Signal at 120 ms, jobs of 50 ms: two jobs done by each worker, the third interrupted.
        assertEquals(6, outcome.jobsDone());
        for (int worker = 1; worker <= 3; worker++) {
            assertTrue(clock.printed().contains("worker " + worker + ":    job 3 interrupted by the shutdown"),
                    clock.printed());
        }
    }
}

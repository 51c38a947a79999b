package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnAndJoinHandleTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_collect_results_rethrow_the_task_failure_and_clean_up_the_aborted_task() {
        SpawnAndJoinHandle.Outcome outcome = clock.run(report -> new SpawnAndJoinHandle(report).run());
        assertEquals(500 + 600 + 700, outcome.totalWords());
        assertEquals("missing.txt: no such file", outcome.failure());
        assertTrue(outcome.abortedTaskCleanedUp());
        assertTrue(outcome.abortMessage().endsWith("was aborted"), outcome.abortMessage());
        // The runtime also hands the failure to its taskFailureHandler; an abort is not a failure.
        assertEquals(List.of("missing.txt: no such file"),
                clock.taskFailures().stream().map(Throwable::getMessage).toList());
    }
}

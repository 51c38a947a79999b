package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryWithBackoffTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_succeed_on_the_third_attempt_after_backing_off_50_then_100_ms() {
        RetryWithBackoff.Outcome outcome = clock.run(report -> new RetryWithBackoff(report).run());
        assertEquals("200 OK", outcome.response());
        assertEquals(3, outcome.attempts());
        // On the virtual clock: each 20 ms call, then the policy's delay, exactly.
        assertEquals(List.of(0L, 20L + 50, 20L + 50 + 20 + 100), outcome.attemptStartMillis());
    }
}

package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequentialAwaitsTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_build_the_invoice_step_by_step_and_start_nothing_before_the_await() {
        SequentialAwaits.Outcome outcome = clock.run(report -> new SequentialAwaits(report).run());
        assertEquals("Ada owes 53.97 EUR for 3 orders", outcome.invoice());
        assertEquals(0, outcome.stepsStartedBeforeAwait());
        assertTrue(clock.printed().contains("ok: took at least the sum of the steps"), clock.printed());
    }
}

package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectWithTimeoutTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_let_the_timer_beat_the_slow_call_and_drain_urgent_messages_first() {
        SelectWithTimeout.Outcome outcome = clock.run(report -> new SelectWithTimeout(report).run());
        assertEquals("no quote within 100 ms", outcome.slowAnswer());
        assertEquals("fast-provider quotes 42.10 EUR", outcome.fastAnswer());
        assertEquals(List.of("slow-provider"), outcome.cancelled());
        assertEquals(List.of("urgent 1", "urgent 2", "routine 1", "routine 2", "routine 3"), outcome.handled());
        assertTrue(outcome.endedByElse());
    }
}

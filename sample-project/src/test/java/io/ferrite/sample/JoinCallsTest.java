package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JoinCallsTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_join_every_value_and_cancel_the_running_call_when_tryJoin_meets_a_failure() {
        JoinCalls.Outcome outcome = clock.run(report -> new JoinCalls(report).run());
        assertEquals(List.of("prices ok", "stock ok", "reviews ok"), outcome.joined());
        assertEquals("stock answered 503", outcome.tryJoinFailure());
        assertEquals(List.of("reviews"), outcome.cancelled());
    }
}

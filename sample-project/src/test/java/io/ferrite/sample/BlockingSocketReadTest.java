package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockingSocketReadTest {

    /**
     * On the real clock, since the pitfall is a real thread blocked in a socket read; with a peer
     * that answers after 1 s, the comparison (a 20 ms heartbeat against half a second) holds on
     * any machine that is not frozen for most of a second.
     */
    @Test
    void run_should_stall_the_heartbeat_with_a_blocking_socket_and_not_with_a_tcp_stream() throws Exception {
        RealClock clock = new RealClock();
        Report report = clock.report();
        BlockingSocketRead.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            outcome = rt.blockOn(new BlockingSocketRead(report, Duration.ofSeconds(1)).run());
        }
        String out = clock.printed();
        assertEquals("pong", outcome.blockingAnswer(), out);
        assertEquals("pong", outcome.ferriteAnswer(), out);
        assertTrue(outcome.blockingLongestPauseMillis() >= 500, out);
        assertTrue(out.contains("ok: Ferrite's socket read suspends the task instead"), out);
    }
}

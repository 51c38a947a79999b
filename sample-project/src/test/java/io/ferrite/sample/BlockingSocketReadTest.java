package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), TimeSource.system());
        BlockingSocketRead.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            outcome = rt.blockOn(new BlockingSocketRead(report, Duration.ofSeconds(1)).run());
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertEquals("pong", outcome.blockingAnswer(), out);
        assertEquals("pong", outcome.ferriteAnswer(), out);
        assertTrue(outcome.blockingLongestPauseMillis() >= 500, out);
        assertTrue(out.contains("ok: Ferrite's socket read suspends the task instead"), out);
    }
}

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

class BlockingCallsTest {

    /**
     * On the real clock, since the pitfall is a real thread blocked in {@code Thread.sleep}; with
     * a 1 s blocking call, the demo's comparison of heartbeat pauses (a 20 ms beat against 1 s)
     * holds on any machine that is not frozen for most of a second.
     */
    @Test
    void run_should_stall_the_task_when_called_directly_and_not_when_run_on_the_blocking_pool() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), TimeSource.system());
        BlockingCalls.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            outcome = rt.blockOn(new BlockingCalls(report, Duration.ofSeconds(1)).run());
        }
        assertEquals("sku-42: 17 in stock", outcome.directResult());
        assertEquals("sku-42: 17 in stock", outcome.pooledResult());
        assertTrue(outcome.directThread().startsWith("ferrite-worker-"), outcome.directThread());
        assertTrue(outcome.pooledThread().startsWith("ferrite-blocking-"), outcome.pooledThread());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("ok: meanwhile the task kept running"),
                printed.toString(StandardCharsets.UTF_8));
    }
}

package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpDemoTest {

    /**
     * On the real clock and real sockets, since the demo is about a server that clients reach;
     * its one timing claim (100 requests of 100 ms in less than half of their 10 s in a row)
     * holds on any machine that is not frozen for seconds. The test asserts what was answered.
     */
    @Test
    void run_should_serve_every_route_of_the_seeds_and_stop_gracefully() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), TimeSource.system());
        HttpDemo.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            outcome = rt.blockOn(new HttpDemo(report).run());
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("200 Home Page", "200 About Us", "404 Not Found"), outcome.pages(), out);
        assertEquals(100, outcome.slowRequests());
        assertTrue(outcome.slowWaitingDuringFast() > 0, out);
        assertEquals(2, outcome.maxLimited());
        assertEquals("Hello from a file read with Fs.readString", outcome.file());
        assertEquals("ping", outcome.echo());
        assertEquals(3 + 100 + 1 + 6 + 2, outcome.totalRequests());
        assertTrue(out.contains("ok: shutdown closed every connection, and serve completed"), out);
    }
}

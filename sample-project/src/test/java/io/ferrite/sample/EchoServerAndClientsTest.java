package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import org.junit.jupiter.api.Test;

/** Sockets need real readiness, so a real runtime; nothing here depends on timing. */
class EchoServerAndClientsTest {

    @Test
    void run_should_echo_every_client_byte_for_byte_when_all_are_connected_at_once() throws Exception {
        RealClock clock = new RealClock();
        Report report = clock.report();
        EchoServerAndClients.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build()) {
            outcome = rt.blockOn(new EchoServerAndClients(report, 50, 4).run());
        }
        String out = clock.printed();
        assertEquals(50, outcome.clientsVerified(), out);
        assertEquals(50, outcome.connectionsServed(), out);
        assertEquals(50, outcome.mostOpenAtOnce(), out);
        // "client 7 says hello #2\n" is 23 bytes for ids 0-9, 24 for 10-49: 4 messages each
        assertEquals(4L * (10 * 23 + 40 * 24), outcome.bytesEchoed(), out);
        assertTrue(out.contains("ok: every client got its own bytes back"), out);
    }

    @Test
    void run_should_serve_every_client_when_the_runtime_has_a_single_worker() throws Exception {
        RealClock clock = new RealClock();
        Report report = clock.report();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).build()) {
            assertEquals(20, rt.blockOn(new EchoServerAndClients(report, 20, 3).run()).clientsVerified());
        }
    }
}

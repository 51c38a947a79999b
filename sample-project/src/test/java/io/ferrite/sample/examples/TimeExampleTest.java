package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Interval;
import io.ferrite.time.MissedTickBehavior;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of {@link Time} and {@link Interval}. */
class TimeExampleTest {

    private final VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();

    /** A client whose first {@code slowCalls} fetches take 10 s, and the next ones 50 ms. */
    final class Client {
        final List<Long> startedAt = new ArrayList<>();
        final int slowCalls;

        Client(int slowCalls) {
            this.slowCalls = slowCalls;
        }

        @Async
        Future<String> fetch() {
            startedAt.add(clock.nanoTime() / 1_000_000);
            boolean slow = startedAt.size() <= slowCalls;
            await(Time.sleep(slow ? Duration.ofSeconds(10) : Duration.ofMillis(50)));
            return Future.ready("page");
        }
    }

    // --- the class example of Time ---

    @Async
    Future<String> fetchWithRetry(Client client) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Future.ready(await(Time.timeout(Duration.ofSeconds(2), client.fetch())));
            } catch (Elapsed slow) {
                if (attempt == 3) throw slow;
                await(Time.sleep(Duration.ofMillis(100L << attempt)));   // back off
            }
        }
    }

    // --- end of the example ---

    @Test
    void fetchWithRetry_should_time_out_twice_back_off_and_succeed_on_the_third_attempt() {
        Client client = new Client(2);
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            assertEquals("page", rt.blockOn(fetchWithRetry(client)));
        }
        // 2 s timeout, 200 ms back-off, 2 s timeout, 400 ms back-off.
        assertEquals(List.of(0L, 2_200L, 4_600L), client.startedAt);
    }

    @Test
    void fetchWithRetry_should_throw_elapsed_when_the_third_attempt_times_out_too() {
        Client client = new Client(3);
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(fetchWithRetry(client)));
            assertEquals(Duration.ofSeconds(2), e.limit());
        }
        assertEquals(3, client.startedAt.size());
    }

    final class Connection {
        final List<Long> pings = new ArrayList<>();

        @Async
        Future<Void> ping() {
            pings.add(clock.nanoTime() / 1_000_000);
            await(Time.sleep(Duration.ofMillis(10)));
            return Future.ready(null);
        }
    }

    // --- the class example of Interval ---

    @Async
    Future<Void> heartbeat(Connection conn) {
        Interval every = Time.interval(Duration.ofSeconds(5));
        every.setMissedTickBehavior(MissedTickBehavior.DELAY);
        while (true) {
            await(every.tick());
            await(conn.ping());
        }
    }

    // --- end of the example ---

    @Test
    void heartbeat_should_ping_at_once_then_every_five_seconds_until_cancelled() {
        Connection conn = new Connection();
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            assertThrows(Elapsed.class, () -> rt.blockOn(Time.timeout(Duration.ofSeconds(12), heartbeat(conn))));
        }
        assertEquals(List.of(0L, 5_000L, 10_000L), conn.pings);
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Interval;
import io.ferrite.time.MissedTickBehavior;
import io.ferrite.time.Sleep;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of {@link Time}, {@link Sleep} and {@link Interval}. */
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

    // --- the class example of Sleep ---

    @Async
    Future<List<String>> debounce(Mpsc.Receiver<String> edits) {
        List<String> batch = new ArrayList<>();
        Sleep quiet = Time.sleep(Duration.ofMillis(100));
        while (true) {
            String edit = await(Futures.Select.<String>fair()
                    .on(edits.recv(), e -> e)
                    .on(quiet, elapsed -> null));
            if (edit == null) {
                return Future.ready(batch);            // 100 ms without an edit (or the channel closed)
            }
            batch.add(edit);
            quiet.reset(Duration.ofMillis(100));       // every edit restarts the quiet period
        }
    }

    // --- end of the example ---

    /** Sends each edit after its pause, then keeps the channel open for a long while. */
    @Async
    Future<Void> type(Mpsc.Sender<String> tx, List<String> edits, List<Long> pausesMillis) {
        for (int i = 0; i < edits.size(); i++) {
            await(Time.sleep(Duration.ofMillis(pausesMillis.get(i))));
            await(tx.send(edits.get(i)));
        }
        await(Time.sleep(Duration.ofSeconds(10)));
        tx.close();
        return Future.ready(null);
    }

    @Test
    void debounce_should_collect_edits_until_100_ms_pass_without_one() {
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            Mpsc.Channel<String> ch = Mpsc.channel(8);
            Futures.Join2<Void, List<String>> r = rt.blockOn(Futures.join(
                    type(ch.sender(), List.of("a", "b", "c", "late"), List.of(0L, 50L, 70L, 500L)),
                    debounce(ch.receiver())));
            assertEquals(List.of("a", "b", "c"), r.second());
        }
    }

    @Test
    void sleep_members_should_tell_the_deadline_and_move_it() {
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            Sleep nap = Time.sleep(Duration.ofSeconds(1));
            rt.blockOn(Time.sleep(Duration.ofSeconds(2)));
            rt.blockOn(Futures.Select.<Boolean>fair().on(nap, n -> true).on(Task.yieldNow(), y -> false));
            // --- the examples of Sleep.deadline, isElapsed and reset ---
            Instant wakeUp = nap.deadline();
            if (nap.isElapsed()) {
                throw new AssertionError("not yet");
            }
            nap.reset(clock.instant().plusSeconds(5));
            // --- end of the examples ---
            assertEquals(Instant.EPOCH.plusSeconds(3), wakeUp);
            rt.blockOn(nap);
            assertEquals(Duration.ofSeconds(7).toNanos(), clock.nanoTime());
            assertEquals(true, nap.isElapsed());
        }
    }

    record User(String id) {
    }

    record Cart(User user) {
    }

    final class Users {
        @Async
        Future<User> find(String id) {
            await(Time.sleep(Duration.ofSeconds(10)));
            return Future.ready(new User(id));
        }
    }

    final class Carts {
        @Async
        Future<Cart> load(User user) {
            await(Time.sleep(Duration.ofSeconds(25)));
            return Future.ready(new Cart(user));
        }
    }

    final Users users = new Users();
    final Carts carts = new Carts();

    @Async
    Future<Cart> handle(String id, Instant received) {
        // --- the example of Time.timeoutAt ---
        Instant requestDeadline = received.plusSeconds(30);   // one budget for every step of a request
        User user = await(Time.timeoutAt(requestDeadline, users.find(id)));
        Cart cart = await(Time.timeoutAt(requestDeadline, carts.load(user)));
        // --- end of the example ---
        return Future.ready(cart);
    }

    @Test
    void timeoutAt_example_should_give_all_steps_of_a_request_one_deadline() {
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(handle("ada", clock.instant())));
            assertEquals(Instant.EPOCH.plusSeconds(30), e.deadline());
            assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime(), "10 s, then the 20 s left of 30");
        }
    }

    @Test
    void intervalAt_example_should_tick_on_the_hour() {
        clock.advance(Duration.ofMinutes(30));
        List<Instant> ticks = new ArrayList<>();
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            // --- the example of Time.intervalAt ---
            // Every hour on the hour, starting at the next full hour.
            Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            Interval hourly = Time.intervalAt(nextHour, Duration.ofHours(1));
            // --- end of the example ---
            for (int i = 0; i < 3; i++) {
                ticks.add(rt.blockOn(hourly.tick()));
            }
        }
        assertEquals(List.of(Instant.EPOCH.plusSeconds(3600), Instant.EPOCH.plusSeconds(7200),
                Instant.EPOCH.plusSeconds(10800)), ticks);
    }
}

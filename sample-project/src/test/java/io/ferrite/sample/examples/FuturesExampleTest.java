package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;
import static io.ferrite.Futures.mapConcurrent;
import static io.ferrite.Futures.race;
import static io.ferrite.Futures.select;
import static io.ferrite.Futures.tryJoin;
import static io.ferrite.time.Time.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Broadcast;
import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The examples of {@link Futures} and {@link Futures.Select}. */
class FuturesExampleTest {

    record User(long id) {
    }

    record Post(String title) {
    }

    record Notice(String text) {
    }

    record Dashboard(User user, List<Post> posts, List<Notice> notices) {
    }

    @Async
    Future<User> fetchUser(long id) {
        await(sleep(Duration.ofMillis(30)));
        return Future.ready(new User(id));
    }

    @Async
    Future<List<Post>> fetchPosts(long id) {
        await(sleep(Duration.ofMillis(20)));
        return Future.ready(List.of(new Post("hello")));
    }

    @Async
    Future<List<Notice>> fetchNotices(long id) {
        await(sleep(Duration.ofMillis(10)));
        return Future.ready(List.of(new Notice("welcome")));
    }

    // --- the class example of Futures ---

    @Async
    Future<Dashboard> loadDashboard(long userId) {
        Futures.Join3<User, List<Post>, List<Notice>> r =
                await(join(fetchUser(userId), fetchPosts(userId), fetchNotices(userId)));
        return Future.ready(new Dashboard(r.first(), r.second(), r.third()));
    }

    @Test
    void loadDashboard_should_combine_the_three_results_when_joined() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        Dashboard d;
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            d = rt.blockOn(loadDashboard(7));
        }
        assertEquals(new Dashboard(new User(7), List.of(new Post("hello")), List.of(new Notice("welcome"))), d);
        assertEquals(Duration.ofMillis(30).toNanos(), clock.nanoTime(), "the three calls overlapped");
    }

    // --- the class example of Futures.Select ---

    record Request(String path) {
    }

    final List<Request> handled = new ArrayList<>();

    void handle(Request r) {
        handled.add(r);
    }

    enum Next { MESSAGE, SHUTDOWN, TIMEOUT, CLOSED }

    @Async
    Future<Void> serve(Mpsc.Receiver<Request> requests, Broadcast.Receiver<String> shutdown) {
        while (true) {
            Next next = await(Futures.Select.<Next>biased()
                    .on(shutdown.recv(), s -> Next.SHUTDOWN)
                    .onNonNull(requests.recv(), r -> { handle(r); return Next.MESSAGE; })
                    .on(sleep(Duration.ofSeconds(30)), t -> Next.TIMEOUT)
                    .orElse(() -> Next.CLOSED));
            if (next != Next.MESSAGE) {
                return Future.ready(null);
            }
        }
    }

    // --- end of the example ---

    @Async
    Future<Void> serveTwoRequestsThenShutdown(VirtualTimeSource clock) {
        Mpsc.Channel<Request> requests = Mpsc.channel(4);
        Broadcast.Channel<String> shutdown = Broadcast.channel(1);
        JoinHandle<Void> server = Task.spawn(serve(requests.receiver(), shutdown.receiver()));
        await(requests.sender().send(new Request("/a")));
        await(requests.sender().send(new Request("/b")));
        await(sleep(Duration.ofSeconds(1)));
        assertEquals(List.of(new Request("/a"), new Request("/b")), handled);
        shutdown.sender().send("stop");
        await(server);
        assertEquals(Duration.ofSeconds(1).toNanos(), clock.nanoTime(), "stopped by the signal, not the timer");
        return Future.ready(null);
    }

    @Test
    void serve_should_handle_requests_until_the_shutdown_signal() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            rt.blockOn(serveTwoRequestsThenShutdown(clock));
        }
    }

    @Test
    void serve_should_return_when_no_request_arrives_for_30_seconds() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        Mpsc.Channel<Request> requests = Mpsc.channel(4);
        Broadcast.Channel<String> shutdown = Broadcast.channel(1);
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            rt.blockOn(serve(requests.receiver(), shutdown.receiver()));
        }
        assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime());
        assertEquals(List.of(), handled);
    }

    // --- method examples ---

    @Async
    Future<String> answer(String who, int millis) {
        await(sleep(Duration.ofMillis(millis)));
        return Future.ready(who);
    }

    @Async
    Future<String> failing(String why, int millis) {
        await(sleep(Duration.ofMillis(millis)));
        throw new IllegalStateException(why);
    }

    @Async
    Future<String> selectAndRace() {
        Futures.Selected<String> s = await(select(answer("primary", 20), answer("replica", 10)));
        String fastest = await(race(answer("dnsA", 5), answer("dnsB", 1)));
        return Future.ready(s.index() + " " + s.value() + ", " + fastest);
    }

    @Test
    void select_should_name_the_winner_and_race_return_its_value() {
        assertEquals("1 replica, dnsB", Runtimes.blockOnVirtual(selectAndRace()));
    }

    @Test
    void mapConcurrent_should_keep_input_order_when_results_finish_out_of_order() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        List<String> result;
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            result = rt.blockOn(mapConcurrent(List.of("ccc", "a", "bb", "d"), 2, id -> answer(id, 10 * id.length())));
        }
        assertEquals(List.of("ccc", "a", "bb", "d"), result);
        // Two slots: ccc (30 ms) in one; a (10 ms), then bb (20 ms) in the other; then d (10 ms).
        assertEquals(Duration.ofMillis(40).toNanos(), clock.nanoTime());
    }

    @Test
    void tryJoin_should_fail_with_the_first_failure_when_one_fails() {
        IllegalStateException down = assertThrows(IllegalStateException.class,
                () -> Runtimes.blockOnVirtual(tryJoin(answer("user", 50), failing("posts down", 10))));
        assertEquals("posts down", down.getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> Runtimes.blockOnVirtual(join(failing("first", 10), failing("second", 20))));
        assertEquals("first", again.getMessage());
        assertSame(IllegalStateException.class, again.getSuppressed()[0].getClass());
    }

    // --- the example of Futures.fromStage ---

    @Async
    Future<String> quoteWithPosts(CompletableFuture<String> legacy) {
        Futures.Join2<String, List<Post>> r = await(join(Futures.fromStage(legacy), fetchPosts(1)));
        return Future.ready(r.first() + " / " + r.second().get(0).title());
    }

    @Test
    void fromStage_example_should_join_an_eager_completable_future_with_an_async_call() {
        CompletableFuture<String> legacy = CompletableFuture.supplyAsync(() -> "quote 12");   // eager, elsewhere
        assertEquals("quote 12 / hello", Runtimes.blockOnVirtual(quoteWithPosts(legacy)));
    }

    // --- the example of Futures.uncancellable ---

    record Account(String name) {
    }

    final List<String> ledger = new ArrayList<>();

    final class Tx {
        @Async
        Future<Void> debit(Account account, long amount) {
            await(sleep(Duration.ofMillis(10)));
            ledger.add("debit " + account.name() + " " + amount);
            return Future.ready(null);
        }

        @Async
        Future<Void> credit(Account account, long amount) {
            await(sleep(Duration.ofMillis(10)));
            ledger.add("credit " + account.name() + " " + amount);
            return Future.ready(null);
        }

        @Async
        Future<Void> commit() {
            await(sleep(Duration.ofMillis(10)));
            ledger.add("commit");
            return Future.ready(null);
        }

        @Async
        Future<Void> close() {
            await(sleep(Duration.ofMillis(5)));
            ledger.add("close");
            return Future.ready(null);
        }
    }

    final class Db {
        Future<Tx> begin() {
            return Future.ready(new Tx());
        }
    }

    final Db db = new Db();

    @Async
    Future<Void> transfer(Account from, Account to, long amount) {
        Tx tx = await(db.begin());
        try {
            await(tx.debit(from, amount));
            await(tx.credit(to, amount));
            await(tx.commit());
        } finally {
            await(Futures.uncancellable(tx.close()));   // runs even if the task is aborted
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    @Async
    Future<Void> abortTransferDuringTheDebit() {
        JoinHandle<Void> transfer = Task.spawn(transfer(new Account("a"), new Account("b"), 5));
        await(sleep(Duration.ofMillis(5)));   // the debit takes 10 ms
        transfer.abort();
        await(sleep(Duration.ofMillis(20)));  // the close takes 5 ms, on a task of its own
        return Future.ready(null);
    }

    @Test
    void uncancellable_should_close_the_transaction_when_the_transfer_is_aborted() {
        Runtimes.blockOnVirtual(abortTransferDuringTheDebit());

        assertEquals(List.of("close"), ledger);
    }

    @Test
    void transfer_should_close_the_transaction_after_committing_when_not_cancelled() {
        Runtimes.blockOnVirtual(transfer(new Account("a"), new Account("b"), 5));

        assertEquals(List.of("debit a 5", "credit b 5", "commit", "close"), ledger);
    }
}

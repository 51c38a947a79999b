package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Broadcast;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.Watch;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.stream.AsyncStream;
import io.ferrite.stream.Indexed;
import io.ferrite.stream.Pair;
import io.ferrite.sync.CancellationToken;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@link AsyncStream}, {@link Pair}, {@link Indexed} and the {@code stream()}
 * methods of the channel receivers and {@code Interval}, as written in their javadoc (each line
 * between the "example" markers is the javadoc's), run on a virtual-clock runtime.
 */
class AsyncStreamExampleTest {

    private final VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();

    private <T> T run(Future<T> f) {
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            return rt.blockOn(f);
        }
    }

    private <T> List<T> all(AsyncStream<T> s) {
        return run(s.collect());
    }

    // ------------------------------------------------------------- stubs the examples use

    record User(long id) {
    }

    record Page(int number) {
    }

    record Event(String what) {
    }

    record Quote(double price) {
    }

    record Config(String level) {
    }

    record Job(int id) {
    }

    record Request(int id) {
    }

    record Reading(double value) {
    }

    record Order(int id) {
    }

    final List<String> shipped = new ArrayList<>();
    final List<Job> ran = new ArrayList<>();

    @Async
    Future<User> fetchUser(long id) {
        await(Time.sleep(Duration.ofMillis(10)));
        return Future.ready(new User(id));
    }

    @Async
    Future<Page> fetch(String url) {
        await(Time.sleep(Duration.ofMillis(url.length())));
        return Future.ready(new Page(url.length()));
    }

    @Async
    Future<Void> ship(Order order) {
        await(Time.sleep(Duration.ofMillis(5)));
        shipped.add("order " + order.id());
        return Future.ready(null);
    }

    final List<Event> handled = new ArrayList<>();
    final List<Config> applied = new ArrayList<>();
    int reports;

    void run(Job job) {
        ran.add(job);
    }

    void handle(Event event) {
        handled.add(event);
    }

    void apply(Config config) {
        applied.add(config);
    }

    void report() {
        reports++;
    }

    // ------------------------------------------------------------- the class example

    @Async
    Future<Integer> sum(AsyncStream<Integer> numbers) {
        int total = 0;
        for (Integer n; (n = await(numbers.next())) != null; ) {
            total += n;
        }
        return Future.ready(total);
    }

    @Test
    void sum_should_add_every_item_read_with_next() {
        assertEquals(55, run(sum(AsyncStream.range(1, 11))));
        assertEquals(0, run(sum(AsyncStream.empty())));
    }

    @Async
    Future<String> firstLine(AsyncStream<String> lines) {
        // --- example of next() ---
        String first = await(lines.next());   // null if the stream was empty
        // --- end ---
        return Future.ready(first);
    }

    @Test
    void next_should_give_the_first_item_or_null() {
        assertEquals("a", run(firstLine(AsyncStream.of("a", "b"))));
        assertNull(run(firstLine(AsyncStream.empty())));
    }

    // ------------------------------------------------------------- sources

    @Test
    void source_examples_should_make_the_documented_streams() {
        AsyncStream<String> none = AsyncStream.empty();
        AsyncStream<String> words = AsyncStream.of("red", "green", "blue");
        AsyncStream<Path> files = AsyncStream.fromIterable(List.of(Path.of("a"), Path.of("b")));
        AsyncStream<Integer> tens = AsyncStream.range(0, 100).filter(i -> i % 10 == 0);
        AsyncStream<String> hello = AsyncStream.once("hello");
        AsyncStream<User> user = AsyncStream.fromFuture(fetchUser(42));
        AsyncStream<String> pings = AsyncStream.repeat("ping").take(3);
        // pages of a paginated API, fetched one at a time as the consumer asks
        AsyncStream<Page> pages = AsyncStream.unfold(1, n -> n > 3 ? Future.ready(null)
                : Future.ready(Pair.of(new Page(n), n + 1)));

        assertEquals(List.of(), all(none));
        assertEquals(List.of("red", "green", "blue"), all(words));
        assertEquals(List.of(Path.of("a"), Path.of("b")), all(files));
        assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90), all(tens));
        assertEquals(List.of("hello"), all(hello));
        assertEquals(List.of(new User(42)), all(user));
        assertEquals(List.of("ping", "ping", "ping"), all(pings));
        assertEquals(List.of(new Page(1), new Page(2), new Page(3)), all(pages));
    }

    @Test
    void merge_example_should_yield_every_stream_s_items() {
        AsyncStream<Event> clicks = AsyncStream.of(new Event("click"));
        AsyncStream<Event> keys = AsyncStream.of(new Event("key"), new Event("key"));
        AsyncStream<Event> timers = AsyncStream.empty();
        AsyncStream<Event> all = AsyncStream.merge(List.of(clicks, keys, timers));
        assertEquals(3, all(all).size());
    }

    @Test
    void channel_examples_should_read_the_receivers() {
        Mpsc.UnboundedChannel<Job> jobChannel = Mpsc.unboundedChannel();
        Broadcast.Channel<Event> busChannel = Broadcast.channel(2);
        Broadcast.Channel<Quote> feedChannel = Broadcast.channel(1);
        Broadcast.Sender<Event> bus = busChannel.sender();
        Broadcast.Sender<Quote> feed = feedChannel.sender();
        Watch.Channel<Config> configChannel = Watch.channel(new Config("info"));
        List<Long> dropped = new ArrayList<>();

        AsyncStream<Job> jobs = AsyncStream.from(jobChannel.receiver());
        AsyncStream<Event> events = AsyncStream.from(bus.subscribe());
        AsyncStream<Quote> quotes = AsyncStream.fromBroadcast(feed.subscribe(), missed -> dropped.add(missed));
        AsyncStream<Config> configs = AsyncStream.from(configChannel.receiver());

        jobChannel.sender().send(new Job(1));
        jobChannel.sender().close();
        bus.send(new Event("e"));
        bus.close();
        busChannel.receiver().close();
        feed.send(new Quote(1));
        feed.send(new Quote(2));
        feed.close();
        feedChannel.receiver().close();
        configChannel.sender().send(new Config("debug"));
        configChannel.sender().close();

        assertEquals(List.of(new Job(1)), all(jobs));
        assertEquals(List.of(new Event("e")), all(events));
        assertEquals(List.of(new Quote(2)), all(quotes));
        assertEquals(List.of(1L), dropped);
        assertEquals(List.of(new Config("debug")), all(configs));
    }

    @Test
    void interval_example_should_tick_three_times() {
        AsyncStream<Instant> ticks = AsyncStream.from(Time.interval(Duration.ofSeconds(1))).take(3);
        assertEquals(List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), Instant.EPOCH.plusSeconds(2)), all(ticks));
    }

    @Test
    void fromPublisher_example_should_read_what_the_publisher_submits() {
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).build()) {
            SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
            AsyncStream<String> lines = AsyncStream.fromPublisher(publisher, 64);
            var collected = rt.spawn(lines.collect());
            while (publisher.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait();
            }
            publisher.submit("one");
            publisher.submit("two");
            publisher.close();
            assertEquals(List.of("one", "two"), rt.blockOn(collected));
        }
    }

    // ------------------------------------------------------------- combinators

    @Test
    void combinator_examples_should_give_the_documented_items() {
        AsyncStream<Integer> lengths = AsyncStream.of("a", "bb", "ccc").map(String::length);
        AsyncStream<Integer> even = AsyncStream.range(0, 10).filter(i -> i % 2 == 0);
        AsyncStream<Integer> numbers = AsyncStream.of("1", "x", "3").filterMap(s -> s.matches("\\d+") ? Integer.valueOf(s) : null);
        AsyncStream<User> users = AsyncStream.of(1L, 2L, 3L).then(id -> fetchUser(id));
        AsyncStream<String> letters = AsyncStream.of("ab", "c").flatMap(s -> AsyncStream.of(s.split("")));
        AsyncStream<Integer> all = AsyncStream.of(AsyncStream.of(1, 2), AsyncStream.of(3)).flatten();
        AsyncStream<Integer> firstThree = AsyncStream.range(0, 1_000_000).take(3);
        AsyncStream<String> body = AsyncStream.of("header", "row1", "row2").skip(1);
        AsyncStream<Integer> small = AsyncStream.of(1, 2, 10, 3).takeWhile(i -> i < 5);   // 1, 2
        AsyncStream<Integer> rest = AsyncStream.of(1, 2, 10, 3).skipWhile(i -> i < 5);   // 10, 3
        AsyncStream<Indexed<String>> numbered = AsyncStream.of("a", "b").enumerate();   // (0, a), (1, b)
        AsyncStream<Pair<String, Integer>> pairs = AsyncStream.of("a", "b").zip(AsyncStream.range(0, 10));
        AsyncStream<String> labelled = AsyncStream.of("a", "b").zip(AsyncStream.range(1, 10), (s, i) -> i + s);   // 1a, 2b
        AsyncStream<Integer> both = AsyncStream.of(1, 2).chain(AsyncStream.of(3));
        AsyncStream<List<Integer>> batches = AsyncStream.range(0, 10).chunks(4);   // [0..3], [4..7], [8, 9]

        assertEquals(List.of(1, 2, 3), all(lengths));
        assertEquals(List.of(0, 2, 4, 6, 8), all(even));
        assertEquals(List.of(1, 3), all(numbers));
        assertEquals(List.of(new User(1), new User(2), new User(3)), all(users));
        assertEquals(List.of("a", "b", "c"), all(letters));
        assertEquals(List.of(1, 2, 3), all(all));
        assertEquals(List.of(0, 1, 2), all(firstThree));
        assertEquals(List.of("row1", "row2"), all(body));
        assertEquals(List.of(1, 2), all(small));
        assertEquals(List.of(10, 3), all(rest));
        assertEquals(List.of(new Indexed<>(0, "a"), new Indexed<>(1, "b")), all(numbered));
        assertEquals(List.of(Pair.of("a", 0), Pair.of("b", 1)), all(pairs));
        assertEquals(List.of("1a", "2b"), all(labelled));
        assertEquals(List.of(1, 2, 3), all(both));
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), all(batches));
    }

    @Test
    void takeUntil_example_should_stop_the_ticks_at_shutdown() {
        CancellationToken shutdown = new CancellationToken();
        AsyncStream<Instant> ticks = Time.interval(Duration.ofSeconds(1)).stream().takeUntil(shutdown.cancelled());
        List<Instant> seen = run(ticks.map(t -> {
            if (t.equals(Instant.EPOCH.plusSeconds(2))) {
                shutdown.cancel();
            }
            return t;
        }).collect());
        assertEquals(3, seen.size());
    }

    @Test
    void merge_with_example_should_read_both_receivers() {
        Mpsc.UnboundedChannel<String> orders = Mpsc.unboundedChannel();
        Mpsc.UnboundedChannel<String> refunds = Mpsc.unboundedChannel();
        AsyncStream<String> both = AsyncStream.from(orders.receiver()).merge(AsyncStream.from(refunds.receiver()));
        orders.sender().send("order");
        refunds.sender().send("refund");
        orders.sender().close();
        refunds.sender().close();
        assertEquals(List.of("order", "refund"), all(both).stream().sorted().toList());
    }

    @Test
    void time_examples_should_batch_pace_and_time_out() {
        AsyncStream<Event> events = AsyncStream.repeat(new Event("e")).take(250);
        AsyncStream<Request> requests = AsyncStream.range(0, 3).map(Request::new);
        AsyncStream<Reading> slow = AsyncStream.of(new Reading(1)).chain(AsyncStream.range(0, 1)
                .then(i -> Time.sleep(Duration.ofSeconds(6))).map(v -> new Reading(2)));
        var sensor = new Object() {
            AsyncStream<Reading> readings() {
                return slow;
            }
        };

        AsyncStream<List<Event>> batches = events.chunksTimeout(100, Duration.ofMillis(50));
        AsyncStream<Request> paced = requests.throttle(Duration.ofMillis(100));   // at most 10 per second
        AsyncStream<Reading> readings = sensor.readings().timeout(Duration.ofSeconds(5));

        assertEquals(List.of(100, 100, 50), all(batches).stream().map(List::size).toList());
        long start = clock.nanoTime();
        assertEquals(3, all(paced).size());
        // items at 0, 100 and 200 ms; the end too waits for the period after the last item
        assertEquals(Duration.ofMillis(300).toNanos(), clock.nanoTime() - start);
        List<Reading> got = new ArrayList<>();
        assertThrows(Elapsed.class, () -> run(readings.forEach(got::add)));
        assertEquals(List.of(new Reading(1)), got);
    }

    @Test
    void concurrency_examples_should_fetch_every_page() {
        List<String> list = List.of("aaa", "b", "cc");
        AsyncStream<String> urls = AsyncStream.fromIterable(list);

        AsyncStream<Future<Page>> fetches = urls.map(url -> fetch(url));
        AsyncStream<Page> pages = fetches.buffered(4);
        assertEquals(List.of(new Page(3), new Page(1), new Page(2)), all(pages));

        urls = AsyncStream.fromIterable(list);
        pages = urls.buffered(4, url -> fetch(url));   // in the order of urls
        assertEquals(List.of(new Page(3), new Page(1), new Page(2)), all(pages));

        urls = AsyncStream.fromIterable(list);
        pages = urls.map(url -> fetch(url)).bufferUnordered(4);
        assertEquals(List.of(new Page(1), new Page(2), new Page(3)), all(pages));

        urls = AsyncStream.fromIterable(list);
        pages = urls.bufferUnordered(4, url -> fetch(url));   // as they finish
        assertEquals(List.of(new Page(1), new Page(2), new Page(3)), all(pages));
    }

    // ------------------------------------------------------------- terminals

    @Async
    Future<List<Object>> terminals(List<String> seen, List<Order> orders) {
        await(AsyncStream.of("a", "b").forEach(seen::add));
        await(AsyncStream.fromIterable(orders).forEachConcurrent(8, order -> ship(order)));
        int total = await(AsyncStream.of(1, 2, 3).fold(0, (sum, i) -> sum + i));   // 6
        List<String> all = await(AsyncStream.of("a", "b").collect());
        String csv = await(AsyncStream.of("a", "b", "c").collect(Collectors.joining(",")));   // "a,b,c"
        long n = await(AsyncStream.range(0, 100).filter(i -> i % 7 == 0).count());   // 15
        Integer firstBig = await(AsyncStream.range(0, 1_000).filter(i -> i > 500).first());   // 501
        String lastLine = await(AsyncStream.of("a", "b", "c").last());   // "c"
        Indexed<String> first = await(AsyncStream.of("a", "b").enumerate().first());
        long index = first.index();   // 0
        String item = first.item();   // "a"
        return Future.ready(List.of(total, all, csv, n, firstBig, lastLine, index, item));
    }

    @Test
    void terminal_examples_should_give_the_documented_results() {
        List<String> seen = new ArrayList<>();
        List<Object> r = run(terminals(seen, List.of(new Order(1), new Order(2))));
        assertEquals(List.of("a", "b"), seen);
        assertEquals(List.of("order 1", "order 2"), shipped.stream().sorted().toList());
        assertEquals(List.of(6, List.of("a", "b"), "a,b,c", 15L, 501, "c", 0L, "a"), r);
    }

    @Test
    void pair_example_should_hold_both_values() {
        Pair<String, Integer> p = Pair.of("a", 1);
        String name = p.first();
        int count = p.second();
        assertEquals("a", name);
        assertEquals(1, count);
    }

    @Test
    void toPublisher_example_should_deliver_to_the_subscriber() throws Exception {
        java.util.concurrent.CompletableFuture<List<String>> got = new java.util.concurrent.CompletableFuture<>();
        Flow.Subscriber<String> subscriber = new Flow.Subscriber<>() {
            final List<String> items = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable t) {
                got.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                got.complete(items);
            }
        };
        try (AsyncRuntime runtime = AsyncRuntime.multiThread().workerThreads(1).build()) {
            Flow.Publisher<String> publisher = AsyncStream.of("a", "b").toPublisher(runtime);
            publisher.subscribe(subscriber);
            assertEquals(List.of("a", "b"), got.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    // ------------------------------------------------------------- stream() of receivers and Interval

    @Test
    void stream_methods_examples_should_read_receivers_and_intervals() {
        Mpsc.UnboundedChannel<Job> jobs = Mpsc.unboundedChannel();
        Mpsc.Receiver<Job> rx = jobs.receiver();
        jobs.sender().send(new Job(7));
        jobs.sender().close();
        run(rx.stream().forEach(job -> run(job)));
        assertEquals(List.of(new Job(7)), ran);

        Broadcast.Channel<Event> bus = Broadcast.channel(4);
        Broadcast.Receiver<Event> brx = bus.receiver();
        bus.sender().send(new Event("x"));
        bus.sender().close();
        run(brx.stream().forEach(event -> handle(event)));
        assertEquals(List.of(new Event("x")), handled);

        Watch.Channel<Config> cfg = Watch.channel(new Config("info"));
        Watch.Receiver<Config> wrx = cfg.receiver();
        cfg.sender().send(new Config("warn"));
        cfg.sender().close();
        run(wrx.stream().forEach(config -> apply(config)));
        assertEquals(List.of(new Config("warn")), applied);

        run(Time.interval(Duration.ofSeconds(1)).stream().take(3).forEach(t -> report()));
        assertEquals(3, reports);
        assertInstanceOf(AsyncStream.class, wrx.stream());
        assertTrue(clock.nanoTime() >= Duration.ofSeconds(2).toNanos());
    }
}

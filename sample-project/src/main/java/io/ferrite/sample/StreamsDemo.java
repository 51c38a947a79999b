package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;
import static io.ferrite.Futures.join;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.stream.AsyncStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams (Rust's {@code futures::Stream}): the seeds' countdown generator, written with
 * {@code emit} as the {@code stream!} macro writes it with {@code yield}; a
 * {@code bufferUnordered(4)} fetch that keeps at most four slow calls in flight; and a channel
 * receiver read as a stream.
 */
final class StreamsDemo {

    /** What the demo observed. */
    record Outcome(List<Integer> countdown, List<String> aheadOfConsumer, int maxInFlight, long fetchMillis,
            List<Integer> fetched, int received) {
    }

    private static final int COUNT_FROM = 3;
    private static final Duration TICK = Duration.ofMillis(100);
    private static final int CALLS = 12;
    private static final int IN_FLIGHT = 4;
    private static final Duration CALL_TIME = Duration.ofMillis(100);
    private static final int MESSAGES = 5;

    private final Report report;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> generatorLog = new ArrayList<>();
    private long start;

    StreamsDemo(Report report) {
        this.report = report;
    }

    /** The seeds' countdown: {@code yield i;} then {@code sleep(100 ms).await} in a loop. */
    @Async
    AsyncStream<Integer> countdown(int from) {
        for (int i = from; i > 0; i--) {
            generatorLog.add("emit " + i);
            emit(i);
            generatorLog.add("resumed after " + i);
            await(sleep(TICK));
        }
        return AsyncStream.empty();
    }

    /** A slow service call. */
    @Async
    Future<Integer> fetch(int id) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        await(sleep(CALL_TIME));
        inFlight.decrementAndGet();
        return Future.ready(id * 10);
    }

    /** Sends 1..MESSAGES and closes, which ends the receiver's stream. */
    @Async
    Future<Void> produce(Mpsc.Sender<Integer> out) {
        try (out) {
            for (int i = 1; i <= MESSAGES; i++) {
                await(out.send(i));
            }
        }
        return Future.ready(null);
    }

    @Async
    Future<Outcome> run() {
        // 1. The countdown generator, read with await(next()) as Rust's while let Some(x) = s.next().await.
        start = report.now();
        AsyncStream<Integer> numbers = countdown(COUNT_FROM);
        List<Integer> counted = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        for (Integer n; (n = await(numbers.next())) != null; ) {
            report.at(start, "countdown: %d", n);
            counted.add(n);
            if (generatorLog.contains("resumed after " + n)) {
                ahead.add("resumed after " + n + " before the consumer asked");
            }
        }
        long countMillis = report.millisSince(start);
        report.check(counted.equals(List.of(3, 2, 1)), "the generator emitted 3, 2, 1 and ended");
        report.check(ahead.isEmpty(), "the generator never ran ahead of its consumer" + (ahead.isEmpty() ? "" : ": " + ahead));
        report.check(countMillis >= COUNT_FROM * TICK.toMillis(), "each item came after a 100 ms sleep in the"
                + " generator (" + countMillis + " ms for " + COUNT_FROM + ")");

        // 2. bufferUnordered(4): twelve slow calls, at most four in flight, results as they finish.
        start = report.now();
        List<Integer> fetched = await(AsyncStream.range(1, CALLS + 1)
                .bufferUnordered(IN_FLIGHT, this::fetch)
                .collect());
        long fetchMillis = report.millisSince(start);
        long sequential = CALLS * CALL_TIME.toMillis();
        report.line("%d calls of %d ms through bufferUnordered(%d): %d ms, at most %d in flight; one at a time: %d"
                + " ms", CALLS, CALL_TIME.toMillis(), IN_FLIGHT, fetchMillis, maxInFlight.get(), sequential);
        report.check(fetched.size() == CALLS && fetched.stream().mapToInt(Integer::intValue).sum() == 10 * 78,
                "every call's result arrived");
        report.check(maxInFlight.get() == IN_FLIGHT, "never more than " + IN_FLIGHT + " calls in flight, and the"
                + " limit was reached");
        report.check(fetchMillis < sequential / 2, "three rounds of four calls, not twelve calls one after the"
                + " other (" + fetchMillis + " of " + sequential + " ms)");

        // 3. A channel receiver as a stream: forEach ends when every sender has closed.
        Mpsc.Channel<Integer> channel = Mpsc.channel(2);
        List<Integer> received = new ArrayList<>();
        await(join(produce(channel.sender()), channel.receiver().stream().forEach(received::add)));
        report.line("received %s from the channel, read as a stream", received);
        report.check(received.equals(List.of(1, 2, 3, 4, 5)), "every message arrived in order and the stream ended"
                + " when the sender closed");
        return Future.ready(new Outcome(counted, ahead, maxInFlight.get(), fetchMillis, fetched, received.size()));
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline of three stages joined by bounded mpsc channels (Tokio's {@code mpsc::channel}):
 * producer, then transformer, then consumer. The channels hold two messages each; when the
 * slow stages fall behind, the producer's {@code send} waits for room (backpressure), so memory
 * stays bounded and the whole pipeline runs at the pace of its slowest stage.
 */
final class ChannelPipeline {

    /** What the demo observed. */
    record Outcome(List<String> consumed, int producerWaits, long millis) {
    }

    private static final int ITEMS = 5;
    private static final int CAPACITY = 2;
    private static final Duration TRANSFORM_TIME = Duration.ofMillis(100);
    private static final Duration CONSUME_TIME = Duration.ofMillis(100);

    private final Report report;
    private long start;

    ChannelPipeline(Report report) {
        this.report = report;
    }

    /** Sends 1..ITEMS as fast as the channel takes them; returns how often it had to wait. */
    @Async
    Future<Integer> produce(Mpsc.Sender<Integer> out) {
        int waits = 0;
        try (out) {
            for (int i = 1; i <= ITEMS; i++) {
                if (out.trySend(i).isFull()) {
                    waits++;
                    report.at(start, "producer:    channel full, waiting to send %d", i);
                    if (!await(out.send(i)).isSent()) {
                        break;                          // the receiver has gone
                    }
                }
                report.at(start, "producer:    sent %d", i);
            }
        }                                               // closing the sender ends the stream
        return Future.ready(waits);
    }

    @Async
    Future<Void> transform(Mpsc.Receiver<Integer> in, Mpsc.Sender<String> out) {
        try (out) {
            for (Integer n; (n = await(in.recv())) != null; ) {
                await(sleep(TRANSFORM_TIME));           // some work on each item
                await(out.send(n + "^2=" + n * n));
            }
        }
        return Future.ready(null);
    }

    @Async
    Future<List<String>> consume(Mpsc.Receiver<String> in) {
        List<String> stored = new ArrayList<>();
        for (String item; (item = await(in.recv())) != null; ) {
            await(sleep(CONSUME_TIME));                 // a slow database write
            stored.add(item);
            report.at(start, "consumer:    stored %s", item);
        }
        return Future.ready(stored);                    // every sender closed, buffer drained
    }

    @Async
    Future<Outcome> run() {
        Mpsc.Channel<Integer> numbers = Mpsc.channel(CAPACITY);
        Mpsc.Channel<String> squares = Mpsc.channel(CAPACITY);
        start = report.now();
        Futures.Join3<Integer, Void, List<String>> done = await(join(
                produce(numbers.sender()),
                transform(numbers.receiver(), squares.sender()),
                consume(squares.receiver())));
        long millis = report.millisSince(start);
        int waits = done.first();
        List<String> consumed = done.third();
        report.line("%d items through two %d ms stages in %d ms; one stage after the other: %d ms", ITEMS,
                TRANSFORM_TIME.toMillis(), millis, ITEMS * (TRANSFORM_TIME.toMillis() + CONSUME_TIME.toMillis()));
        report.check(consumed.equals(List.of("1^2=1", "2^2=4", "3^2=9", "4^2=16", "5^2=25")),
                "every item arrived, in order, and the channels ended when the senders closed");
        report.check(waits > 0, "backpressure: the producer waited for room when the channel was full");
        report.check(millis < ITEMS * (TRANSFORM_TIME.toMillis() + CONSUME_TIME.toMillis()),
                "the stages worked at the same time, on different items");
        return Future.ready(new Outcome(consumed, waits, millis));
    }
}

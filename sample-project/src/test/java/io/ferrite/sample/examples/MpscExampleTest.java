package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link Mpsc}. */
class MpscExampleTest {

    final List<String> lines = Collections.nCopies(100, "0123456789");
    int sendsMade;

    // --- the class example ---

    Mpsc.Channel<String> ch = Mpsc.channel(16);

    @Async
    Future<Void> produce(Mpsc.Sender<String> tx) {
        try (tx) {
            for (String line : lines) {
                sendsMade++;
                if (!await(tx.send(line)).isSent()) {
                    break;   // the consumer has gone
                }
            }
        }
        return Future.ready(null);
    }

    @Async
    Future<Integer> consume(Mpsc.Receiver<String> rx) {
        int count = 0;
        for (String line; (line = await(rx.recv())) != null; ) {
            count += line.length();
        }
        return Future.ready(count);   // every sender closed and the buffer drained
    }

    // --- end of the example (sendsMade++ added to observe the producer) ---

    @Test
    void consume_should_count_every_line_when_the_producer_closes_its_sender() {
        Futures.Join2<Void, Integer> r = Runtimes.blockOnVirtual(join(produce(ch.sender()), consume(ch.receiver())));
        assertEquals(100 * 10, r.second());
    }

    @Test
    void produce_should_stop_sending_when_the_consumer_has_gone() {
        ch.receiver().close();
        Runtimes.blockOnVirtual(produce(ch.sender()));
        assertEquals(1, sendsMade);
    }
}

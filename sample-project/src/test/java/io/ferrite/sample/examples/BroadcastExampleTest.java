package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.Task.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Broadcast;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;

/** The examples of {@link Broadcast}. */
class BroadcastExampleTest {

    final Set<Integer> cleanedUp = new ConcurrentSkipListSet<>();

    @Async
    Future<Void> doWork(int id) {
        await(Time.sleep(Duration.ofMillis(30)));
        return Future.ready(null);
    }

    @Async
    Future<Void> cleanup(int id) {
        cleanedUp.add(id);
        return Future.ready(null);
    }

    // --- the class example: the worker ---

    @Async
    Future<Void> worker(int id, Broadcast.Receiver<String> stop) {
        while (true) {
            boolean stopping = await(Futures.Select.<Boolean>biased()
                    .on(stop.recv(), msg -> true)
                    .on(doWork(id), done -> false));
            if (stopping) {
                return cleanup(id);
            }
        }
    }

    // --- end of the worker ---

    @Async
    Future<Void> startAndStopFourWorkers() {
        List<JoinHandle<Void>> workers = new ArrayList<>();
        // --- the class example: main (keeping the handles, to wait for the workers) ---
        Broadcast.Channel<String> shutdown = Broadcast.channel(1);

        for (int i = 0; i < 4; i++) {
            workers.add(spawn(worker(i, shutdown.sender().subscribe())));
        }
        await(Time.sleep(Duration.ofMillis(100)));
        shutdown.sender().send("stop");   // every worker's select sees it
        // ---
        for (JoinHandle<Void> w : workers) {
            await(w);
        }
        return Future.ready(null);
    }

    @Test
    void worker_should_clean_up_and_return_when_stop_is_broadcast() {
        Runtimes.blockOnVirtual(startAndStopFourWorkers());
        assertEquals(Set.of(0, 1, 2, 3), cleanedUp);
    }

    // --- the example of LaggedException ---

    final List<Long> dropped = new ArrayList<>();

    @Async
    Future<List<String>> readAll(Broadcast.Receiver<String> rx) {
        List<String> received = new ArrayList<>();
        while (true) {
            String msg;
            try {
                msg = await(rx.recv());
            } catch (Broadcast.LaggedException e) {
                dropped.add(e.missed());
                continue;
            }
            if (msg == null) {
                return Future.ready(received);
            }
            received.add(msg);
        }
    }

    @Test
    void recv_should_report_the_missed_messages_then_continue_with_the_oldest_kept() {
        Broadcast.Channel<String> events = Broadcast.channel(2);
        try (Broadcast.Sender<String> tx = events.sender()) {
            for (int i = 1; i <= 5; i++) {
                tx.send("event " + i);
            }
        }
        assertEquals(List.of("event 4", "event 5"), Runtimes.blockOnVirtual(readAll(events.receiver())));
        assertEquals(List.of(3L), dropped);
    }
}

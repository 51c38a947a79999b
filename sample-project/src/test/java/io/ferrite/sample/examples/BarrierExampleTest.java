package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.joinAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.sync.Barrier;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The example of {@link Barrier}. */
class BarrierExampleTest {

    /** Records what the example logs. */
    final class Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        void info(String line) {
            lines.add(line);
        }
    }

    final Log log = new Log();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Async
    Future<Void> load(int shard) {
        await(Time.sleep(Duration.ofMillis(10L * shard)));
        events.add("loaded " + shard);
        return Future.ready(null);
    }

    @Async
    Future<Void> serve(int shard) {
        events.add("serving " + shard);
        return Future.ready(null);
    }

    // --- the class example ---

    Barrier loaded = new Barrier(3);

    @Async
    Future<Void> worker(int shard) {
        await(load(shard));
        if (await(loaded.arriveAndWait())) {   // true for exactly one worker
            log.info("all shards loaded");
        }
        return serve(shard);
    }

    // --- end of the example ---

    @Test
    void worker_should_serve_only_after_every_shard_loaded_and_log_once() {
        Runtimes.blockOnVirtual(joinAll(List.of(worker(3), worker(1), worker(2))));
        assertEquals(List.of("all shards loaded"), log.lines);
        assertEquals(List.of("loaded 1", "loaded 2", "loaded 3"), events.subList(0, 3));
        assertEquals(List.of("serving 1", "serving 2", "serving 3"),
                events.subList(3, 6).stream().sorted().toList());
    }
}

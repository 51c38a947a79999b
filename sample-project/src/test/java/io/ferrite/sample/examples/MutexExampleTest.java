package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.joinAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.sync.Mutex;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of {@link Mutex}. */
class MutexExampleTest {

    final List<String> flushed = new ArrayList<>();

    /** Moves the lines to {@link #flushed} once there are two, taking 10 ms. */
    @Async
    Future<Void> flushIfFull(List<String> lines) {
        if (lines.size() >= 2) {
            await(Time.sleep(Duration.ofMillis(10)));
            flushed.addAll(lines);
            lines.clear();
        }
        return Future.ready(null);
    }

    // --- the class example ---

    Mutex<List<String>> log = new Mutex<>(new ArrayList<>());

    @Async
    Future<Void> record(String line) {
        try (Mutex.Guard<List<String>> guard = await(log.lock())) {
            guard.get().add(line);
            await(flushIfFull(guard.get()));    // fine: other writers wait, no thread blocks
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    @Test
    void record_should_keep_every_line_when_writers_wait_for_a_flush_in_progress() {
        Runtimes.blockOnVirtual(joinAll(List.of(record("a"), record("b"), record("c"), record("d"), record("e"))));
        assertEquals(List.of("a", "b", "c", "d"), flushed);
        assertEquals(List.of("e"), log.tryLock().get());
    }

    // --- the "fetch first, then lock" example ---

    final Mutex<List<Integer>> items = new Mutex<>(new ArrayList<>());

    @Async
    Future<List<Integer>> fetchMoreData() {
        await(Time.sleep(Duration.ofMillis(50)));
        return Future.ready(List.of(1, 2));
    }

    @Async
    Future<Void> addMore() {
        var more = await(fetchMoreData());          // no lock held while fetching
        try (var guard = await(items.lock())) {
            guard.get().addAll(more);               // lock only for the mutation
        }
        return Future.ready(null);
    }

    @Test
    void addMore_should_add_the_fetched_items_under_the_lock() {
        Runtimes.blockOnVirtual(joinAll(List.of(addMore(), addMore())));
        try (var guard = items.tryLock()) {
            assertEquals(List.of(1, 2, 1, 2), guard.get());
        }
    }
}

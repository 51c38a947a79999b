package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.LocalSet;
import io.ferrite.runtime.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of {@link LocalSet} and {@link Task#spawnLocal}. */
class LocalSetExampleTest {

    /** A client that must stay on the thread that first used it, and checks that it does. */
    static final class NotThreadSafeClient {
        Thread home;
        int inFlight;
        int mostInFlight;

        @Async
        Future<Integer> lookup(String key) {
            checkThread();
            mostInFlight = Math.max(mostInFlight, ++inFlight);
            await(sleep(Duration.ofMillis(20)));   // the three lookups wait at the same time
            checkThread();
            inFlight--;
            return Future.ready(key.length());
        }

        private void checkThread() {
            if (home == null) {
                home = Thread.currentThread();
            }
            if (home != Thread.currentThread()) {
                throw new IllegalStateException("used from " + Thread.currentThread() + ", owned by " + home);
            }
        }
    }

    // --- the class example of LocalSet (and of Task.spawnLocal) ---

    @Async
    Future<Integer> sumOfLookups(NotThreadSafeClient client, List<String> keys) {
        List<JoinHandle<Integer>> lookups = new ArrayList<>();
        for (String key : keys) {
            lookups.add(Task.spawnLocal(client.lookup(key)));   // on this thread, concurrently
        }
        int total = 0;
        for (JoinHandle<Integer> lookup : lookups) {
            total += await(lookup);
        }
        return Future.ready(total);
    }

    @Test
    void localSet_example_should_run_the_lookups_concurrently_on_the_blockOn_thread() {
        NotThreadSafeClient used;
        int result;
        try (AsyncRuntime rt = AsyncRuntime.builder().build(); LocalSet local = new LocalSet()) {
            NotThreadSafeClient client = new NotThreadSafeClient();
            int total = rt.blockOn(local.runUntil(sumOfLookups(client, List.of("a", "bb", "ccc"))));
            // --- end of the example ---
            used = client;
            result = total;
        }
        assertEquals(1 + 2 + 3, result);
        assertSame(Thread.currentThread(), used.home);
        assertEquals(3, used.mostInFlight, "the three lookups were in flight together");
    }

    @Test
    void spawnLocal_example_should_run_a_task_that_close_then_cancels() {
        try (AsyncRuntime runtime = AsyncRuntime.currentThread().build()) {
            JoinHandle<Void> ui;
            // --- the examples of LocalSet.spawnLocal and LocalSet.close ---
            try (LocalSet local = new LocalSet()) {
                ui = local.spawnLocal(refreshLoop());
                String answer = runtime.blockOn(local.runUntil(main()));
                assertEquals("main done", answer);
            }   // leftover tasks cancelled here
            // --- end of the examples ---
            assertThrows(Cancelled.class, () -> runtime.blockOn(ui));
            assertEquals(true, refreshes > 0);
        }
    }

    int refreshes;

    @Async
    Future<Void> refreshLoop() {
        while (true) {
            refreshes++;
            await(Task.yieldNow());
        }
    }

    @Async
    Future<String> main() {
        await(sleep(Duration.ofMillis(5)));
        return Future.ready("main done");
    }
}

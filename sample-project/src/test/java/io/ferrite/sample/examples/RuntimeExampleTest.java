package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.JoinSet;
import io.ferrite.runtime.Task;
import io.ferrite.time.VirtualTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The examples of {@link AsyncRuntime}, {@link JoinHandle}, {@link Task} and {@link JoinSet}. */
class RuntimeExampleTest {

    record Cart(List<Integer> prices) {
    }

    record Receipt(int total) {
    }

    final class Orders {
        @Async
        Future<Receipt> checkout(Cart cart) {
            await(sleep(Duration.ofMillis(5)));
            return Future.ready(new Receipt(cart.prices().stream().mapToInt(Integer::intValue).sum()));
        }
    }

    final Orders orders = new Orders();
    final Cart cart = new Cart(List.of(3, 4));

    @Test
    void asyncRuntime_example_should_print_the_receipt_of_the_spawned_checkout() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- the class example of AsyncRuntime ---
            try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(4).threadNamePrefix("orders").build()) {
                JoinHandle<Receipt> receipt = rt.spawn(orders.checkout(cart));
                System.out.println(rt.blockOn(receipt));
            }
            // --- end of the example ---
        } finally {
            System.setOut(stdout);
        }
        assertEquals("Receipt[total=7]", printed.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void joinHandle_example_should_give_the_task_value_when_blocked_on() {
        int result;
        // --- the class example of JoinHandle ---
        try (AsyncRuntime rt = AsyncRuntime.builder().build()) {
            JoinHandle<Integer> handle = rt.spawn(Future.ready(42));
            int answer = rt.blockOn(handle);          // 42
            result = answer;
        }
        // --- end of the example ---
        assertEquals(42, result);
    }

    @Test
    void toCompletableFuture_example_should_serve_a_completable_future_api_from_async_code() {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(1).build()) {
            // --- the example of JoinHandle.toCompletableFuture ---
            class Api {
                public CompletableFuture<Receipt> checkoutAsync(Cart cart) {
                    return runtime.spawn(orders.checkout(cart)).toCompletableFuture();
                }
            }
            // --- end of the example ---
            String shown = new Api().checkoutAsync(cart).thenApply(r -> "total " + r.total()).join();
            assertEquals("total 7", shown);
        }
    }

    // --- the class example of Task ---

    @Async
    Future<Integer> sumAll(List<Integer> xs) {
        List<JoinHandle<Integer>> parts = new ArrayList<>();
        for (int x : xs) {
            parts.add(Task.spawn(square(x)));      // runs concurrently on the same runtime
        }
        int sum = 0;
        for (JoinHandle<Integer> p : parts) {
            sum += await(p);
        }
        return Future.ready(sum);
    }

    // --- end of the example ---

    @Async
    Future<Integer> square(int x) {
        await(sleep(Duration.ofMillis(100)));
        return Future.ready(x * x);
    }

    @Test
    void sumAll_should_add_the_squares_computed_by_concurrent_tasks() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            assertEquals(1 + 4 + 9 + 16, rt.blockOn(sumAll(List.of(1, 2, 3, 4))));
        }
        assertEquals(Duration.ofMillis(100).toNanos(), clock.nanoTime(), "the four tasks overlapped");
    }

    // --- the class example of JoinSet ---

    @Async
    Future<Integer> fastestTotal(List<Shard> shards) {
        try (JoinSet<Integer> set = new JoinSet<>()) {
            for (Shard s : shards) {
                set.spawn(s.count());
            }
            int total = 0;
            while (!set.isEmpty()) {
                total += await(set.joinNext());      // in finishing order
            }
            return Future.ready(total);
        }
    }

    // --- end of the example ---

    final List<String> finishingOrder = new ArrayList<>();

    final class Shard {
        final String name;
        final int rows;
        final int millis;

        Shard(String name, int rows, int millis) {
            this.name = name;
            this.rows = rows;
            this.millis = millis;
        }

        @Async
        Future<Integer> count() {
            await(sleep(Duration.ofMillis(millis)));
            finishingOrder.add(name);
            return Future.ready(rows);
        }
    }

    @Test
    void fastestTotal_should_add_every_shard_count_as_the_shards_finish() {
        int total = Runtimes.blockOnVirtual(fastestTotal(List.of(
                new Shard("eu", 10, 30), new Shard("us", 20, 10), new Shard("ap", 30, 20))));
        assertEquals(60, total);
        assertEquals(List.of("us", "ap", "eu"), finishingOrder);
    }

    // --- the example of JoinSet.detachAll ---

    @Async
    Future<Void> saveAndReturn() {
        try (JoinSet<Void> set = new JoinSet<>()) {
            set.spawn(flushToDisk());
            set.detachAll();          // let the flush finish even though the set closes now
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    boolean flushed;

    @Async
    Future<Void> flushToDisk() {
        await(sleep(Duration.ofMillis(50)));
        flushed = true;
        return Future.ready(null);
    }

    @Test
    void detachAll_example_should_let_the_flush_finish_after_the_set_closed() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            rt.blockOn(saveAndReturn());
            rt.blockOn(sleep(Duration.ofMillis(100)));
        }
        assertEquals(true, flushed);
    }

    @Test
    void threadStackSize_example_should_build_a_runtime_whose_workers_have_the_larger_stack() {
        // --- the example of AsyncRuntime.Builder.threadStackSize ---
        AsyncRuntime rt = AsyncRuntime.builder().threadStackSize(16 * 1024 * 1024).build();   // 16 MiB per worker
        // --- end of the example ---
        try (rt) {
            // Deeper than the JVM's default 1 MiB stack holds (about 60,000 of these frames).
            assertEquals(100_000, depthOnAWorker(rt, 100_000));
        }
    }

    static int depthOnAWorker(AsyncRuntime rt, int depth) {
        return rt.blockOn(rt.spawn(cx -> io.ferrite.Poll.ready(recurse(depth))));
    }

    static int recurse(int depth) {
        return depth == 0 ? 0 : 1 + recurse(depth - 1);
    }

    @Test
    void isAwaited_example_should_log_only_unobserved_failures() {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        // --- the example of JoinHandle.isAwaited ---
        AsyncRuntime rt = AsyncRuntime.builder().taskFailureHandler((task, error) -> {
            if (!task.isAwaited()) {
                log.add("unobserved failure of " + task + ": " + error.getMessage());
            }
        }).build();
        // --- end of the example ---
        try (rt) {
            JoinHandle<Integer> unobserved = rt.spawn(failsWith("nobody awaits me"));
            while (!unobserved.isFinished()) {
                Thread.onSpinWait();
            }
            String caught = rt.blockOn(awaitsAndCatches());
            assertEquals("caught: awaited", caught);
        }
        assertEquals(1, log.size(), log.toString());
        assertEquals(true, log.get(0).endsWith("nobody awaits me"), log.get(0));
    }

    @Async
    Future<Integer> failsWith(String message) {
        await(sleep(Duration.ofMillis(5)));
        throw new IllegalStateException(message);
    }

    @Async
    Future<String> awaitsAndCatches() {
        JoinHandle<Integer> h = Task.spawn(failsWith("awaited"));
        try {
            await(h);
            return Future.ready("not failed");
        } catch (IllegalStateException e) {
            return Future.ready("caught: " + e.getMessage());
        }
    }
}

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
}

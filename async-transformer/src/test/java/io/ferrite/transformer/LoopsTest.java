package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.Source;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopsTest {

    private static final String LOOPS = "io.ferrite.transformer.fixtures.Loops";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void forIndex_should_keep_index_and_sum_across_suspensions() {
        List<Future<Integer>> futures = List.of(new ManualFuture<>(), Future.ready(20), new ManualFuture<>());
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "forIndex", futures));
        driver.assertPending();
        ((ManualFuture<Integer>) futures.get(0)).complete(10);
        driver.assertPending();
        ((ManualFuture<Integer>) futures.get(2)).complete(30);
        driver.assertReady(10 + 40 + 90);
        assertEquals(2, driver.wakes());
    }

    @Test
    void whileLoop_should_resume_iterator_after_each_suspension() {
        ManualFuture<Integer> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "whileLoop", List.of(a, b).iterator()));
        driver.assertPending();
        a.complete(1);
        driver.assertPending();
        b.complete(2);
        driver.assertReady(3);
    }

    @Test
    void whileCondition_should_await_in_the_condition_each_iteration() {
        Source<Integer> source = new Source<>();
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "whileCondition", source));
        assertEquals(3, (int) source.drive(driver, 5, 6, 7, 0));
        assertEquals(4, source.count());
    }

    @Test
    void doWhile_should_run_body_before_condition() {
        Source<Integer> source = new Source<>();
        Driver<Long> driver = Driver.of(loader.call(LOOPS, "doWhile", source));
        assertEquals(24L, (long) source.drive(driver, 2, 3, 4, 1));
    }

    @Test
    void forEachArray_should_iterate_array_across_suspensions() {
        ManualFuture<String> b = new ManualFuture<>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Future<String>[] futures = new Future[] {Future.ready("a"), b, Future.ready("c")};
        Driver<String> driver = Driver.of(loader.call(LOOPS, "forEachArray", (Object) futures));
        driver.assertPending();
        b.complete("b");
        driver.assertReady("abc");
    }

    @Test
    void forWithAwaitedUpdate_should_await_in_init_and_update() {
        Source<Integer> source = new Source<>();
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "forWithAwaitedUpdate", source));
        // i = 1, then += 4 (5), += 4 (9), += 4 (13): three steps
        assertEquals(3, (int) source.drive(driver, 1, 4, 4, 4));
    }

    @Test
    void labeled_should_continue_and_break_outer_loop_after_awaits() {
        ManualFuture<Integer> skip = new ManualFuture<>();
        ManualFuture<Integer> stop = new ManualFuture<>();
        ManualFuture<Integer> never = new ManualFuture<>();
        List<List<Future<Integer>>> rows = List.of(
                List.of(Future.ready(1), Future.ready(2)),
                List.of(Future.ready(10), skip, never),
                List.of(Future.ready(100), stop, never),
                List.of(never));
        List<String> log = new ArrayList<>();
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "labeled", rows, log));
        driver.assertPending();
        skip.complete(-1);
        driver.assertPending();
        stop.complete(0);
        driver.assertReady(113);
        assertEquals(List.of("row done", "continue outer at -1", "break outer"), log);
        assertEquals(0, never.polls());
    }

    @Test
    void labeledBlock_should_break_out_of_block_after_await() {
        ManualFuture<Boolean> condition = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(LOOPS, "labeledBlock", condition));
        driver.assertPending();
        condition.complete(true);
        driver.assertReady("broke out");
        Driver<String> other = Driver.of(loader.call(LOOPS, "labeledBlock", Future.ready(false)));
        other.assertReady("end of block");
    }

    @Test
    void loopAtStart_should_resume_a_loop_that_begins_the_method() throws Exception {
        Source<Integer> source = new Source<>();
        java.lang.reflect.Field shared = loader.load(LOOPS).getDeclaredField("shared");
        shared.setAccessible(true);
        shared.set(null, source);
        Driver<Integer> driver = Driver.of(loader.call(LOOPS, "loopAtStart"));
        assertEquals(-1, (int) source.drive(driver, 3, 2, 0));
    }
}

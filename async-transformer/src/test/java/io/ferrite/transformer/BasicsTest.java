package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicsTest {

    private static final String BASICS = "io.ferrite.transformer.fixtures.Basics";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void add_should_suspend_at_each_pending_await_and_resume_with_values() {
        ManualFuture<Integer> a = new ManualFuture<>("a");
        ManualFuture<Integer> b = new ManualFuture<>("b");
        Driver<Integer> driver = Driver.of(loader.call(BASICS, "add", a, b));
        driver.assertPending();
        assertEquals(1, a.polls());
        a.complete(40);
        assertEquals(1, driver.wakes());
        driver.assertPending();
        assertEquals(2, a.polls());
        assertEquals(1, b.polls());
        b.complete(2);
        assertEquals(2, driver.wakes());
        driver.assertReady(42);
        assertEquals(2, b.polls());
    }

    @Test
    void add_should_complete_in_one_poll_when_both_futures_are_ready() {
        Driver<Integer> driver = Driver.of(loader.call(BASICS, "add", Future.ready(1), Future.ready(2)));
        driver.assertReady(3);
        assertEquals(0, driver.wakes());
    }

    @Test
    void sum_should_add_values_across_loop_suspensions() {
        List<ManualFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(new ManualFuture<>("f" + i));
        }
        Driver<Integer> driver = Driver.of(loader.call(BASICS, "sum", new ArrayList<>(futures)));
        for (int i = 0; i < 5; i++) {
            driver.assertPending();
            futures.get(i).complete(i + 1);
        }
        driver.assertReady(15);
        assertEquals(5, driver.wakes());
    }

    @Test
    void recover_should_catch_failure_of_awaited_future_at_the_await() {
        ManualFuture<String> future = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        Driver<String> driver = Driver.of(loader.call(BASICS, "recover", future, log));
        driver.assertPending();
        future.fail(new IllegalStateException("boom"));
        driver.assertReady("recovered");
        assertEquals(List.of("caught boom", "finally"), log);
    }

    @Test
    void recover_should_run_finally_once_after_resuming() {
        ManualFuture<String> future = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        Driver<String> driver = Driver.of(loader.call(BASICS, "recover", future, log));
        driver.assertPending();
        assertTrue(log.isEmpty(), "finally must not run on suspension");
        future.complete("v");
        driver.assertReady("v");
        assertEquals(List.of("got v", "finally"), log);
    }

    @Test
    void lazy_should_run_nothing_until_first_poll() {
        List<String> log = new ArrayList<>();
        Object future = loader.call(BASICS, "lazy", log);
        assertTrue(log.isEmpty());
        Driver.of(future).assertReady(1);
        assertEquals(List.of("body ran"), log);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Driver.of(future).poll());
        assertSame(IllegalStateException.class, e.getClass());
    }

    @Test
    void add_should_name_the_class_method_and_line_when_it_awaits_null() {
        Driver<Integer> driver = Driver.of(loader.call(BASICS, "add", null, Future.ready(1)));

        NullPointerException e = assertThrows(NullPointerException.class, driver::poll);

        assertTrue(e.getMessage().startsWith("await(null) in io.ferrite.transformer.fixtures.Basics.add (Basics.java:14)"),
                e.getMessage());
    }
}

package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import java.util.Collections;
import java.util.function.BooleanSupplier;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {

    private static final String CANCELLATION = "io.ferrite.transformer.fixtures.Cancellation";
    private final TransformingClassLoader loader = new TransformingClassLoader();
    private final List<String> log = new ArrayList<>();

    @Test
    void cancel_should_cancel_inner_future_then_run_finally_and_closes_innermost_first() {
        ManualFuture<String> inner = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CANCELLATION, "nestedFinally", inner, log));
        driver.assertPending();
        log.clear();
        driver.future().cancel();
        assertEquals(1, inner.cancels());
        assertEquals(1, inner.polls(), "a cancelled future is not polled again");
        assertEquals(List.of("close inner", "finally 1", "finally 2", "close outer"), log);
        assertThrows(IllegalStateException.class, driver::poll);
    }

    @Test
    void cancel_should_throw_cancelled_at_once_at_an_await_reached_while_unwinding() {
        ManualFuture<String> first = new ManualFuture<>();
        ManualFuture<String> cleanup = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CANCELLATION, "awaitInFinally", first, cleanup, log));
        driver.assertPending();
        driver.future().cancel();
        assertEquals(List.of("finally", "after cleanup"), log);
        assertEquals(0, cleanup.polls());
        assertEquals(1, first.cancels());
    }

    @Test
    void cancel_should_discard_result_when_body_swallows_cancelled() {
        ManualFuture<String> first = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CANCELLATION, "swallow", first, log));
        driver.assertPending();
        driver.future().cancel();
        assertEquals(List.of("swallowed Cancelled"), log);
        assertThrows(IllegalStateException.class, driver::poll);
    }

    @Test
    void cancel_should_stop_a_loop_and_run_its_finally() {
        ManualFuture<Integer> tick = ManualFuture.completed(1);
        ManualFuture<Integer> pending = new ManualFuture<>();
        List<ManualFuture<Integer>> ticks = List.of(tick, pending);
        Driver<Integer> driver = Driver.of(loader.call(CANCELLATION, "loop", new io.ferrite.Future<Integer>() {
            private int calls;

            @Override
            public io.ferrite.Poll<Integer> poll(io.ferrite.Context cx) {
                return ticks.get(Math.min(calls++, 1)).poll(cx);
            }
        }, log));
        driver.assertPending();
        driver.future().cancel();
        assertEquals(List.of("tick 1", "stopped at 1"), log);
    }

    @Test
    void cancel_should_be_harmless_before_first_poll() {
        ManualFuture<String> inner = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CANCELLATION, "nestedFinally", inner, log));
        driver.future().cancel();
        assertTrue(log.isEmpty());
        assertEquals(0, inner.polls());
        assertThrows(Cancelled.class, driver::poll);
    }

    @Test
    void cancel_should_await_an_uncancellable_cleanup_in_finally_when_it_is_ready() {
        ManualFuture<String> first = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CANCELLATION, "uncancellableCleanup", first,
                ManualFuture.completed("done"), log));
        driver.assertPending();

        driver.future().cancel();

        assertEquals(List.of("finally", "cleanup done"), log);
        assertEquals(1, first.cancels());
        assertThrows(IllegalStateException.class, driver::poll);
    }

    @Test
    void cancel_should_finish_the_unwinding_on_a_task_when_the_uncancellable_cleanup_is_pending() {
        List<String> shared = Collections.synchronizedList(new ArrayList<>());
        ManualFuture<String> first = new ManualFuture<>();
        ManualFuture<String> cleanup = new ManualFuture<>();
        @SuppressWarnings("unchecked")
        Future<String> machine = (Future<String>) loader.call(CANCELLATION, "uncancellableCleanup", first, cleanup,
                shared);
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            rt.blockOn(once(() -> machine.poll(Context.noop()).isPending()));
            // cancel() from a runtime thread: the rest of the unwinding becomes a task of rt.
            rt.blockOn(once(() -> {
                machine.cancel();
                return true;
            }));
            assertEquals(List.of("finally"), shared, "cancel() returned while the cleanup is pending");
            assertEquals(1, cleanup.polls());
            assertEquals(0, cleanup.cancels(), "an uncancellable future is not cancelled");

            cleanup.complete("closed");
            rt.blockOn(until(() -> shared.size() == 2));
        }
        assertEquals(List.of("finally", "cleanup closed"), shared);
    }

    @Test
    void cancel_should_let_an_awaited_uncancellable_future_finish_then_unwind_at_the_next_await() {
        List<String> shared = Collections.synchronizedList(new ArrayList<>());
        ManualFuture<String> critical = new ManualFuture<>();
        ManualFuture<String> next = new ManualFuture<>();
        @SuppressWarnings("unchecked")
        Future<String> machine = (Future<String>) loader.call(CANCELLATION, "shielded", critical, next, shared);
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            rt.blockOn(once(() -> machine.poll(Context.noop()).isPending()));
            rt.blockOn(once(() -> {
                machine.cancel();
                return true;
            }));
            assertEquals(0, critical.cancels());
            assertEquals(List.of(), shared);

            critical.complete("c");
            rt.blockOn(until(() -> shared.size() == 2));
        }
        assertEquals(List.of("critical c", "finally"), shared);
        assertEquals(0, next.polls(), "the await after it throws Cancelled without polling");
    }

    /** A future that runs a check once, on the runtime's thread. */
    private static Future<Boolean> once(BooleanSupplier check) {
        return cx -> Poll.ready(check.getAsBoolean());
    }

    /** A future that yields to the runtime's tasks until the condition holds. */
    private static Future<Void> until(BooleanSupplier condition) {
        return cx -> {
            if (condition.getAsBoolean()) {
                return Poll.ready(null);
            }
            cx.waker().wake();
            return Poll.pending();
        };
    }
}

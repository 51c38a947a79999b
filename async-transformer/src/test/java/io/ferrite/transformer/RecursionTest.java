package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deep recursion: the tail form runs in constant stack, the await form goes deeper than the same
 * body as plain Java recursion on a thread of the same stack size, and a deep chain still
 * suspends, fails, and cancels as nested calls do.
 */
class RecursionTest {

    private static final String RECURSION = "io.ferrite.transformer.fixtures.Recursion";
    /** Small, so that plain recursion overflows quickly: a few thousand frames. */
    private static final long STACK = 256 * 1024;

    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void tailForm_should_run_in_constant_stack_when_a_million_calls_deep() {
        assertEquals(1_000_000L, onThread(() -> pollOnce(call("tailForm", 1_000_000L, 0L))));
    }

    @Test
    void awaitForm_should_go_deeper_than_plain_recursion_when_on_a_thread_of_the_same_stack() {
        long plainDepth = onThread(RecursionTest::plainDepth);

        long depth = 20 * plainDepth;
        assertEquals(depth, onThread(() -> pollOnce(call("awaitForm", depth))),
                "plain recursion overflowed at " + plainDepth);
    }

    @Test
    void mutual_recursion_should_alternate_tails_and_awaits_when_deep() {
        assertEquals(600_000L, onThread(() -> pollOnce(call("even", 600_000L))));
    }

    @Test
    void awaitForm_should_resume_every_level_when_its_innermost_call_completes_after_suspending() {
        ManualFuture<Long> bottom = new ManualFuture<>("bottom");
        List<Object> log = new ArrayList<>();
        Driver<Long> driver = Driver.of(call("awaitAt", 100_000L, bottom, log));

        driver.assertPending();
        driver.assertPending();
        assertEquals(2, bottom.polls(), "each poll polls only the innermost machine");
        bottom.complete(7L);

        assertEquals(100_007L, onThread(() -> driver.poll().value()));
        assertEquals(1, driver.wakes());
        assertEquals(100_000, log.size());
        assertEquals("finally 1", log.get(0));
        assertEquals("finally 100000", log.get(99_999));
    }

    @Test
    void awaitForm_should_rethrow_the_same_exception_at_every_await_when_the_innermost_call_fails() {
        IllegalStateException failure = new IllegalStateException("bottom failed");
        ManualFuture<Long> bottom = new ManualFuture<>("bottom");
        List<Object> log = new ArrayList<>();
        Driver<Long> driver = Driver.of(call("awaitAt", 3L, bottom, log));
        driver.assertPending();

        bottom.fail(failure);

        assertSame(failure, assertThrows(IllegalStateException.class, driver::poll));
        assertEquals(List.of(failure, "finally 1", failure, "finally 2", failure, "finally 3"), log);
    }

    @Test
    void cancel_should_unwind_a_deep_chain_innermost_first_without_recursion() {
        ManualFuture<Long> bottom = new ManualFuture<>("bottom");
        List<Object> log = new ArrayList<>();
        Driver<Long> driver = Driver.of(call("awaitAt", 50_000L, bottom, log));
        driver.assertPending();

        onThread(() -> {
            driver.future().cancel();
            return 0L;
        });

        assertEquals(1, bottom.cancels());
        assertEquals(50_000, log.size());
        assertEquals("finally 1", log.get(0));
        assertEquals("finally 50000", log.get(49_999));
        assertThrows(IllegalStateException.class, driver::poll);
    }

    @Test
    void tailForm_should_wait_for_its_last_tail_when_it_is_pending() {
        ManualFuture<Long> bottom = new ManualFuture<>("bottom");
        Driver<Long> driver = Driver.of(call("tailAt", 100_000L, bottom));

        onThread(() -> {
            driver.assertPending();
            return 0L;
        });
        driver.assertPending();
        bottom.complete(3L);

        driver.assertReady(3L);
        assertEquals(1, driver.wakes());
    }

    /** How deep {@link io.ferrite.transformer.fixtures.Recursion#plain} goes on this thread. */
    private static long plainDepth() {
        Method plain;
        try {
            plain = Class.forName(RECURSION).getDeclaredMethod("plain", long.class);
            plain.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        long works = 1;
        for (long n = 1; ; n *= 2) {
            try {
                plain.invoke(null, n);
                works = n;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof StackOverflowError) {
                    return works;
                }
                throw new AssertionError(e);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Future<Long> call(String method, Object... arguments) {
        return (Future<Long>) loader.call(RECURSION, method, arguments);
    }

    private static long pollOnce(Future<Long> future) {
        Poll<Long> poll = future.poll(Context.noop());
        assertTrue(poll.isReady(), "expected ready");
        return poll.value();
    }

    /** Runs on a new thread with a small stack; a StackOverflowError there fails the test. */
    private static long onThread(Supplier<Long> work) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                result.set(t);
            }
        }, "recursion", STACK);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (result.get() instanceof Throwable t) {
            throw new AssertionError("failed on a thread with a " + STACK / 1024 + " KB stack: " + t, t);
        }
        return (Long) result.get();
    }
}

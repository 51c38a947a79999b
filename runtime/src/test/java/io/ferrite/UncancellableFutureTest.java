package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.testing.CountingWaker;
import io.ferrite.testing.ManualFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@link Futures#uncancellable(Future)}: the future's outcome, which cancellation does not stop. */
class UncancellableFutureTest {

    private final CountingWaker w = new CountingWaker();
    private final ManualFuture<String> inner = ManualFuture.named("inner");

    @Test
    void uncancellable_should_complete_with_the_inner_outcome_when_polled() {
        Future<String> future = Futures.uncancellable(inner);
        w.assertPending(future);
        inner.complete("done");

        assertTrue(w.woken());
        assertEquals("done", w.assertReady(future));
    }

    @Test
    void uncancellable_should_rethrow_the_same_failure_when_the_inner_future_fails() {
        IllegalStateException failure = new IllegalStateException("down");
        Future<String> future = Futures.uncancellable(inner);
        w.assertPending(future);
        inner.fail(failure);

        assertSame(failure, assertThrows(IllegalStateException.class, () -> w.poll(future)));
    }

    @Test
    void cancel_should_let_a_started_inner_future_run_to_completion_on_the_runtime() {
        Future<String> future = Futures.uncancellable(inner);
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            rt.blockOn(once(() -> future.poll(Context.noop()).isPending()));
            rt.blockOn(once(() -> {
                future.cancel();   // on a runtime thread: the inner future becomes a task of rt
                return true;
            }));
            assertFalse(inner.cancelled());
            int polls = inner.polls();
            rt.blockOn(until(() -> inner.polls() > polls));   // the task polled it

            inner.complete("finished");
            rt.blockOn(until(() -> inner.polls() > polls + 1));
        }
        assertFalse(inner.cancelled(), "the runtime's close found it complete");
        assertThrows(IllegalStateException.class, () -> future.poll(Context.noop()),
                "once cancelled, the returned future is done with");
    }

    @Test
    void cancel_should_start_nothing_when_it_was_never_polled() {
        Future<String> future = Futures.uncancellable(inner);

        future.cancel();

        assertEquals(0, inner.polls());
        assertFalse(inner.cancelled());
    }

    @Test
    void uncancellable_should_refuse_null_when_given_no_future() {
        assertThrows(NullPointerException.class, () -> Futures.uncancellable(null));
    }

    private static Future<Boolean> once(BooleanSupplier check) {
        return cx -> Poll.ready(check.getAsBoolean());
    }

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

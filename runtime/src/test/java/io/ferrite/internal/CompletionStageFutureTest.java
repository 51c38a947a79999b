package io.ferrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletionStageFutureTest {

    @Test
    void poll_should_be_ready_at_once_when_stage_is_already_complete() {
        Future<String> future = CompletionStageFuture.of(CompletableFuture.completedFuture("done"));
        assertEquals("done", future.poll(Context.noop()).value());
    }

    @Test
    void poll_should_wake_latest_waker_when_stage_completes_later() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> future = CompletionStageFuture.of(stage);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        assertTrue(future.poll(Context.of(first::incrementAndGet)).isPending());
        assertTrue(future.poll(Context.of(second::incrementAndGet)).isPending());
        stage.complete("late");
        assertEquals(0, first.get());
        assertEquals(1, second.get());
        assertEquals("late", future.poll(Context.noop()).value());
    }

    @Test
    void poll_should_rethrow_cause_when_stage_fails_through_a_dependent_stage() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<String> dependent = source.thenApply(s -> s + "!");
        Future<String> future = CompletionStageFuture.of(dependent);
        assertTrue(future.poll(Context.noop()).isPending());
        IOException error = new IOException("io");
        source.completeExceptionally(error);  // dependent fails with CompletionException(error)
        assertSame(error, assertThrows(IOException.class, () -> future.poll(Context.noop())));
    }

    @Test
    void poll_should_rethrow_cause_when_stage_already_failed() {
        IOException error = new IOException("io");
        Future<String> future = CompletionStageFuture.of(CompletableFuture.failedFuture(error));
        assertSame(error, assertThrows(IOException.class, () -> future.poll(Context.noop())));
    }

    @Test
    void cancel_should_cancel_completable_future() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> future = CompletionStageFuture.of(stage);
        assertTrue(future.poll(Context.noop()).isPending());
        future.cancel();
        assertTrue(stage.isCancelled());
        assertThrows(CancellationException.class, () -> future.poll(Context.noop()));
    }

    @Test
    void of_should_throw_npe_when_stage_is_null() {
        assertThrows(NullPointerException.class, () -> CompletionStageFuture.of(null));
    }
}

package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.testing.ManualFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HandleCompletionTest {

    private static AsyncRuntime oneWorker() {
        return AsyncRuntime.builder().workerThreads(1).build();
    }

    @Test
    void toCompletableFuture_should_complete_with_the_value_when_the_task_finishes_later() throws Exception {
        try (AsyncRuntime rt = oneWorker()) {
            ManualFuture<String> work = new ManualFuture<>();
            CompletableFuture<String> cf = rt.spawn(work).toCompletableFuture();
            work.firstPoll().await();
            assertFalse(cf.isDone());
            work.complete("done");
            assertEquals("done", cf.join());
        }
    }

    @Test
    void toCompletableFuture_should_be_complete_at_once_when_the_task_already_finished() {
        try (AsyncRuntime rt = oneWorker()) {
            JoinHandle<Integer> handle = rt.spawn(Future.ready(7));
            rt.blockOn(handle);
            CompletableFuture<Integer> cf = handle.toCompletableFuture();
            assertTrue(cf.isDone());
            assertEquals(7, cf.join());
        }
    }

    @Test
    void toCompletableFuture_should_fail_with_the_task_exception_unwrapped() {
        IllegalArgumentException failure = new IllegalArgumentException("bad order");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).taskFailureHandler((task, e) -> { }).build()) {
            CompletableFuture<Object> cf = rt.spawn(Future.failed(failure)).toCompletableFuture();
            CompletionException thrown = assertThrows(CompletionException.class, cf::join);
            assertSame(failure, thrown.getCause());
        }
    }

    @Test
    void toCompletableFuture_should_be_cancelled_when_the_task_is_aborted() throws Exception {
        try (AsyncRuntime rt = oneWorker()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> handle = rt.spawn(work);
            CompletableFuture<String> cf = handle.toCompletableFuture();
            work.firstPoll().await();
            handle.abort();
            assertThrows(CancellationException.class, cf::join);
            assertTrue(cf.isCancelled());
            // What the future holds (join may wrap it in a new CancellationException, as JDK 19+ does).
            Throwable held = cf.handle((value, failure) -> failure).join();
            assertInstanceOf(CancellationException.class, held);
            assertInstanceOf(Cancelled.class, held.getCause());
        }
    }

    @Test
    void cancel_should_abort_the_task_and_run_its_cancellation() throws Exception {
        try (AsyncRuntime rt = oneWorker()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> handle = rt.spawn(work);
            CompletableFuture<String> cf = handle.toCompletableFuture();
            work.firstPoll().await();
            assertTrue(cf.cancel(true));
            work.firstCancel().await();
            assertEquals(1, work.cancels());
            assertThrows(Cancelled.class, () -> rt.blockOn(handle));
        }
    }

    @Test
    void toCompletableFuture_called_twice_should_complete_both_futures() throws Exception {
        try (AsyncRuntime rt = oneWorker()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> handle = rt.spawn(work);
            CompletableFuture<String> first = handle.toCompletableFuture();
            CompletableFuture<String> second = handle.toCompletableFuture();
            work.firstPoll().await();
            work.complete("done");
            assertEquals("done", io.ferrite.testing.Eventually.get(first, "the first CompletableFuture"));
            assertEquals("done", io.ferrite.testing.Eventually.get(second, "the second CompletableFuture"));
        }
    }
}

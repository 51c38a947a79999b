package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.concurrent.CompletableFuture;

/**
 * The handle of a spawned task, and a {@link Future} of its result (Tokio's {@code JoinHandle}).
 *
 * <p>Awaiting (polling) the handle completes with the task's value once the task finishes, or
 * rethrows the exception the task failed with, unwrapped (the same instance). A task stopped by
 * {@link #abort()} or by the runtime shutting down fails with {@link Cancelled} whose message
 * says which. The handle keeps the outcome, so it may be awaited again and answers the same.
 * The task runs whether or not anyone awaits its handle.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder().build()) {
 *     JoinHandle<Integer> handle = rt.spawn(Future.ready(42));
 *     int answer = rt.blockOn(handle);          // 42
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} (what an {@code @Async} method that was awaiting this handle calls when it
 * is itself cancelled) only detaches the handle, like dropping a Tokio {@code JoinHandle}: the
 * task keeps running. To stop the task, call {@link #abort()}.
 *
 * <h2>Thread safety</h2>
 * {@link #abort()} and {@link #isFinished()} may be called from any thread. Like every future,
 * the handle is polled by one task at a time.
 *
 * @param <T> the type of the task's result
 */
public interface JoinHandle<T> extends Future<T> {

    /**
     * Polls for the task's outcome: ready with its value once it has finished, pending (and
     * {@code cx}'s waker is called on completion) before.
     *
     * @param cx the context of the polling task
     * @return the task's value, or pending
     * @throws Cancelled if the task was aborted or the runtime shut down before it finished;
     *                   any other exception the task failed with is rethrown as is
     */
    @Override
    Poll<T> poll(Context cx);

    /**
     * Asks the task to stop. Its future's {@link Future#cancel()} then runs on a worker, never
     * concurrently with a poll of it, so a suspended {@code @Async} body unwinds there and its
     * {@code finally} blocks run. A task that already finished keeps its outcome; aborting it, or
     * aborting twice, does nothing. A {@linkplain Task#spawnBlocking blocking task} can only be
     * aborted before it starts.
     *
     * <pre>{@code
     * JoinHandle<Void> server = rt.spawn(serve(listener));
     * server.abort();
     * }</pre>
     */
    void abort();

    /**
     * Tells whether the task has finished: completed, failed, or cancelled.
     *
     * <pre>{@code
     * if (handle.isFinished()) { ... awaiting it now returns at once ... }
     * }</pre>
     *
     * @return {@code true} once awaiting the handle would not wait
     */
    boolean isFinished();

    /**
     * Returns a {@link CompletableFuture} of the task's outcome, for code that speaks
     * {@code CompletionStage} (a web framework, a {@code CompletableFuture} chain, a test).
     * It completes with the task's value or with the exception the task failed with; a task that
     * was aborted, or stopped by the runtime's shutdown, completes it with a
     * {@link java.util.concurrent.CancellationException} whose cause is the {@link Cancelled}.
     * Cancelling the returned future {@linkplain #abort() aborts} the task.
     *
     * <p>The returned future is completed on the thread that finishes the task, usually a
     * runtime worker: stages chained with the non-{@code Async} methods ({@code thenApply},
     * {@code whenComplete}, ...) run there too, so keep them short, or use the {@code ...Async}
     * variants for blocking work.
     *
     * <pre>{@code
     * // a CompletableFuture API (what a web framework or a legacy caller expects), served by @Async code
     * public CompletableFuture<Receipt> checkoutAsync(Cart cart) {
     *     return runtime.spawn(orders.checkout(cart)).toCompletableFuture();
     * }
     * }</pre>
     *
     * <p>The returned future polls this handle, and so owns the handle's one waker: call this
     * method once and share its result (a {@code CompletableFuture} takes any number of
     * dependents), and do not also await the handle. A second call, or an await, takes the waker
     * over, and the future returned first would no longer hear of the task's completion.
     *
     * @return a future completed with the task's outcome
     */
    default CompletableFuture<T> toCompletableFuture() {
        return HandleCompletion.of(this);
    }

    /**
     * Detaches this handle from the task: a waker registered by an earlier poll is forgotten.
     * The task keeps running; use {@link #abort()} to stop it.
     */
    @Override
    void cancel();
}

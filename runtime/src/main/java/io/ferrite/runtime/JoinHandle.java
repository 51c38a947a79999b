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
 * <p>Any number of tasks may await one handle at once, and each is woken when the task finishes
 * (as with Kotlin's {@code Deferred}, where Tokio's {@code JoinHandle} has a single owner): a
 * Java handle is a value that gets stored and shared, and an awaiter that is silently never woken
 * would be the worst outcome. Each awaiting party (a task, a {@code blockOn} call, a
 * {@link #toCompletableFuture()} future) holds one registration, so a task that polls the handle
 * again, with whatever waker, replaces its own registration and no one else's: waiting tasks
 * cost one entry each, never one per poll. A task that awaits the same handle in two places at
 * once (two branches of one {@code Futures.join}) is one party, and only the place it polled last
 * is woken: await the handle once and share its value.
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
 * is itself cancelled) only detaches the awaiter that calls it, like dropping a Tokio
 * {@code JoinHandle}: the task keeps running, and other awaiters stay. To stop the task, call
 * {@link #abort()}.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread, and any number of tasks may poll the handle at
 * once.
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
     * Tells whether anyone is waiting for the task's outcome right now: a task or a
     * {@code blockOn} call that polled the handle and is suspended on it, or a
     * {@link #toCompletableFuture()} future not completed yet. A failure handler reads it to tell
     * a failure that reaches an awaiter (which handles it, or fails with it in turn) from one
     * that nobody will see; see {@link AsyncRuntime.Builder#taskFailureHandler}. It is false once
     * the task has finished.
     *
     * <pre>{@code
     * AsyncRuntime.builder().taskFailureHandler((task, error) -> {
     *     if (!task.isAwaited()) {
     *         log.error("unobserved failure of " + task, error);
     *     }
     * }).build();
     * }</pre>
     *
     * @return true while an awaiter is registered
     */
    boolean isAwaited();

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
     * <p>Each call returns a new future that awaits the handle beside any other awaiter, so
     * calling it twice, or also awaiting the handle, is fine.
     *
     * @return a future completed with the task's outcome
     */
    default CompletableFuture<T> toCompletableFuture() {
        return HandleCompletion.of(this);
    }

    /**
     * Detaches the caller from the task: the waker that the calling task (or {@code blockOn}
     * call, or, outside any runtime, the calling thread) registered by an earlier poll is
     * forgotten; other awaiters stay. The task keeps running; use {@link #abort()} to stop it.
     */
    @Override
    void cancel();
}

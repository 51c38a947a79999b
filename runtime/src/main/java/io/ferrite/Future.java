package io.ferrite;

import java.util.Objects;

/**
 * A value that may not be available yet, computed lazily by being polled: Rust's
 * {@code std::future::Future} in Java.
 *
 * <p>A future does nothing until {@link #poll(Context)} is called. Each call either finishes
 * ({@link Poll#ready(Object)}), fails (by throwing the failure from {@code poll}), or returns
 * {@link Poll#pending()} after arranging for {@code cx.waker()} to be called when polling again
 * can make progress. Executors such as {@code io.ferrite.runtime.BlockOn} drive futures to
 * completion; {@code @Async} methods are turned into futures by Ferrite's transformer and await
 * other futures with {@link Await#await(Future)}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Future<Integer> answer = Future.ready(42);
 * Poll<Integer> poll = answer.poll(Context.noop());   // Poll.ready(42)
 *
 * // A hand-written future: ready on the second poll.
 * Future<String> later = new Future<>() {
 *     boolean first = true;
 *     public Poll<String> poll(Context cx) {
 *         if (first) { first = false; cx.waker().wake(); return Poll.pending(); }
 *         return Poll.ready("done");
 *     }
 * };
 * }</pre>
 *
 * <h2>Rules every future follows</h2>
 * <ul>
 *   <li>{@code poll} is never called by two threads at once on one future.</li>
 *   <li>When {@code poll} returns pending, the future has arranged for the waker of the
 *       <em>latest</em> context it was polled with to be called once progress is possible. A
 *       {@link Waker} may be called from any thread, any number of times.</li>
 *   <li>A failure is thrown by {@code poll} itself, unwrapped (checked exceptions included).</li>
 *   <li>{@code @Async} futures are single-use: polling one after it completed throws
 *       {@link IllegalStateException}. {@link #ready(Object)} and {@link #failed(Throwable)}
 *       are values and may be polled any number of times.</li>
 * </ul>
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} tells a future that its result is no longer wanted, like dropping a future
 * in Rust. A suspended {@code @Async} future runs the {@code finally} blocks that enclose its
 * suspension point (see {@link Cancelled}). Cancelling a completed or never-polled future is
 * harmless.
 *
 * @param <T> the type of the value the future completes with
 */
@FunctionalInterface
public interface Future<T> {

    /**
     * Attempts to make progress and returns the value if it is available.
     *
     * @param cx the context of the task polling this future; its waker is the one to call when
     *           the future should be polled again
     * @return {@link Poll#ready(Object)} with the value, or {@link Poll#pending()}
     */
    Poll<T> poll(Context cx);

    /**
     * Abandons this future: it will not be polled again, and it releases what it holds.
     *
     * <p>The default does nothing, which is right for futures that hold no resources. A
     * suspended {@code @Async} future cancels the future it was awaiting, then unwinds its body
     * by throwing {@link Cancelled} at the suspension point, running enclosing {@code finally}
     * blocks and try-with-resources closes, innermost first; it returns once the body has
     * finished unwinding.
     */
    default void cancel() {
    }

    /**
     * Returns a future that is already complete with {@code value}.
     *
     * <p>The returned future is a value: it may be polled and awaited any number of times, and it
     * is its own {@link Poll} result, so polling it allocates nothing. In an {@code @Async}
     * method, {@code return Future.ready(x)} completes the method with {@code x}.
     *
     * <pre>{@code
     * Future<String> greeting = Future.ready("hello");
     * }</pre>
     *
     * @param value the value, which may be {@code null}
     * @param <T>   the value type
     * @return a ready future
     */
    @SuppressWarnings("unchecked")
    static <T> Future<T> ready(T value) {
        return value == null ? (Future<T>) ReadyFuture.NULL : new ReadyFuture<>(value);
    }

    /**
     * Returns a future that has already failed with {@code error}: every poll throws that same
     * instance, and {@code await} on it rethrows it at the await site.
     *
     * <pre>{@code
     * Future<Integer> broken = Future.failed(new IOException("disk full"));
     * }</pre>
     *
     * @param error the failure, thrown as is (checked exceptions included)
     * @param <T>   the value type the future would have had
     * @return a failed future
     * @throws NullPointerException if {@code error} is null
     */
    static <T> Future<T> failed(Throwable error) {
        return new FailedFuture<>(Objects.requireNonNull(error, "error"));
    }
}

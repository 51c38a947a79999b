package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * An asynchronous sequence of items, pulled one at a time: Rust's {@code futures::Stream} in
 * Java.
 *
 * <p>A stream is lazy: nothing happens until {@link #pollNext(Context)} is called. Each call
 * returns {@link Poll#ready(Object)} with the next item, {@link Poll#pending()} after arranging
 * for {@code cx.waker()} to be called when an item may be available, or {@code Poll.ready(null)}
 * at the end. Items are never {@code null}, so a {@code null} always means the end. A failure is
 * thrown from {@code pollNext}, unwrapped; after the end or a failure the stream is fused: every
 * later {@code pollNext} returns {@code Poll.ready(null)}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> sum(AsyncStream<Integer> numbers) {
 *     int total = 0;
 *     for (Integer n; (n = await(numbers.next())) != null; ) {
 *         total += n;
 *     }
 *     return Future.ready(total);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} stops the stream, like dropping a stream in Rust: it will not be polled
 * again and releases what it holds. A suspended generator resumes by throwing
 * {@link io.ferrite.Cancelled} at its {@code await} or {@code emit}, so its {@code finally}
 * blocks run. Cancelling the future returned by {@link #next()} does not cancel the stream.
 *
 * <h2>Thread safety</h2>
 * As for futures: {@code pollNext} and {@code cancel} are never called by two threads at once
 * on one stream; wakers may be called from any thread.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface AsyncStream<T> {

    /**
     * Attempts to produce the next item.
     *
     * @param cx the context of the task polling this stream
     * @return {@code Poll.ready(item)}, {@code Poll.pending()}, or {@code Poll.ready(null)} at
     *         the end
     */
    Poll<T> pollNext(Context cx);

    /**
     * Stops this stream: it will not be polled again, and it releases what it holds. The default
     * does nothing, which is right for streams that hold nothing.
     */
    default void cancel() {
    }

    /**
     * Returns a future that completes with the next item, or with {@code null} at the end.
     *
     * <pre>{@code
     * String first = await(lines.next());   // null if the stream was empty
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancel-safe: cancelling the returned future before it completed loses no item and leaves
     * the stream usable.
     *
     * @return a future of the next item or {@code null}
     */
    default Future<T> next() {
        return this::pollNext;
    }

    /**
     * Returns the stream that ends at once.
     *
     * <pre>{@code
     * AsyncStream<String> none = AsyncStream.empty();
     * }</pre>
     *
     * @param <T> the item type
     * @return the shared empty stream
     */
    @SuppressWarnings("unchecked")
    static <T> AsyncStream<T> empty() {
        return (AsyncStream<T>) EmptyStream.INSTANCE;
    }
}

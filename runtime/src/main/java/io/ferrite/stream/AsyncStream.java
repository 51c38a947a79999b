package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.channel.Broadcast;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.Watch;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Collector;

/**
 * An asynchronous sequence of items, pulled one at a time: Rust's {@code futures::Stream} in
 * Java, with the {@code StreamExt} combinators as default methods.
 *
 * <p>A stream is lazy: nothing happens until {@link #pollNext(Context)} is called. Each call
 * returns {@link Poll#ready(Object)} with the next item, {@link Poll#pending()} after arranging
 * for {@code cx.waker()} to be called when an item may be available, or {@code Poll.ready(null)}
 * at the end. Items are never {@code null}, so a {@code null} always means the end; a combinator
 * or source given a {@code null} item throws {@link NullPointerException} naming the stream. A
 * failure is thrown from {@code pollNext}, unwrapped; after the end or a failure the stream is
 * fused: every later {@code pollNext} returns {@code Poll.ready(null)}.
 *
 * <p>Combinators build a new stream around this one and own it: reading the new stream pulls
 * from this one, item by item (backpressure is the pull itself), and cancelling it, or reaching
 * its end early ({@link #take}, {@link #first()}), cancels this one. Terminal operations
 * ({@link #forEach}, {@link #fold}, {@link #collect()}, {@link #count()}, {@link #first()},
 * {@link #last()}, {@link #forEachConcurrent}) return a future that reads the whole stream when
 * awaited. Over a synchronous pipeline (a {@link #range}, {@link #of}, {@link #fromIterable}
 * source through {@code map}, {@code filter}, {@code take} and the like) they push the items
 * through in a plain loop, as {@code java.util.stream} does, with no allocation per item by the
 * stream machinery.
 *
 * <table>
 *   <caption>What to use</caption>
 *   <tr><th>need</th><th>use</th></tr>
 *   <tr><td>make a stream</td><td>{@link #of}, {@link #fromIterable}, {@link #range}, {@link #once},
 *       {@link #repeat}, {@link #unfold}, {@link #fromFuture}, {@link #empty()}; a channel receiver's
 *       or an interval's {@code stream()}; {@link #fromPublisher}</td></tr>
 *   <tr><td>change items</td><td>{@link #map}, {@link #filter}, {@link #filterMap}, {@link #then} (async),
 *       {@link #flatMap}, {@link #flatten()}, {@link #enumerate()}, {@link #chunks}, {@link #chunksTimeout}</td></tr>
 *   <tr><td>fewer items</td><td>{@link #take}, {@link #skip}, {@link #takeWhile}, {@link #skipWhile},
 *       {@link #takeUntil}</td></tr>
 *   <tr><td>combine streams</td><td>{@link #chain}, {@link #zip}, {@link #merge(AsyncStream)},
 *       {@link #merge(List)}</td></tr>
 *   <tr><td>concurrency</td><td>{@link #bufferUnordered(int, Function)}, {@link #buffered(int, Function)},
 *       {@link #forEachConcurrent}</td></tr>
 *   <tr><td>time</td><td>{@link #throttle}, {@link #timeout}, {@link #chunksTimeout}</td></tr>
 *   <tr><td>read it all</td><td>{@link #forEach}, {@link #fold}, {@link #collect()}, {@link #count()},
 *       {@link #first()}, {@link #last()}, or {@code await(s.next())} in a loop</td></tr>
 *   <tr><td>Reactive Streams</td><td>{@link #toPublisher}, {@link #fromPublisher}</td></tr>
 * </table>
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
 * Each combinator's "Cancel safety" paragraph says what cancelling it (or the future of a
 * terminal operation) loses.
 *
 * <h2>Thread safety</h2>
 * As for futures: {@code pollNext} and {@code cancel} are never called by two threads at once
 * on one stream; wakers may be called from any thread. The functions given to combinators run
 * on the task that polls the stream.
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

    // ------------------------------------------------------------------------------ sources

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

    /**
     * Returns a stream of the given items, in order (the array is copied). Synchronous.
     *
     * <pre>{@code
     * AsyncStream<String> words = AsyncStream.of("red", "green", "blue");
     * }</pre>
     *
     * @param items the items
     * @param <T>   the item type
     * @return a single-use stream
     * @throws NullPointerException if the array or one of the items is null (naming its index)
     */
    @SafeVarargs
    static <T> AsyncStream<T> of(T... items) {
        return new ArrayStream<>(Objects.requireNonNull(items, "AsyncStream.of(null)"));
    }

    /**
     * Returns a stream of the elements of {@code iterable}, in iteration order; the iterator is
     * made at the first poll. Synchronous.
     *
     * <pre>{@code
     * AsyncStream<Path> files = AsyncStream.fromIterable(List.of(Path.of("a"), Path.of("b")));
     * }</pre>
     *
     * <p>A null element fails the stream with {@link NullPointerException} naming its index.
     *
     * @param iterable the elements
     * @param <T>      the item type
     * @return a single-use stream
     * @throws NullPointerException if {@code iterable} is null
     */
    static <T> AsyncStream<T> fromIterable(Iterable<? extends T> iterable) {
        return new IterableStream<>(Objects.requireNonNull(iterable, "AsyncStream.fromIterable(null)"));
    }

    /**
     * Returns the stream of the ints from {@code startInclusive} to {@code endExclusive}, in
     * order; empty if the end is not above the start. Synchronous.
     *
     * <pre>{@code
     * AsyncStream<Integer> tens = AsyncStream.range(0, 100).filter(i -> i % 10 == 0);
     * }</pre>
     *
     * @param startInclusive the first item
     * @param endExclusive   one past the last item
     * @return a single-use stream
     */
    static AsyncStream<Integer> range(int startInclusive, int endExclusive) {
        return new RangeStream(startInclusive, endExclusive);
    }

    /**
     * Returns a stream of one item. Synchronous.
     *
     * <pre>{@code
     * AsyncStream<String> hello = AsyncStream.once("hello");
     * }</pre>
     *
     * @param item the item
     * @param <T>  the item type
     * @return a single-use stream
     * @throws NullPointerException if {@code item} is null
     */
    static <T> AsyncStream<T> once(T item) {
        return new OnceStream<>(Objects.requireNonNull(item, "AsyncStream.once(null): stream items are never null"));
    }

    /**
     * Returns a stream whose only item is the value of {@code future} (Rust's
     * {@code stream::once(fut)}); a future that completes with {@code null} makes an empty
     * stream, and one that fails fails the stream.
     *
     * <pre>{@code
     * AsyncStream<User> user = AsyncStream.fromFuture(fetchUser(42));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the stream cancels the future.
     *
     * @param future the future
     * @param <T>    the item type
     * @return a single-use stream
     * @throws NullPointerException if {@code future} is null
     */
    static <T> AsyncStream<T> fromFuture(Future<? extends T> future) {
        return new FutureStream<>(Objects.requireNonNull(future, "AsyncStream.fromFuture(null)"));
    }

    /**
     * Returns a stream that yields {@code item} for ever; bound it with {@link #take} or
     * {@link #takeUntil}. Synchronous.
     *
     * <pre>{@code
     * AsyncStream<String> pings = AsyncStream.repeat("ping").take(3);
     * }</pre>
     *
     * @param item the item
     * @param <T>  the item type
     * @return a single-use, endless stream
     * @throws NullPointerException if {@code item} is null
     */
    static <T> AsyncStream<T> repeat(T item) {
        return new RepeatStream<>(Objects.requireNonNull(item, "AsyncStream.repeat(null): stream items are never null"));
    }

    /**
     * Returns a stream computed from a state, one async step at a time (Rust's
     * {@code stream::unfold}): {@code step} gets the current state and returns a future of a
     * {@link Pair} of the next item and the next state, or of {@code null} to end the stream.
     * The first step runs at the first poll; each next step only when the next item is asked for.
     *
     * <pre>{@code
     * // pages of a paginated API, fetched one at a time as the consumer asks
     * AsyncStream<Page> pages = AsyncStream.unfold(1, n -> n > 3 ? Future.ready(null)
     *         : Future.ready(Pair.of(new Page(n), n + 1)));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the stream cancels the step in progress.
     *
     * @param seed the first state
     * @param step makes the future of the next item and state
     * @param <S>  the state type
     * @param <T>  the item type
     * @return a single-use stream
     * @throws NullPointerException if {@code step} is null; the stream fails with it if a step
     *                              returns a null future or a pair with a null item
     */
    static <S, T> AsyncStream<T> unfold(S seed,
            Function<? super S, ? extends Future<? extends Pair<? extends T, ? extends S>>> step) {
        return new UnfoldStream<>(seed, Objects.requireNonNull(step, "step"));
    }

    /**
     * Returns the items of all {@code streams} as they come, in any order (the {@code futures}
     * crate's {@code select_all}); ends when every stream has ended. Fair: each stream has its
     * own waker, and after a stream yields, the next poll starts with the stream after it, so a
     * stream that is always ready cannot starve the others.
     *
     * <pre>{@code
     * AsyncStream<Event> all = AsyncStream.merge(List.of(clicks, keys, timers));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the merged stream cancels every stream that has not ended. The first failure of
     * one stream fails the merged stream and cancels the others.
     *
     * @param streams the streams; the list is copied
     * @param <T>     the item type
     * @return a single-use stream
     * @throws NullPointerException if the list or one of its streams is null
     */
    static <T> AsyncStream<T> merge(List<? extends AsyncStream<? extends T>> streams) {
        return new MergeStream<>(Objects.requireNonNull(streams, "AsyncStream.merge(null)"));
    }

    /**
     * Returns the messages of {@code rx} as a stream (Tokio's {@code ReceiverStream}); it ends
     * when the channel ends. Same as {@code rx.stream()}.
     *
     * <pre>{@code
     * AsyncStream<Job> jobs = AsyncStream.from(jobChannel.receiver());
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * The stream owns the receiver: cancelling it closes the receiver (senders are told the
     * consumer has gone). Waiting for a message loses none, as {@code recv()} does.
     *
     * @param rx the receiver
     * @param <T> the message type
     * @return a single-use stream
     * @throws NullPointerException if {@code rx} is null
     */
    static <T> AsyncStream<T> from(Mpsc.Receiver<T> rx) {
        Objects.requireNonNull(rx, "rx");
        return new ReceiverStream<>(rx::pollRecv, rx);
    }

    /**
     * Returns the messages {@code rx} sees as a stream (Tokio's {@code BroadcastStream}); it ends
     * when every sender is closed. If the receiver falls behind and misses messages, the stream
     * fails with {@link Broadcast.LaggedException} (and ends); use
     * {@link #fromBroadcast(Broadcast.Receiver, LongConsumer)} to be told of lag and go on. Same
     * as {@code rx.stream()}.
     *
     * <pre>{@code
     * AsyncStream<Event> events = AsyncStream.from(bus.subscribe());
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * The stream owns the receiver: its end, failure or cancellation closes (unsubscribes) it.
     *
     * @param rx the receiver
     * @param <T> the message type
     * @return a single-use stream
     * @throws NullPointerException if {@code rx} is null
     */
    static <T> AsyncStream<T> from(Broadcast.Receiver<T> rx) {
        return ReceiverStream.broadcast(Objects.requireNonNull(rx, "rx"), null);
    }

    /**
     * Returns the messages {@code rx} sees as a stream that survives lag: when the receiver falls
     * behind, {@code onLag} is told how many messages were missed, and the stream goes on with
     * the oldest message still kept.
     *
     * <pre>{@code
     * AsyncStream<Quote> quotes = AsyncStream.fromBroadcast(feed.subscribe(), missed -> dropped.add(missed));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * As {@link #from(Broadcast.Receiver)}.
     *
     * @param rx    the receiver
     * @param onLag called on the polling task with the number of messages missed
     * @param <T>   the message type
     * @return a single-use stream
     * @throws NullPointerException if an argument is null
     */
    static <T> AsyncStream<T> fromBroadcast(Broadcast.Receiver<T> rx, LongConsumer onLag) {
        return ReceiverStream.broadcast(Objects.requireNonNull(rx, "rx"), Objects.requireNonNull(onLag, "onLag"));
    }

    /**
     * Returns the changes {@code rx} sees as a stream: each value newer than the last one seen,
     * when it changes (a value replaced before it was read is skipped, as a watch keeps only the
     * latest). Ends when every sender is closed. Same as {@code rx.stream()}.
     *
     * <pre>{@code
     * AsyncStream<Config> configs = AsyncStream.from(configChannel.receiver());
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * The stream owns the receiver: its end or cancellation closes it.
     *
     * @param rx the receiver
     * @param <T> the value type
     * @return a single-use stream
     * @throws NullPointerException if {@code rx} is null
     */
    static <T> AsyncStream<T> from(Watch.Receiver<T> rx) {
        Objects.requireNonNull(rx, "rx");
        return new ReceiverStream<>(rx::pollRecv, rx);
    }

    /**
     * Returns the ticks of {@code interval} as an endless stream of the instants they were
     * scheduled for (Tokio's {@code IntervalStream}); the first tick is at the first poll. Same as
     * {@code interval.stream()}. Needs a runtime, as every timer.
     *
     * <pre>{@code
     * AsyncStream<Instant> ticks = AsyncStream.from(Time.interval(Duration.ofSeconds(1))).take(3);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the stream removes the interval's timer.
     *
     * @param interval the interval
     * @return a single-use, endless stream
     * @throws NullPointerException if {@code interval} is null
     */
    static AsyncStream<Instant> from(Interval interval) {
        return new IntervalStream(Objects.requireNonNull(interval, "interval"));
    }

    /**
     * Returns a stream of the items of a {@code java.util.concurrent.Flow.Publisher}, with
     * backpressure: the stream subscribes at its first poll and requests {@code prefetch} items,
     * then requests more as the consumer takes them, so at most {@code prefetch} items are ever
     * requested but not yet read. The publisher's {@code onError} fails the stream,
     * {@code onComplete} ends it. Passes the Reactive Streams TCK's subscriber verification (see
     * {@code docs/streams.md}).
     *
     * <pre>{@code
     * SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
     * AsyncStream<String> lines = AsyncStream.fromPublisher(publisher, 64);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the stream cancels the subscription; the items buffered are dropped.
     *
     * @param publisher the publisher
     * @param prefetch  how many items to request ahead, at least 1
     * @param <T>       the item type
     * @return a single-use stream
     * @throws IllegalArgumentException if {@code prefetch} is less than 1
     * @throws NullPointerException     if {@code publisher} is null
     */
    static <T> AsyncStream<T> fromPublisher(Flow.Publisher<? extends T> publisher, int prefetch) {
        Objects.requireNonNull(publisher, "publisher");
        if (prefetch < 1 || prefetch > 1 << 30) {
            throw new IllegalArgumentException("AsyncStream.fromPublisher(..., " + prefetch + "): prefetch must be"
                    + " from 1 to 2^30 (it sizes the buffer)");
        }
        return new PublisherStream<>(publisher, prefetch);
    }

    // ------------------------------------------------------------------------- combinators

    /**
     * Returns a stream of {@code fn}'s result for each item.
     *
     * <pre>{@code
     * AsyncStream<Integer> lengths = AsyncStream.of("a", "bb", "ccc").map(String::length);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param fn  maps an item; must not return null
     * @param <R> the new item type
     * @return a stream that owns this one
     * @throws NullPointerException if {@code fn} is null; the stream fails with it, naming the
     *                              stream and the item, if {@code fn} returns null
     */
    default <R> AsyncStream<R> map(Function<? super T, ? extends R> fn) {
        return new MapStream<>(this, Objects.requireNonNull(fn, "fn"));
    }

    /**
     * Returns a stream of the items for which {@code predicate} is true.
     *
     * <pre>{@code
     * AsyncStream<Integer> even = AsyncStream.range(0, 10).filter(i -> i % 2 == 0);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param predicate keeps an item when true
     * @return a stream that owns this one
     * @throws NullPointerException if {@code predicate} is null
     */
    default AsyncStream<T> filter(Predicate<? super T> predicate) {
        return new FilterStream<>(this, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Returns a stream of {@code fn}'s non-null results: {@code fn} maps an item, or drops it by
     * returning {@code null} (Rust's {@code filter_map}, with null for {@code None}).
     *
     * <pre>{@code
     * AsyncStream<Integer> numbers = AsyncStream.of("1", "x", "3").filterMap(s -> s.matches("\\d+") ? Integer.valueOf(s) : null);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param fn  maps an item, or returns null to drop it
     * @param <R> the new item type
     * @return a stream that owns this one
     * @throws NullPointerException if {@code fn} is null
     */
    default <R> AsyncStream<R> filterMap(Function<? super T, ? extends R> fn) {
        return new FilterMapStream<>(this, Objects.requireNonNull(fn, "fn"));
    }

    /**
     * Returns a stream of the values of the futures {@code fn} makes, one item at a time, in
     * order (Rust's {@code then}, an async {@code map}): the next item is asked for only when the
     * current future has completed. For several at once, use
     * {@link #buffered(int, Function)} or {@link #bufferUnordered(int, Function)}.
     *
     * <pre>{@code
     * AsyncStream<User> users = AsyncStream.of(1L, 2L, 3L).then(id -> fetchUser(id));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the future in progress, whose item is lost, and this stream.
     *
     * @param fn  makes the future for an item; the future must not complete with null
     * @param <R> the new item type
     * @return a stream that owns this one
     * @throws NullPointerException if {@code fn} is null; the stream fails with it if {@code fn}
     *                              returns null or a future completes with null
     */
    default <R> AsyncStream<R> then(Function<? super T, ? extends Future<? extends R>> fn) {
        return new ThenStream<>(this, Objects.requireNonNull(fn, "fn"));
    }

    /**
     * Returns the items of the streams {@code fn} makes, one stream after the other (Rust's
     * {@code flat_map}): the next item of this stream is asked for only when the current inner
     * stream has ended.
     *
     * <pre>{@code
     * AsyncStream<String> letters = AsyncStream.of("ab", "c").flatMap(s -> AsyncStream.of(s.split("")));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the inner stream in progress and this stream.
     *
     * @param fn  makes a stream for an item
     * @param <R> the new item type
     * @return a stream that owns this one and the inner streams
     * @throws NullPointerException if {@code fn} is null; the stream fails with it if {@code fn}
     *                              returns null
     */
    default <R> AsyncStream<R> flatMap(Function<? super T, ? extends AsyncStream<? extends R>> fn) {
        Objects.requireNonNull(fn, "fn");
        return new FlattenStream<>(new MapStream<>(this, fn));
    }

    /**
     * Returns the items of this stream's items, which must be streams, one stream after the
     * other (Rust's {@code flatten}). Java cannot check the item type here: an item that is not
     * an {@code AsyncStream} fails the stream with {@link ClassCastException} naming it.
     *
     * <pre>{@code
     * AsyncStream<Integer> all = AsyncStream.of(AsyncStream.of(1, 2), AsyncStream.of(3)).flatten();
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the inner stream in progress and this stream.
     *
     * @param <R> the inner streams' item type
     * @return a stream that owns this one and the inner streams
     */
    default <R> AsyncStream<R> flatten() {
        return new FlattenStream<>(this);
    }

    /**
     * Returns a stream of the first {@code n} items. This stream is cancelled as soon as the
     * {@code n}th item is handed out (or at the first poll when {@code n} is 0), so what it holds
     * is released without waiting for its end.
     *
     * <pre>{@code
     * AsyncStream<Integer> firstThree = AsyncStream.range(0, 1_000_000).take(3);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param n how many items, 0 or more
     * @return a stream that owns this one
     * @throws IllegalArgumentException if {@code n} is negative
     */
    default AsyncStream<T> take(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take(" + n + "): the count must not be negative");
        }
        return new TakeStream<>(this, n);
    }

    /**
     * Returns a stream without the first {@code n} items.
     *
     * <pre>{@code
     * AsyncStream<String> body = AsyncStream.of("header", "row1", "row2").skip(1);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param n how many items to drop, 0 or more
     * @return a stream that owns this one
     * @throws IllegalArgumentException if {@code n} is negative
     */
    default AsyncStream<T> skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("skip(" + n + "): the count must not be negative");
        }
        return new SkipStream<>(this, n);
    }

    /**
     * Returns a stream of the items up to the first one for which {@code predicate} is false;
     * that item is dropped, and this stream is cancelled then.
     *
     * <pre>{@code
     * AsyncStream<Integer> small = AsyncStream.of(1, 2, 10, 3).takeWhile(i -> i < 5);   // 1, 2
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param predicate keeps going while true
     * @return a stream that owns this one
     * @throws NullPointerException if {@code predicate} is null
     */
    default AsyncStream<T> takeWhile(Predicate<? super T> predicate) {
        return new TakeWhileStream<>(this, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Returns a stream without the items before the first one for which {@code predicate} is
     * false; from that item on, every item passes and the predicate is not asked again.
     *
     * <pre>{@code
     * AsyncStream<Integer> rest = AsyncStream.of(1, 2, 10, 3).skipWhile(i -> i < 5);   // 10, 3
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @param predicate drops items while true
     * @return a stream that owns this one
     * @throws NullPointerException if {@code predicate} is null
     */
    default AsyncStream<T> skipWhile(Predicate<? super T> predicate) {
        return new SkipWhileStream<>(this, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Returns a stream of the items until {@code stop} completes (Rust's {@code take_until}):
     * {@code stop} is polled before each item, and once it is ready the stream ends and this
     * stream is cancelled. If {@code stop} fails, the stream fails with its exception. When this
     * stream ends first, {@code stop} is cancelled.
     *
     * <pre>{@code
     * AsyncStream<Instant> ticks = Time.interval(Duration.ofSeconds(1)).stream().takeUntil(shutdown.cancelled());
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels {@code stop} and this stream.
     *
     * @param stop the future that ends the stream
     * @return a stream that owns this one and {@code stop}
     * @throws NullPointerException if {@code stop} is null
     */
    default AsyncStream<T> takeUntil(Future<?> stop) {
        return new TakeUntilStream<>(this, Objects.requireNonNull(stop, "stop"));
    }

    /**
     * Returns a stream of the items with their position, counted from 0.
     *
     * <pre>{@code
     * AsyncStream<Indexed<String>> numbered = AsyncStream.of("a", "b").enumerate();   // (0, a), (1, b)
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Holds nothing of its own: cancelling it cancels this stream.
     *
     * @return a stream that owns this one
     */
    default AsyncStream<Indexed<T>> enumerate() {
        return new EnumerateStream<>(this);
    }

    /**
     * Returns a stream of pairs: the first items of both streams, then the second items, and so
     * on. Both streams are polled together, so they wait at the same time. Ends when either
     * ends; the other is cancelled then.
     *
     * <pre>{@code
     * AsyncStream<Pair<String, Integer>> pairs = AsyncStream.of("a", "b").zip(AsyncStream.range(0, 10));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels both streams; an item one stream gave before the other's is lost.
     *
     * @param other the second stream
     * @param <U>   its item type
     * @return a stream that owns both
     * @throws NullPointerException if {@code other} is null
     */
    default <U> AsyncStream<Pair<T, U>> zip(AsyncStream<U> other) {
        return zip(other, Pair::new);
    }

    /**
     * Returns a stream of {@code combiner}'s result for the first items of both streams, then the
     * second items, and so on; as {@link #zip(AsyncStream)} otherwise.
     *
     * <pre>{@code
     * AsyncStream<String> labelled = AsyncStream.of("a", "b").zip(AsyncStream.range(1, 10), (s, i) -> i + s);   // 1a, 2b
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * As {@link #zip(AsyncStream)}.
     *
     * @param other    the second stream
     * @param combiner makes an item of one item of each; must not return null
     * @param <U>      the second stream's item type
     * @param <R>      the new item type
     * @return a stream that owns both
     * @throws NullPointerException if an argument is null
     */
    default <U, R> AsyncStream<R> zip(AsyncStream<U> other, BiFunction<? super T, ? super U, ? extends R> combiner) {
        return new ZipStream<>(this, Objects.requireNonNull(other, "other"), Objects.requireNonNull(combiner, "combiner"));
    }

    /**
     * Returns a stream of this stream's items, then {@code other}'s.
     *
     * <pre>{@code
     * AsyncStream<Integer> both = AsyncStream.of(1, 2).chain(AsyncStream.of(3));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels both streams (the second may never have been polled).
     *
     * @param other the stream that follows
     * @return a stream that owns both
     * @throws NullPointerException if {@code other} is null
     */
    default AsyncStream<T> chain(AsyncStream<? extends T> other) {
        return new ChainStream<>(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Returns the items of this stream and {@code other} as they come, fairly; see
     * {@link #merge(List)}.
     *
     * <pre>{@code
     * AsyncStream<String> both = AsyncStream.from(orders.receiver()).merge(AsyncStream.from(refunds.receiver()));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels both streams.
     *
     * @param other the other stream
     * @return a stream that owns both
     * @throws NullPointerException if {@code other} is null
     */
    default AsyncStream<T> merge(AsyncStream<? extends T> other) {
        return new MergeStream<T>(List.<AsyncStream<? extends T>>of(this, Objects.requireNonNull(other, "other")));
    }

    /**
     * Returns a stream of lists of up to {@code size} consecutive items; the last list holds what
     * is left and may be shorter. Each list is new and belongs to the consumer.
     *
     * <pre>{@code
     * AsyncStream<List<Integer>> batches = AsyncStream.range(0, 10).chunks(4);   // [0..3], [4..7], [8, 9]
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it drops the items gathered for the next list, and cancels this stream.
     *
     * @param size the largest list, at least 1
     * @return a stream that owns this one
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    default AsyncStream<List<T>> chunks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunks(" + size + "): the size must be at least 1");
        }
        return new ChunksStream<>(this, size, null);
    }

    /**
     * Returns a stream of lists of up to {@code size} items, each handed out when it is full or
     * when {@code timeout} has passed since its first item arrived, whichever comes first
     * (Tokio's {@code chunks_timeout}): batching with a bound on how long an item waits. The last
     * list holds what is left. Needs a runtime, as every timer.
     *
     * <pre>{@code
     * AsyncStream<List<Event>> batches = events.chunksTimeout(100, Duration.ofMillis(50));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it drops the items gathered for the next list, removes its timer, and cancels
     * this stream.
     *
     * @param size    the largest list, at least 1
     * @param timeout the longest time from a list's first item to its hand-out
     * @return a stream that owns this one
     * @throws IllegalArgumentException if {@code size} is less than 1 or {@code timeout} is
     *                                  negative
     * @throws NullPointerException     if {@code timeout} is null
     */
    default AsyncStream<List<T>> chunksTimeout(int size, Duration timeout) {
        if (size < 1) {
            throw new IllegalArgumentException("chunksTimeout(" + size + ", ...): the size must be at least 1");
        }
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IllegalArgumentException("chunksTimeout(" + size + ", " + timeout + "): negative timeout");
        }
        return new ChunksStream<>(this, size, timeout);
    }

    /**
     * Returns a stream of the same items with at least {@code period} between two of them
     * (Tokio's {@code throttle}): after an item is handed out, the next one waits until
     * {@code period} has passed since then. The first item does not wait; the end, as in Tokio,
     * comes no sooner than {@code period} after the last item. Needs a runtime.
     *
     * <pre>{@code
     * AsyncStream<Request> paced = requests.throttle(Duration.ofMillis(100));   // at most 10 per second
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it removes its timer and cancels this stream; no item is lost (an item is only
     * taken from this stream once the wait is over).
     *
     * @param period the least time between two items
     * @return a stream that owns this one
     * @throws IllegalArgumentException if {@code period} is negative
     * @throws NullPointerException     if {@code period} is null
     */
    default AsyncStream<T> throttle(Duration period) {
        if (Objects.requireNonNull(period, "period").isNegative()) {
            throw new IllegalArgumentException("throttle(" + period + "): negative period");
        }
        return new ThrottleStream<>(this, period);
    }

    /**
     * Returns a stream that fails with {@link io.ferrite.time.Elapsed} if an item (or the end)
     * takes longer than {@code limit} to arrive, counted from when it is asked for; it ends
     * then, and this stream is cancelled. Needs a runtime.
     *
     * <pre>{@code
     * AsyncStream<Reading> readings = sensor.readings().timeout(Duration.ofSeconds(5));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it removes its timer and cancels this stream.
     *
     * @param limit the longest wait for one item
     * @return a stream that owns this one
     * @throws NullPointerException if {@code limit} is null
     */
    default AsyncStream<T> timeout(Duration limit) {
        return new TimeoutStream<>(this, Objects.requireNonNull(limit, "limit"));
    }

    /**
     * Returns the values of this stream's items, which must be futures, with up to {@code n} of
     * them running at once, in the order of the items (Rust's {@code buffered}). Java cannot check
     * the item type here: an item that is not a {@code Future} fails the stream with
     * {@link ClassCastException}; {@link #buffered(int, Function)} is the typed form.
     *
     * <pre>{@code
     * AsyncStream<Future<Page>> fetches = urls.map(url -> fetch(url));
     * AsyncStream<Page> pages = fetches.buffered(4);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the futures in flight (their results are lost) and this stream.
     *
     * @param n   the most futures in flight, at least 1
     * @param <R> the futures' value type
     * @return a stream that owns this one and the futures
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    default <R> AsyncStream<R> buffered(int n) {
        return new BufferedStream<T, R>(this, limit("buffered", n), true, null, false);
    }

    /**
     * Returns the values of the futures {@code fn} makes for the items, with up to {@code n}
     * running at once, in the order of the items (Rust's {@code map(fn).buffered(n)}): a result
     * that is ready early waits for the ones before it, and each waiting result holds its slot.
     *
     * <pre>{@code
     * AsyncStream<Page> pages = urls.buffered(4, url -> fetch(url));   // in the order of urls
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the futures in flight (their results are lost) and this stream.
     *
     * @param n   the most futures at once, at least 1
     * @param fn  makes the future for an item
     * @param <R> the futures' value type
     * @return a stream that owns this one and the futures
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws NullPointerException     if {@code fn} is null; the stream fails with it if
     *                                  {@code fn} returns null or a future completes with null
     */
    default <R> AsyncStream<R> buffered(int n, Function<? super T, ? extends Future<? extends R>> fn) {
        return new BufferedStream<>(this, limit("buffered", n), true, Objects.requireNonNull(fn, "fn"), false);
    }

    /**
     * Returns the values of this stream's items, which must be futures, with up to {@code n} of
     * them running at once, each as soon as it is ready (Rust's {@code buffer_unordered}); see
     * {@link #bufferUnordered(int, Function)}, the typed form.
     *
     * <pre>{@code
     * AsyncStream<Page> pages = urls.map(url -> fetch(url)).bufferUnordered(4);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the futures in flight (their results are lost) and this stream.
     *
     * @param n   the most futures in flight, at least 1
     * @param <R> the futures' value type
     * @return a stream that owns this one and the futures
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    default <R> AsyncStream<R> bufferUnordered(int n) {
        return new BufferedStream<T, R>(this, limit("bufferUnordered", n), false, null, false);
    }

    /**
     * Returns the values of the futures {@code fn} makes for the items, with at most {@code n}
     * in flight at any time, each handed out as soon as it is ready (Rust's
     * {@code map(fn).buffer_unordered(n)}): fan-out with bounded concurrency. All of them run
     * on the consuming task, polled in place, each with its own waker; a future is made only
     * when a slot is free, so at most {@code n} exist at once.
     *
     * <pre>{@code
     * AsyncStream<Page> pages = urls.bufferUnordered(4, url -> fetch(url));   // as they finish
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling it cancels the futures in flight (their results are lost) and this stream.
     *
     * @param n   the most futures in flight, at least 1
     * @param fn  makes the future for an item
     * @param <R> the futures' value type
     * @return a stream that owns this one and the futures
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws NullPointerException     if {@code fn} is null; the stream fails with it if
     *                                  {@code fn} returns null or a future completes with null
     */
    default <R> AsyncStream<R> bufferUnordered(int n, Function<? super T, ? extends Future<? extends R>> fn) {
        return new BufferedStream<>(this, limit("bufferUnordered", n), false, Objects.requireNonNull(fn, "fn"), false);
    }

    // ------------------------------------------------------------------------- terminals

    /**
     * Returns a future that runs {@code action} on every item, in order, and completes when the
     * stream ends (with {@code null}). For an async action, use
     * {@link #forEachConcurrent(int, Function)} (with 1 for one at a time).
     *
     * <pre>{@code
     * await(AsyncStream.of("a", "b").forEach(seen::add));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream; the items not yet read are lost.
     *
     * @param action what to do with an item
     * @return a single-use future that owns this stream
     * @throws NullPointerException if {@code action} is null
     */
    default Future<Void> forEach(Consumer<? super T> action) {
        return new Drain.ForEach<>(this, Objects.requireNonNull(action, "action"));
    }

    /**
     * Returns a future that runs the future {@code fn} makes for every item, with at most
     * {@code n} running at once, and completes when the stream has ended and every future has
     * completed (Rust's {@code for_each_concurrent}). The first failure cancels the futures still
     * running and the stream, and fails the returned future.
     *
     * <pre>{@code
     * await(AsyncStream.fromIterable(orders).forEachConcurrent(8, order -> ship(order)));
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the futures in flight and the stream.
     *
     * @param n  the most futures at once, at least 1
     * @param fn makes the future for an item (its value is ignored; null is fine)
     * @return a single-use future that owns this stream
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws NullPointerException     if {@code fn} is null; the future fails with it if
     *                                  {@code fn} returns null
     */
    default Future<Void> forEachConcurrent(int n, Function<? super T, ? extends Future<?>> fn) {
        BufferedStream<T, Object> engine = new BufferedStream<>(this, limit("forEachConcurrent", n), false,
                Objects.requireNonNull(fn, "fn"), true);
        return new Drain.ForEach<>(engine, null);
    }

    /**
     * Returns a future of the items folded into one value: {@code fn(...fn(fn(init, a), b)...)}.
     *
     * <pre>{@code
     * int total = await(AsyncStream.of(1, 2, 3).fold(0, (sum, i) -> sum + i));   // 6
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream; the value folded so far is lost.
     *
     * @param init the starting value
     * @param fn   folds one item into the value
     * @param <R>  the value's type
     * @return a single-use future that owns this stream
     * @throws NullPointerException if {@code fn} is null
     */
    default <R> Future<R> fold(R init, BiFunction<R, ? super T, R> fn) {
        return new Drain.Fold<>(this, init, Objects.requireNonNull(fn, "fn"));
    }

    /**
     * Returns a future of every item in an unmodifiable list, in stream order.
     *
     * <pre>{@code
     * List<String> all = await(AsyncStream.of("a", "b").collect());
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream; the items gathered so far are lost.
     *
     * @return a single-use future that owns this stream
     */
    default Future<List<T>> collect() {
        return new Drain.ToList<>(this);
    }

    /**
     * Returns a future of the items gathered by a {@code java.util.stream.Collector}: any of
     * {@code Collectors}' ({@code toSet()}, {@code joining(", ")}, {@code groupingBy(...)}, ...).
     *
     * <pre>{@code
     * String csv = await(AsyncStream.of("a", "b", "c").collect(Collectors.joining(",")));   // "a,b,c"
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream; the items gathered so far are lost.
     *
     * @param collector how to gather the items
     * @param <A>       the collector's container type
     * @param <R>       the result type
     * @return a single-use future that owns this stream
     * @throws NullPointerException if {@code collector} is null
     */
    default <A, R> Future<R> collect(Collector<? super T, A, R> collector) {
        return new Drain.Collect<>(this, Objects.requireNonNull(collector, "collector"));
    }

    /**
     * Returns a future of the number of items.
     *
     * <pre>{@code
     * long n = await(AsyncStream.range(0, 100).filter(i -> i % 7 == 0).count());   // 15
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream.
     *
     * @return a single-use future that owns this stream
     */
    default Future<Long> count() {
        return new Drain.Count<>(this);
    }

    /**
     * Returns a future of the first item, or of {@code null} if the stream is empty; the stream
     * is cancelled once the item is taken. (To read the next item and keep the stream, use
     * {@link #next()}.)
     *
     * <pre>{@code
     * Integer firstBig = await(AsyncStream.range(0, 1_000).filter(i -> i > 500).first());   // 501
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream.
     *
     * @return a single-use future that owns this stream
     */
    default Future<T> first() {
        return new Drain.Pick<>(this, true);
    }

    /**
     * Returns a future of the last item, or of {@code null} if the stream is empty.
     *
     * <pre>{@code
     * String lastLine = await(AsyncStream.of("a", "b", "c").last());   // "c"
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the future cancels the stream.
     *
     * @return a single-use future that owns this stream
     */
    default Future<T> last() {
        return new Drain.Pick<>(this, false);
    }

    /**
     * Returns a {@code java.util.concurrent.Flow.Publisher} of this stream's items, with
     * backpressure: a task on {@code runtime} polls the stream only while the subscriber has
     * requested items, and signals {@code onNext}, {@code onComplete} and {@code onError} from
     * that task (so keep the subscriber's methods short, or hand the work to an executor). One
     * subscriber only, as the stream is read once: a second one gets {@code onError} with
     * {@link IllegalStateException}. Passes the Reactive Streams TCK's publisher verification
     * (see {@code docs/streams.md}).
     *
     * <pre>{@code
     * Flow.Publisher<String> publisher = AsyncStream.of("a", "b").toPublisher(runtime);
     * publisher.subscribe(subscriber);
     * }</pre>
     *
     * <h2>Cancel safety</h2>
     * Cancelling the subscription cancels the stream (on the runtime's task). If the runtime
     * shuts down before the stream ends, the subscriber gets {@code onError} with
     * {@link IllegalStateException}.
     *
     * @param runtime the runtime whose task polls the stream
     * @return a publisher for one subscriber
     * @throws NullPointerException if {@code runtime} is null
     */
    default Flow.Publisher<T> toPublisher(AsyncRuntime runtime) {
        return new StreamPublisher<>(this, Objects.requireNonNull(runtime, "runtime"));
    }

    /** Checks a concurrency limit. */
    private static int limit(String operation, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(operation + "(" + n + ", ...): the limit must be at least 1");
        }
        return n;
    }
}

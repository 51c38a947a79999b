package io.ferrite;

import static io.ferrite.FutureGroup.cast;

import io.ferrite.internal.AsyncSupport;
import io.ferrite.internal.CompletionStageFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Combinators that run several futures at once inside one task: Tokio's {@code join!},
 * {@code try_join!} and {@code select!}, and the {@code futures} crate's {@code join_all},
 * {@code try_join_all} and {@code buffered}.
 *
 * <p>They poll their children in place: no task is spawned per child, so the children run
 * concurrently (interleaved at their await points) on the task that awaits the combinator. Each
 * child gets its own waker; a wake polls only the children that were woken, so a large
 * {@link #joinAll(List)} costs per wake what the woken child costs, and one busy branch of a
 * {@link Select} cannot make the others be polled in its place. Each poll starts with the next
 * child in turn (as Tokio's {@code join!} does; a biased select always starts with its first
 * branch), so a child that spends the task's whole cooperative budget does not starve the
 * children after it.
 *
 * <table>
 *   <caption>Which combinator</caption>
 *   <tr><th>need</th><th>use</th><th>completes with</th></tr>
 *   <tr><td>all results, typed</td><td>{@link #join(Future, Future)} (2 to 5)</td><td>{@link Join2} ... {@link Join5}</td></tr>
 *   <tr><td>all results of a list</td><td>{@link #joinAll(List)}</td><td>a {@code List} in input order</td></tr>
 *   <tr><td>all, but stop at the first failure</td><td>{@link #tryJoin(Future, Future)}, {@link #tryJoinAll(List)}</td><td>the same, or that failure</td></tr>
 *   <tr><td>the first of several</td><td>{@link Select}, {@link #select(Future[])}, {@link #race(Future[])}</td><td>the winner's (mapped) value</td></tr>
 *   <tr><td>a {@code CompletionStage} among them</td><td>{@link #fromStage(CompletionStage)}</td><td>the stage's value</td></tr>
 *   <tr><td>many inputs, at most n at a time</td><td>{@link #mapConcurrent(List, int, Function)}</td><td>a {@code List} in input order</td></tr>
 * </table>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * import static io.ferrite.Futures.join;
 *
 * @Async
 * Future<Dashboard> loadDashboard(long userId) {
 *     Futures.Join3<User, List<Post>, List<Notice>> r =
 *             await(join(fetchUser(userId), fetchPosts(userId), fetchNotices(userId)));
 *     return Future.ready(new Dashboard(r.first(), r.second(), r.third()));
 * }
 * }</pre>
 *
 * <h2>Failures</h2>
 * A child fails by throwing from its poll. {@code join} and {@code joinAll} still wait for every
 * other child, then throw the first failure with the later ones attached as suppressed
 * exceptions. {@code tryJoin}, {@code tryJoinAll}, {@code mapConcurrent} and the selects fail at
 * once with the first failure and cancel the children still running.
 *
 * <h2>Cancellation</h2>
 * Cancelling a combinator cancels every child still running. Losers of a select and the rest of
 * a failed {@code tryJoin} are cancelled before the combinator completes, so their cleanup has
 * run when the awaiting code continues; each child's own cancel safety then says what is lost
 * (a cancel-safe {@code recv()} loses no message, for instance).
 *
 * <h2>Thread safety</h2>
 * Each combinator is a future: one task polls it. Its children's wakers may fire from any thread.
 */
public final class Futures {

    private Futures() {
    }

    // ------------------------------------------------------------------------------------------
    // Results.

    /**
     * The results of {@link Futures#join(Future, Future)}, in argument order.
     *
     * <pre>{@code
     * Futures.Join2<User, Prefs> r = await(join(user(id), prefs(id)));
     * render(r.first(), r.second());
     * }</pre>
     *
     * @param first  the first future's value
     * @param second the second future's value
     * @param <A>    the first value type
     * @param <B>    the second value type
     */
    public record Join2<A, B>(A first, B second) {
    }

    /**
     * The results of {@link Futures#join(Future, Future, Future)}, in argument order.
     *
     * <pre>{@code
     * var r = await(join(a, b, c));
     * }</pre>
     *
     * @param first  the first future's value
     * @param second the second future's value
     * @param third  the third future's value
     * @param <A>    the first value type
     * @param <B>    the second value type
     * @param <C>    the third value type
     */
    public record Join3<A, B, C>(A first, B second, C third) {
    }

    /**
     * The results of {@link Futures#join(Future, Future, Future, Future)}, in argument order.
     *
     * <pre>{@code
     * var r = await(join(a, b, c, d));
     * }</pre>
     *
     * @param first  the first future's value
     * @param second the second future's value
     * @param third  the third future's value
     * @param fourth the fourth future's value
     * @param <A>    the first value type
     * @param <B>    the second value type
     * @param <C>    the third value type
     * @param <D>    the fourth value type
     */
    public record Join4<A, B, C, D>(A first, B second, C third, D fourth) {
    }

    /**
     * The results of {@link Futures#join(Future, Future, Future, Future, Future)}, in argument
     * order.
     *
     * <pre>{@code
     * var r = await(join(a, b, c, d, e));
     * }</pre>
     *
     * @param first  the first future's value
     * @param second the second future's value
     * @param third  the third future's value
     * @param fourth the fourth future's value
     * @param fifth  the fifth future's value
     * @param <A>    the first value type
     * @param <B>    the second value type
     * @param <C>    the third value type
     * @param <D>    the fourth value type
     * @param <E>    the fifth value type
     */
    public record Join5<A, B, C, D, E>(A first, B second, C third, D fourth, E fifth) {
    }

    /**
     * Which future won a {@link Futures#select(Future[])}, and its value.
     *
     * <pre>{@code
     * Futures.Selected<String> s = await(select(primary.get(key), replica.get(key)));
     * log.debug("answered by " + (s.index() == 0 ? "primary" : "replica"));
     * }</pre>
     *
     * @param index the winner's position among the arguments, from 0
     * @param value the winner's value
     * @param <T>   the value type
     */
    public record Selected<T>(int index, T value) {
    }

    // ------------------------------------------------------------------------------------------
    // join and tryJoin.

    /**
     * Runs two futures concurrently and completes with both values.
     *
     * <pre>{@code
     * Futures.Join2<User, List<Post>> r = await(join(fetchUser(id), fetchPosts(id)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param <A> the first value type
     * @param <B> the second value type
     * @return a future of both values; if one fails, it fails with that failure once the other
     *         has finished too
     */
    public static <A, B> Future<Join2<A, B>> join(Future<A> a, Future<B> b) {
        return new JoinGroup<>(false, r -> new Join2<>(cast(r[0]), cast(r[1])), a, b);
    }

    /**
     * Runs three futures concurrently and completes with all values.
     *
     * <pre>{@code
     * var r = await(join(user(id), posts(id), notices(id)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @return a future of all values; see {@link #join(Future, Future)} for failures
     */
    public static <A, B, C> Future<Join3<A, B, C>> join(Future<A> a, Future<B> b, Future<C> c) {
        return new JoinGroup<>(false, r -> new Join3<>(cast(r[0]), cast(r[1]), cast(r[2])), a, b, c);
    }

    /**
     * Runs four futures concurrently and completes with all values.
     *
     * <pre>{@code
     * var r = await(join(a, b, c, d));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param d   the fourth future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @param <D> the fourth value type
     * @return a future of all values; see {@link #join(Future, Future)} for failures
     */
    public static <A, B, C, D> Future<Join4<A, B, C, D>> join(Future<A> a, Future<B> b, Future<C> c, Future<D> d) {
        return new JoinGroup<>(false, r -> new Join4<>(cast(r[0]), cast(r[1]), cast(r[2]), cast(r[3])), a, b, c, d);
    }

    /**
     * Runs five futures concurrently and completes with all values.
     *
     * <pre>{@code
     * var r = await(join(a, b, c, d, e));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param d   the fourth future
     * @param e   the fifth future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @param <D> the fourth value type
     * @param <E> the fifth value type
     * @return a future of all values; see {@link #join(Future, Future)} for failures
     */
    public static <A, B, C, D, E> Future<Join5<A, B, C, D, E>> join(Future<A> a, Future<B> b, Future<C> c,
            Future<D> d, Future<E> e) {
        return new JoinGroup<>(false, r -> new Join5<>(cast(r[0]), cast(r[1]), cast(r[2]), cast(r[3]), cast(r[4])),
                a, b, c, d, e);
    }

    /**
     * Runs every future of {@code futures} concurrently and completes with their values in the
     * same order.
     *
     * <pre>{@code
     * List<Future<Page>> fetches = urls.stream().map(http::get).toList();
     * List<Page> pages = await(joinAll(fetches));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param futures the futures; the list is copied
     * @param <T>     the value type
     * @return a future of an unmodifiable list of the values (which may contain nulls); if any
     *         fails, it fails with the first failure once all have finished
     */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new JoinGroup<>(false, FutureGroup::listOf, futures.toArray(new Future<?>[0]));
    }

    /**
     * Runs two futures concurrently; completes with both values, or fails as soon as one fails,
     * cancelling the other.
     *
     * <pre>{@code
     * var r = await(tryJoin(fetchUser(id), fetchPosts(id)));   // one failure is enough
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param <A> the first value type
     * @param <B> the second value type
     * @return a future of both values, or of the first failure
     */
    public static <A, B> Future<Join2<A, B>> tryJoin(Future<A> a, Future<B> b) {
        return new JoinGroup<>(true, r -> new Join2<>(cast(r[0]), cast(r[1])), a, b);
    }

    /**
     * Three futures; see {@link #tryJoin(Future, Future)}.
     *
     * <pre>{@code
     * var r = await(tryJoin(a, b, c));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @return a future of all values, or of the first failure
     */
    public static <A, B, C> Future<Join3<A, B, C>> tryJoin(Future<A> a, Future<B> b, Future<C> c) {
        return new JoinGroup<>(true, r -> new Join3<>(cast(r[0]), cast(r[1]), cast(r[2])), a, b, c);
    }

    /**
     * Four futures; see {@link #tryJoin(Future, Future)}.
     *
     * <pre>{@code
     * var r = await(tryJoin(a, b, c, d));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param d   the fourth future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @param <D> the fourth value type
     * @return a future of all values, or of the first failure
     */
    public static <A, B, C, D> Future<Join4<A, B, C, D>> tryJoin(Future<A> a, Future<B> b, Future<C> c,
            Future<D> d) {
        return new JoinGroup<>(true, r -> new Join4<>(cast(r[0]), cast(r[1]), cast(r[2]), cast(r[3])), a, b, c, d);
    }

    /**
     * Five futures; see {@link #tryJoin(Future, Future)}.
     *
     * <pre>{@code
     * var r = await(tryJoin(a, b, c, d, e));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param a   the first future
     * @param b   the second future
     * @param c   the third future
     * @param d   the fourth future
     * @param e   the fifth future
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @param <D> the fourth value type
     * @param <E> the fifth value type
     * @return a future of all values, or of the first failure
     */
    public static <A, B, C, D, E> Future<Join5<A, B, C, D, E>> tryJoin(Future<A> a, Future<B> b, Future<C> c,
            Future<D> d, Future<E> e) {
        return new JoinGroup<>(true, r -> new Join5<>(cast(r[0]), cast(r[1]), cast(r[2]), cast(r[3]), cast(r[4])),
                a, b, c, d, e);
    }

    /**
     * Runs every future of {@code futures} concurrently; completes with their values in order,
     * or fails as soon as one fails, cancelling the others.
     *
     * <pre>{@code
     * List<Response> all = await(tryJoinAll(requests));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels whichever futures are still running.
     *
     * @param futures the futures; the list is copied
     * @param <T>     the value type
     * @return a future of an unmodifiable list of the values, or of the first failure
     */
    public static <T> Future<List<T>> tryJoinAll(List<? extends Future<? extends T>> futures) {
        return new JoinGroup<>(true, FutureGroup::listOf, futures.toArray(new Future<?>[0]));
    }

    // ------------------------------------------------------------------------------------------
    // select and race.

    /**
     * Waits for the first of {@code futures} to complete, fairly (see {@link Select#fair()}),
     * and cancels the others.
     *
     * <pre>{@code
     * Futures.Selected<byte[]> s = await(select(mirrorA.get(path), mirrorB.get(path)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels every future; the losers are cancelled when one wins.
     *
     * @param futures the competing futures, at least one
     * @param <T>     the value type
     * @return a future of the winner's index and value, or of the first failure
     * @throws IllegalArgumentException if no future is given
     */
    @SafeVarargs
    public static <T> Future<Selected<T>> select(Future<? extends T>... futures) {
        return indexed(Select.fair(), futures);
    }

    /**
     * Waits for the first of {@code futures} to complete, checking them in argument order (see
     * {@link Select#biased()}), and cancels the others.
     *
     * <pre>{@code
     * var s = await(selectBiased(shutdown.recv(), jobs.recv()));   // shutdown first
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels every future; the losers are cancelled when one wins.
     *
     * @param futures the competing futures, at least one
     * @param <T>     the value type
     * @return a future of the winner's index and value, or of the first failure
     * @throws IllegalArgumentException if no future is given
     */
    @SafeVarargs
    public static <T> Future<Selected<T>> selectBiased(Future<? extends T>... futures) {
        return indexed(Select.biased(), futures);
    }

    /**
     * Completes like the first of {@code futures} to finish, with its value or its failure, and
     * cancels the others.
     *
     * <pre>{@code
     * String fastest = await(race(dnsA.lookup(host), dnsB.lookup(host)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels every future; the losers are cancelled when one finishes.
     *
     * @param futures the competing futures, at least one
     * @param <T>     the value type
     * @return a future of the first value, or of the first failure
     * @throws IllegalArgumentException if no future is given
     */
    @SafeVarargs
    public static <T> Future<T> race(Future<? extends T>... futures) {
        requireSome(futures);
        Select<T> select = Select.fair();
        for (Future<? extends T> f : futures) {
            select.on(f, Function.identity());
        }
        return select;
    }

    /**
     * Adapts a {@link CompletionStage} (a {@code CompletableFuture}, a JDK {@code HttpClient}
     * response, a driver's result) to a {@link Future}, so it can take part in {@link #join},
     * {@link Select} or {@link #race} beside Ferrite's own futures. Awaiting the stage directly
     * needs no adapter: {@code await(stage)} does the same.
     *
     * <p>The future completes with the stage's value; a failure is rethrown unwrapped (the cause of
     * a {@link java.util.concurrent.CompletionException}). The stage runs on its own: it was
     * started when it was created, whatever polls the future.
     *
     * <pre>{@code
     * CompletableFuture<Quote> legacy = quoteService.quoteAsync(cart);      // eager, elsewhere
     * Futures.Join2<Quote, Stock> r = await(join(fromStage(legacy), stock.check(cart)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling the future (a lost {@code select}, an aborted task) cancels the stage when it is a
     * {@code CompletableFuture}; other stages cannot be cancelled and keep running.
     *
     * @param stage the stage to adapt
     * @param <T>   the value type
     * @return a future of the stage's outcome
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T> Future<T> fromStage(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "Futures.fromStage(stage): stage is null");
        return CompletionStageFuture.of(stage);
    }

    /**
     * Returns a future with {@code future}'s outcome that cancellation does not stop: Kotlin's
     * {@code withContext(NonCancellable)}, for cleanup that must finish even when the task that
     * runs it is cancelled (a rollback, releasing a remote lease, a final flush).
     *
     * <p>Awaited in an {@code @Async} body, it behaves as {@code future} does. When that body is
     * cancelled while it awaits it, {@code future} is not cancelled: the body keeps waiting for it
     * and then unwinds from its next ordinary await. And an await of it in a {@code finally}
     * block reached while the body unwinds from a cancellation waits for it, where any other
     * await would throw {@link Cancelled} at once (the {@code await-in-finally} warning points
     * here).
     *
     * <h4>Example</h4>
     * <pre>{@code
     * @Async
     * Future<Void> transfer(Account from, Account to, long amount) {
     *     Tx tx = await(db.begin());
     *     try {
     *         await(tx.debit(from, amount));
     *         await(tx.credit(to, amount));
     *         await(tx.commit());
     *     } finally {
     *         await(Futures.uncancellable(tx.close()));   // runs even if the task is aborted
     *     }
     *     return Future.ready(null);
     * }
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * {@code cancel()} cannot wait for a future that is not ready, so when a cancelled body is
     * suspended on one, the rest of its unwinding (the wait, then its remaining {@code finally}
     * blocks) continues as a task of the current runtime, and the {@code cancel()} call (an
     * {@code abort()}, a lost {@code select}) returns before it ends. Outside any runtime a daemon
     * thread drives it. Cancelled directly (by a combinator that polled it and lost interest),
     * the returned future lets {@code future} run to completion the same way. A runtime that
     * shuts down still stops that task, as it stops every task.
     *
     * <h4>Thread safety</h4>
     * As for any future: polled by one task at a time.
     *
     * @param future the work that must complete
     * @param <T>    the value type
     * @return a future of {@code future}'s outcome that cancellation does not stop
     * @throws NullPointerException if {@code future} is null
     */
    public static <T> Future<T> uncancellable(Future<T> future) {
        Objects.requireNonNull(future, "Futures.uncancellable(future): future is null");
        return new UncancellableFuture<>(future);
    }

    private static <T> Future<Selected<T>> indexed(Select<Selected<T>> select, Future<? extends T>[] futures) {
        requireSome(futures);
        for (int i = 0; i < futures.length; i++) {
            int index = i;
            select.on(futures[i], v -> new Selected<>(index, v));
        }
        return select;
    }

    private static void requireSome(Future<?>[] futures) {
        if (futures.length == 0) {
            throw new IllegalArgumentException("select and race need at least one future");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Bounded concurrency.

    /**
     * Runs {@code operation} on every input, at most {@code limit} at a time, and completes with
     * the results in input order: fan-out with bounded concurrency (the {@code futures} crate's
     * {@code stream::iter(inputs).map(operation).buffered(limit).collect()}).
     *
     * <p>Each operation's future is made only when a slot is free, and all of them are polled in
     * place on the awaiting task. The first failure cancels the operations in flight, starts no
     * new one, and is thrown.
     *
     * <pre>{@code
     * List<UserData> users = await(mapConcurrent(userIds, 10, id -> fetchUserData(id)));
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancelling it cancels the operations in flight; no new one starts.
     *
     * @param inputs    the inputs; the list is copied
     * @param limit     the most operations running at once, at least 1
     * @param operation makes the future for one input
     * @param <I>       the input type
     * @param <R>       the result type
     * @return a future of an unmodifiable list of the results, in input order
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public static <I, R> Future<List<R>> mapConcurrent(List<? extends I> inputs, int limit,
            Function<? super I, ? extends Future<? extends R>> operation) {
        if (limit < 1) {
            throw new IllegalArgumentException("mapConcurrent(..., " + limit + ", ...): the limit must be at least 1");
        }
        Objects.requireNonNull(operation, "operation");
        return new BufferedGroup<>(new ArrayList<>(inputs), limit, operation);
    }

    // ------------------------------------------------------------------------------------------
    // The select builder.

    /**
     * Waits on several branches, each a future and what to do with its value, and completes with
     * the result of the first branch to complete: Tokio's {@code select!}. The losing branches'
     * futures are cancelled.
     *
     * <p>{@link #fair()} starts checking at a random branch, then at the next one on each poll,
     * so that a branch that is always ready cannot starve the others; {@link #biased()} checks the
     * branches in the order they were added, for priorities such as "shutdown first". A branch
     * added with {@link #onIf(boolean, Future, Function)} and {@code false} is disabled (Tokio's
     * {@code , if cond}): its future is never polled, only cancelled at the end. A branch added
     * with {@link #onNonNull(Future, Function)} is disabled when its future completes with
     * {@code null} (Tokio's {@code Some(v) = rx.recv()} pattern), and the select goes on waiting
     * for the others. When every branch is disabled, the select completes with
     * {@link #orElse(Supplier)}'s value (Tokio's {@code else}), or fails with
     * {@link IllegalStateException} if there is none.
     *
     * <p>A {@code Select} is itself the future: build it, then await it. Handlers run on the
     * polling task, inside its poll; they should be quick, and may return a future to await next.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * enum Next { MESSAGE, SHUTDOWN, TIMEOUT, CLOSED }
     *
     * @Async
     * Future<Void> serve(Mpsc.Receiver<Request> requests, Broadcast.Receiver<String> shutdown) {
     *     while (true) {
     *         Next next = await(Futures.Select.<Next>biased()
     *                 .on(shutdown.recv(), s -> Next.SHUTDOWN)
     *                 .onNonNull(requests.recv(), r -> { handle(r); return Next.MESSAGE; })
     *                 .on(sleep(Duration.ofSeconds(30)), t -> Next.TIMEOUT)
     *                 .orElse(() -> Next.CLOSED));
     *         if (next != Next.MESSAGE) {
     *             return Future.ready(null);
     *         }
     *     }
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * Every branch's future is cancelled unless it won, including disabled ones. Cancelling the
     * select cancels them all. Each branch's own cancel safety says what a lost race costs: use
     * cancel-safe futures (such as a channel's {@code recv()}) in a select loop.
     *
     * <h2>Thread safety</h2>
     * Build and poll it on one task.
     *
     * @param <R> the type the handlers map the winning value to
     */
    public static final class Select<R> implements Future<R> {

        private final boolean biased;
        private final List<SelectGroup.Branch<?, R>> branches = new ArrayList<>();
        private Supplier<? extends R> otherwise;
        private SelectGroup<R> group;
        private boolean cancelled;

        private Select(boolean biased) {
            this.biased = biased;
        }

        /**
         * Starts a select that checks the branches from a random one, rotating on each poll, so
         * none is starved.
         *
         * <pre>{@code
         * String r = await(Futures.Select.<String>fair().on(a, x -> x).on(b, x -> x));
         * }</pre>
         *
         * @param <R> the result type
         * @return an empty select
         */
        public static <R> Select<R> fair() {
            return new Select<>(false);
        }

        /**
         * Starts a select that checks the branches in the order they are added.
         *
         * <pre>{@code
         * await(Futures.Select.<Boolean>biased().on(stop.recv(), s -> true).on(work(), w -> false));
         * }</pre>
         *
         * @param <R> the result type
         * @return an empty select
         */
        public static <R> Select<R> biased() {
            return new Select<>(true);
        }

        /**
         * Adds a branch: when {@code future} completes first, the select completes with
         * {@code handler} applied to its value.
         *
         * <pre>{@code
         * select.on(rx.recv(), msg -> "got " + msg);
         * }</pre>
         *
         * @param future  the branch's future
         * @param handler maps its value to the select's result
         * @param <T>     the branch's value type
         * @return this select
         * @throws IllegalStateException if the select was already polled
         */
        public <T> Select<R> on(Future<T> future, Function<? super T, ? extends R> handler) {
            return add(true, false, future, handler);
        }

        /**
         * Adds a branch that takes part only if {@code enabled}; a disabled branch's future is
         * never polled, and is cancelled when the select ends (Tokio's {@code , if cond}).
         *
         * <pre>{@code
         * select.onIf(!paused, ticker.tick(), t -> Next.TICK);
         * }</pre>
         *
         * @param enabled whether the branch takes part
         * @param future  the branch's future
         * @param handler maps its value to the select's result
         * @param <T>     the branch's value type
         * @return this select
         * @throws IllegalStateException if the select was already polled
         */
        public <T> Select<R> onIf(boolean enabled, Future<T> future, Function<? super T, ? extends R> handler) {
            return add(enabled, false, future, handler);
        }

        /**
         * Adds a branch that wins only with a non-null value: if {@code future} completes with
         * {@code null} (a channel that has ended), the branch is disabled and the select waits
         * for the others (Tokio's {@code Some(v) = rx.recv()}).
         *
         * <pre>{@code
         * select.onNonNull(jobs.recv(), job -> job);
         * }</pre>
         *
         * @param future  the branch's future
         * @param handler maps its non-null value to the select's result
         * @param <T>     the branch's value type
         * @return this select
         * @throws IllegalStateException if the select was already polled
         */
        public <T> Select<R> onNonNull(Future<T> future, Function<? super T, ? extends R> handler) {
            return add(true, true, future, handler);
        }

        /**
         * Sets what the select completes with when every branch is disabled (Tokio's
         * {@code else}).
         *
         * <pre>{@code
         * select.orElse(() -> Next.CLOSED);
         * }</pre>
         *
         * @param otherwise makes the result when every branch is disabled
         * @return this select
         * @throws IllegalStateException if the select was already polled
         */
        public Select<R> orElse(Supplier<? extends R> otherwise) {
            checkBuilding();
            this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
            return this;
        }

        private <T> Select<R> add(boolean enabled, boolean nonNull, Future<T> future,
                Function<? super T, ? extends R> handler) {
            checkBuilding();
            branches.add(new SelectGroup.Branch<>(enabled, nonNull, Objects.requireNonNull(future, "future"),
                    Objects.requireNonNull(handler, "handler")));
            return this;
        }

        private void checkBuilding() {
            if (group != null || cancelled) {
                throw new IllegalStateException("branches can be added to a Select only before it is first polled");
            }
        }

        /**
         * Polls the enabled branches (all at the first poll, then those woken) and completes with
         * the first winner's handled value.
         *
         * @param cx the context of the polling task
         * @return the poll
         * @throws IllegalStateException if every branch is disabled and there is no
         *                               {@link #orElse(Supplier)}, or if polled after completing
         */
        @Override
        public Poll<R> poll(Context cx) {
            if (group == null) {
                if (cancelled) {
                    throw new IllegalStateException("this Select was cancelled");
                }
                group = new SelectGroup<>(biased, branches, otherwise);
            }
            return group.poll(cx);
        }

        /** Cancels every branch's future. */
        @Override
        public void cancel() {
            if (group != null) {
                group.cancel();
            } else if (!cancelled) {
                cancelled = true;
                Throwable failure = null;
                for (SelectGroup.Branch<?, R> b : branches) {
                    failure = FutureGroup.cancelQuietly(b.future(), failure);
                }
                if (failure != null) {
                    throw AsyncSupport.sneaky(failure);
                }
            }
        }

        @Override
        public String toString() {
            return "Futures.Select[" + (biased ? "biased" : "fair") + ", " + branches.size() + " branches"
                    + (group != null ? ", " + group.describe() : "") + "]";
        }
    }
}

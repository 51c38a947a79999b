package io.ferrite.benchmarks.await;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3 of the anchors: 10,000,000 awaits of already-complete futures in one loop (score = ns per
 * await). Every variant reads the same 1,024 pre-built values round-robin, as the anchors' CF and
 * EA Async loops do, so what differs is only the await mechanism:
 * <ul>
 *   <li>{@code ferriteAsync}: an {@code @Async} method (transformed by the Maven plugin at build
 *       time) awaiting {@code Future.ready(v)} values;
 *   <li>{@code handWritten}: the same loop as a hand-written {@code Future} state machine, the
 *       lower bound for a poll-based await;
 *   <li>{@code plainLoop}: a plain loop calling a method that returns the value: an inlined
 *       virtual call (type-guarded, as the await's {@code poll} is) on an object from the array
 *       and a field write; the anchors' {@code FloorBench.callMonomorphicInlined} (about 1 ns),
 *       the floor the target is stated against;
 *   <li>{@code plainArrayRead}: the value read straight from a {@code Long[]}: no call at all,
 *       below every await;
 *   <li>{@code completableFuture}: {@code isDone()} then {@code join()} on completed
 *       {@code CompletableFuture}s (what a hand-written or EA Async CF state machine does).
 * </ul>
 * {@code ferriteAsyncNested} awaits a fresh call of another {@code @Async} method each time (a
 * machine per call, unless escape analysis removes it): the realistic nested case, reported
 * beside the others but not part of the 0-allocation target. Run with {@code -prof gc} to see
 * the allocation per await ({@code gc.alloc.rate.norm} divided by 10,000,000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ReadyAwaitBenchmark {

    /** Awaits per invocation (the anchors' W3 size). */
    public static final int N = 10_000_000;
    private static final int MASK = 1023;

    private final Long[] values = new Long[MASK + 1];
    private final Source[] sources = new Source[MASK + 1];
    private final Future<Long>[] ready = newFutureArray(MASK + 1);
    @SuppressWarnings("unchecked")
    private final CompletableFuture<Long>[] completed = new CompletableFuture[MASK + 1];

    /** Builds the 1,024 values, ready futures and completed CFs. */
    public ReadyAwaitBenchmark() {
        Source.of(-1);  // loads the second subclass
        for (int i = 0; i <= MASK; i++) {
            values[i] = (long) i;
            sources[i] = Source.of(i);
            ready[i] = Future.ready(values[i]);
            completed[i] = CompletableFuture.completedFuture(values[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Future<Long>[] newFutureArray(int n) {
        return new Future[n];
    }

    /**
     * The {@code @Async} loop, polled once (it never suspends).
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteAsync() {
        return sumAsync(ready, N).poll(Context.noop()).value();
    }

    /**
     * The {@code @Async} loop awaiting a fresh {@code @Async} call per iteration.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteAsyncNested() {
        return sumNestedAsync(ready, N).poll(Context.noop()).value();
    }

    /**
     * The hand-written state machine, polled once.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWritten() {
        return new SumMachine(ready, N).poll(Context.noop()).value();
    }

    /**
     * The plain loop: a call that writes a field and returns the value.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long plainLoop() {
        Source[] ss = sources;
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += ss[i & MASK].get(i);
        }
        return sum;
    }

    /**
     * The value read from an array: no call.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long plainArrayRead() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += value(i);
        }
        return sum;
    }

    /**
     * A value behind a method that, like a poll, records a state transition. Abstract with a
     * second subclass loaded, as in the anchors' floor, so the call keeps its type guard.
     */
    abstract static class Source {
        final long value;
        long state;

        Source(long value) {
            this.value = value;
        }

        abstract long get(long at);

        static Source of(long value) {
            return value < 0 ? new Negated(value) : new Plain(value);
        }
    }

    static final class Plain extends Source {
        Plain(long value) {
            super(value);
        }

        @Override
        long get(long at) {
            state = at;
            return value;
        }
    }

    static final class Negated extends Source {
        Negated(long value) {
            super(value);
        }

        @Override
        long get(long at) {
            state = at;
            return -value;
        }
    }

    /**
     * {@code CompletableFuture}: {@code isDone()} then {@code join()}.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFuture() {
        CompletableFuture<Long>[] cfs = completed;
        long sum = 0;
        for (int i = 0; i < N; i++) {
            CompletableFuture<Long> f = cfs[i & MASK];
            if (!f.isDone()) {
                throw new AssertionError("not complete");
            }
            sum += f.join();
        }
        return sum;
    }

    private long value(int i) {
        return values[i & MASK];
    }

    @Async
    static Future<Long> sumAsync(Future<Long>[] futures, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(futures[i & MASK]);
        }
        return Future.ready(sum);
    }

    @Async
    static Future<Long> sumNestedAsync(Future<Long>[] futures, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(valueAsync(futures, i));
        }
        return Future.ready(sum);
    }

    @Async
    static Future<Long> valueAsync(Future<Long>[] futures, int i) {
        return Future.ready(await(futures[i & MASK]));
    }

    /** What the transformer should produce for {@link #sumAsync}, written by hand: the floor. */
    static final class SumMachine implements Future<Long> {
        private final Future<Long>[] futures;
        private final int n;
        private int i;
        private long sum;

        SumMachine(Future<Long>[] futures, int n) {
            this.futures = futures;
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            Future<Long>[] fs = futures;
            long s = sum;
            for (int k = i; k < n; k++) {
                Poll<Long> p = fs[k & MASK].poll(cx);
                if (p.isPending()) {
                    i = k;
                    sum = s;
                    return Poll.pending();
                }
                s += p.value();
            }
            i = n;
            return Poll.ready(s);
        }
    }
}

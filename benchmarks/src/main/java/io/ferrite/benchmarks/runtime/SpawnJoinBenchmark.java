package io.ferrite.benchmarks.runtime;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
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
 * W1 of the anchors: spawn 1,000,000 tiny tasks that each return a number, join them all in
 * order, and sum (score = ns per task). Ferrite spawns from inside a task, as the anchors' Tokio
 * benchmark does; the {@code CompletableFuture} peers submit {@code supplyAsync} from the
 * benchmark thread, as the anchors' CF benchmark does (virtual threads: {@code
 * io.ferrite.benchmarks.vt.VirtualThreadBenchmark}).
 *
 * <p>{@code ferrite*} run {@code @Async} code transformed at build time: the driver and the
 * spawned {@code value(i)} tasks. {@code ferriteMultiThreadPolymorphic} spawns tasks of eight
 * different state-machine classes round-robin, so the runtime's poll call site is megamorphic
 * as in an application. {@code handWritten*} run the same work as hand-written
 * {@code Future}s: the floor for a poll-based runtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SpawnJoinBenchmark extends RuntimesAndPools {

    static final int N = 1_000_000;

    /**
     * Ferrite, {@code @Async} code, multi-thread runtime with 2 workers.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThread() {
        return check(multiThread.blockOn(multiThread.spawn(spawnAll(N, false))));
    }

    /**
     * Ferrite, {@code @Async} code, current-thread runtime.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteCurrentThread() {
        return check(currentThread.blockOn(currentThread.spawn(spawnAll(N, false))));
    }

    /**
     * Ferrite, {@code @Async} code, multi-thread runtime, eight task classes.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThreadPolymorphic() {
        return check(multiThread.blockOn(multiThread.spawn(spawnAll(N, true))));
    }

    /**
     * Hand-written futures, multi-thread runtime with 2 workers (the floor).
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWrittenMultiThread() {
        return check(multiThread.blockOn(multiThread.spawn(new Driver(N))));
    }

    /**
     * Hand-written futures, current-thread runtime (the floor).
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWrittenCurrentThread() {
        return check(currentThread.blockOn(currentThread.spawn(new Driver(N))));
    }

    /**
     * {@code CompletableFuture.supplyAsync} on {@code new ForkJoinPool(2)}.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFutureForkJoin2() {
        return check(cf(fj2));
    }

    /**
     * {@code CompletableFuture.supplyAsync} on {@code new ForkJoinPool(1)}.
     *
     * @return the sum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFutureForkJoin1() {
        return check(cf(fj1));
    }

    @SuppressWarnings("unchecked")
    private static long cf(ForkJoinPool pool) {
        CompletableFuture<Long>[] fs = new CompletableFuture[N];
        for (int i = 0; i < N; i++) {
            final long v = i;
            fs[i] = CompletableFuture.supplyAsync(() -> v, pool);
        }
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += fs[i].join();
        }
        return sum;
    }

    private static long check(long sum) {
        if (sum != (long) N * (N - 1) / 2) {
            throw new AssertionError("bad sum " + sum);
        }
        return sum;
    }

    /** Spawns n tasks (of one class, or of eight in turn), then awaits each in order. */
    @Async
    static Future<Long> spawnAll(int n, boolean polymorphic) {
        JoinHandle<Long>[] handles = newHandles(n);
        for (int i = 0; i < n; i++) {
            handles[i] = Task.spawn(polymorphic ? valueOfKind(i & 7, i) : value(i));
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(handles[i]);
            handles[i] = null;
        }
        return Future.ready(sum);
    }

    @SuppressWarnings("unchecked")
    static <T> JoinHandle<T>[] newHandles(int n) {
        return new JoinHandle[n];
    }

    /** The spawned task. */
    @Async
    static Future<Long> value(long v) {
        return Future.ready(v);
    }

    // Eight distinct state-machine classes doing the same thing, for the polymorphic variant.
    @Async static Future<Long> value1(long v) { return Future.ready(v); }
    @Async static Future<Long> value2(long v) { return Future.ready(v); }
    @Async static Future<Long> value3(long v) { return Future.ready(v); }
    @Async static Future<Long> value4(long v) { return Future.ready(v); }
    @Async static Future<Long> value5(long v) { return Future.ready(v); }
    @Async static Future<Long> value6(long v) { return Future.ready(v); }
    @Async static Future<Long> value7(long v) { return Future.ready(v); }

    static Future<Long> valueOfKind(int kind, long v) {
        switch (kind) {
            case 1: return value1(v);
            case 2: return value2(v);
            case 3: return value3(v);
            case 4: return value4(v);
            case 5: return value5(v);
            case 6: return value6(v);
            case 7: return value7(v);
            default: return value(v);
        }
    }

    /** The hand-written spawned task: what {@code @Async Future<Long> value(long v) { return Future.ready(v); }} becomes. */
    static final class Value implements Future<Long> {
        private final long v;

        Value(long v) {
            this.v = v;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            return Poll.ready(v);
        }
    }

    /** Spawns n tasks, then awaits each handle in order: a hand-written state machine. */
    static final class Driver implements Future<Long> {
        private final int n;
        private JoinHandle<Long>[] handles;
        private int next;
        private long sum;

        Driver(int n) {
            this.n = n;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Long> poll(Context cx) {
            if (handles == null) {
                handles = newHandles(n);
                for (int i = 0; i < n; i++) {
                    handles[i] = Task.spawn(new Value(i));
                }
            }
            while (next < n) {
                Poll<Long> p = handles[next].poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum += p.value();
                handles[next++] = null;
            }
            return Poll.ready(sum);
        }
    }
}

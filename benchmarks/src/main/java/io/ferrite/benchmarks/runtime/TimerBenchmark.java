package io.ferrite.benchmarks.runtime;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5 of the anchors: 100,000 tasks each sleeping 10 ms, all joined (score = wall milliseconds
 * per run; 10 ms of it is the sleep itself). Ferrite's tasks are {@code @Async} methods awaiting
 * {@code Time.sleep}, spawned and joined by an {@code @Async} driver (transformed at build time).
 * The {@code CompletableFuture} peer is the anchors' {@code runAsync} on a {@code delayedExecutor}
 * over {@code new ForkJoinPool(2)}; the virtual-thread peer ({@code Thread.sleep}) is in
 * {@code io.ferrite.benchmarks.vt.VirtualThreadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TimerBenchmark {

    static final int N = 100_000;
    static final Duration SLEEP = Duration.ofMillis(10);

    private AsyncRuntime multiThread;
    private AsyncRuntime currentThread;
    private ForkJoinPool fj2;

    /** Starts the runtimes and the pool once per trial. */
    @Setup
    public void setUp() {
        multiThread = AsyncRuntime.multiThread().workerThreads(2).build();
        currentThread = AsyncRuntime.currentThread().build();
        fj2 = new ForkJoinPool(2);
    }

    /** Stops them. */
    @TearDown
    public void tearDown() {
        multiThread.close();
        currentThread.close();
        fj2.shutdown();
    }

    /**
     * Ferrite, multi-thread runtime with 2 workers.
     *
     * @return the number of tasks
     */
    @Benchmark
    public int ferriteMultiThread() {
        return multiThread.blockOn(multiThread.spawn(sleepAll(N)));
    }

    /**
     * Ferrite, current-thread runtime.
     *
     * @return the number of tasks
     */
    @Benchmark
    public int ferriteCurrentThread() {
        return currentThread.blockOn(currentThread.spawn(sleepAll(N)));
    }

    /**
     * {@code CompletableFuture.runAsync} on a 10 ms {@code delayedExecutor} over
     * {@code new ForkJoinPool(2)}.
     *
     * @return the number of tasks
     */
    @Benchmark
    public int completableFutureForkJoin2() {
        Executor delayed = CompletableFuture.delayedExecutor(SLEEP.toMillis(), TimeUnit.MILLISECONDS, fj2);
        CompletableFuture<?>[] fs = new CompletableFuture<?>[N];
        for (int i = 0; i < N; i++) {
            fs[i] = CompletableFuture.runAsync(() -> { }, delayed);
        }
        CompletableFuture.allOf(fs).join();
        return N;
    }

    /** Spawns n sleeping tasks, then awaits each. */
    @Async
    static Future<Integer> sleepAll(int n) {
        JoinHandle<Void>[] handles = SpawnJoinBenchmark.newHandles(n);
        for (int i = 0; i < n; i++) {
            handles[i] = Task.spawn(sleeper());
        }
        for (int i = 0; i < n; i++) {
            await(handles[i]);
            handles[i] = null;
        }
        return Future.ready(n);
    }

    @Async
    static Future<Void> sleeper() {
        await(Time.sleep(SLEEP));
        return Future.ready(null);
    }
}

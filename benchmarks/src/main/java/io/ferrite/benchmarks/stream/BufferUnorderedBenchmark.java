package io.ferrite.benchmarks.stream;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.stream.AsyncStream;
import io.ferrite.time.Time;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * S5: 100,000 futures each sleeping 1 ms, at most 64 at a time, all results counted (score =
 * wall milliseconds per run; the ideal is 100,000 / 64 = 1,562.5 ms).
 *
 * <p>Ferrite: {@code range(100_000).bufferUnordered(64, i -> nap(i)).count()}, where {@code nap}
 * is an {@code @Async} method awaiting {@code Time.sleep(1 ms)} on the runtime's wheel, on a
 * two-worker runtime; and the same with {@code forEachConcurrent(64, ...)}. Peers: Reactor's
 * {@code flatMap(i -> Mono.delay(1 ms), 64)} and RxJava's {@code flatMap(i -> timer(1 ms), 64)},
 * on their default timer schedulers. {@code ferriteTimerFloor} is the runtime without streams:
 * 64 tasks, each sleeping 1 ms one sleep after the other until the 100,000 sleeps are done; what
 * {@code bufferUnordered} costs is its distance from that floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BufferUnorderedBenchmark {

    static final int N = 100_000;
    static final int LIMIT = 64;
    static final Duration NAP = Duration.ofMillis(1);

    private AsyncRuntime runtime;

    /** Starts the runtime once per trial. */
    @Setup
    public void setUp() {
        runtime = AsyncRuntime.multiThread().workerThreads(2).build();
    }

    /** Stops it. */
    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Async
    static Future<Integer> nap(int i) {
        await(Time.sleep(NAP));
        return Future.ready(i);
    }

    /** @return how many results */
    @Benchmark
    public long ferriteBufferUnordered() {
        return runtime.blockOn(AsyncStream.range(0, N).bufferUnordered(LIMIT, BufferUnorderedBenchmark::nap).count());
    }

    /** @return 0 */
    @Benchmark
    public int ferriteForEachConcurrent() {
        runtime.blockOn(AsyncStream.range(0, N).forEachConcurrent(LIMIT, i -> Time.sleep(NAP)));
        return 0;
    }

    @Async
    static Future<Integer> napInTurn(int naps) {
        for (int i = 0; i < naps; i++) {
            await(Time.sleep(NAP));
        }
        return Future.ready(naps);
    }

    @Async
    static Future<Integer> allInTurn() {
        java.util.List<io.ferrite.runtime.JoinHandle<Integer>> tasks = new java.util.ArrayList<>();
        for (int k = 0; k < LIMIT; k++) {
            tasks.add(io.ferrite.runtime.Task.spawn(napInTurn(N / LIMIT + (k < N % LIMIT ? 1 : 0))));
        }
        int total = 0;
        for (io.ferrite.runtime.JoinHandle<Integer> t : tasks) {
            total += await(t);
        }
        return Future.ready(total);
    }

    /** @return how many sleeps */
    @Benchmark
    public int ferriteTimerFloor() {
        return runtime.blockOn(allInTurn());
    }

    /** @return how many results */
    @Benchmark
    public long reactorFlatMap() {
        return Flux.range(0, N).flatMap(i -> Mono.delay(NAP).thenReturn(i), LIMIT).count().block();
    }

    /** @return how many results */
    @Benchmark
    public long rxJavaFlatMap() {
        return Flowable.range(0, N).flatMap(i -> Flowable.timer(1, TimeUnit.MILLISECONDS).map(t -> i), false, LIMIT)
                .count().blockingGet();
    }
}

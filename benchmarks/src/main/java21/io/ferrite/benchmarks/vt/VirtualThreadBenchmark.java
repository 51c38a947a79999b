package io.ferrite.benchmarks.vt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
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
 * Virtual-thread peers of the runtime benchmarks, with the anchors' sizes and the default
 * scheduler (2 carriers on this machine): W1 spawn+join of 1,000,000 virtual threads
 * ({@code spawnJoin*}, ns per task), W2 ping-pong of 1,000,000 round trips ({@code pingPong*},
 * ns per round trip) and W5 100,000 virtual threads sleeping 10 ms ({@code sleep}, ms per run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class VirtualThreadBenchmark {

    static final int W1_N = 1_000_000;
    static final int W2_N = 1_000_000;
    static final int W5_N = 100_000;

    /**
     * W1: {@code Thread.ofVirtual().start} per task, then {@code join} each.
     *
     * @return the sum
     * @throws InterruptedException never
     */
    @Benchmark
    @OperationsPerInvocation(W1_N)
    public long spawnJoin() throws InterruptedException {
        Thread[] ts = new Thread[W1_N];
        long[] res = new long[W1_N];
        Thread.Builder.OfVirtual b = Thread.ofVirtual();
        for (int i = 0; i < W1_N; i++) {
            final int idx = i;
            ts[i] = b.start(() -> res[idx] = idx);
        }
        long sum = 0;
        for (int i = 0; i < W1_N; i++) {
            ts[i].join();
            sum += res[i];
        }
        return checkSum(sum);
    }

    /**
     * W1: {@code Executors.newVirtualThreadPerTaskExecutor().submit} per task, then {@code get}
     * each.
     *
     * @return the sum
     * @throws Exception never
     */
    @Benchmark
    @OperationsPerInvocation(W1_N)
    public long spawnJoinExecutor() throws Exception {
        @SuppressWarnings("unchecked")
        Future<Long>[] fs = new Future[W1_N];
        long sum = 0;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < W1_N; i++) {
                final long v = i;
                fs[i] = ex.submit(() -> v);
            }
            for (int i = 0; i < W1_N; i++) {
                sum += fs[i].get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
        return checkSum(sum);
    }

    private static long checkSum(long sum) {
        if (sum != (long) W1_N * (W1_N - 1) / 2) {
            throw new AssertionError("bad sum " + sum);
        }
        return sum;
    }

    /**
     * W2: two virtual threads exchanging through {@code SynchronousQueue}s.
     *
     * @return the checksum
     * @throws InterruptedException never
     */
    @Benchmark
    @OperationsPerInvocation(W2_N)
    public long pingPongSynchronousQueue() throws InterruptedException {
        return pingPong(new SynchronousQueue<>(), new SynchronousQueue<>());
    }

    /**
     * W2: two virtual threads exchanging through {@code ArrayBlockingQueue(1)}s.
     *
     * @return the checksum
     * @throws InterruptedException never
     */
    @Benchmark
    @OperationsPerInvocation(W2_N)
    public long pingPongArrayBlockingQueue() throws InterruptedException {
        return pingPong(new ArrayBlockingQueue<>(1), new ArrayBlockingQueue<>(1));
    }

    private static long pingPong(BlockingQueue<Integer> toB, BlockingQueue<Integer> toA) throws InterruptedException {
        long[] sum = new long[1];
        Thread b = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < W2_N; i++) {
                    toA.put(toB.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread a = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < W2_N; i++) {
                    toB.put(i);
                    sum[0] += toA.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.join();
        b.join();
        if (sum[0] != (long) W2_N * (W2_N - 1) / 2) {
            throw new AssertionError("bad sum " + sum[0]);
        }
        return sum[0];
    }

    /**
     * W5: 100,000 virtual threads each sleeping 10 ms, joined (ms per run).
     *
     * @return the number of threads
     * @throws InterruptedException never
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int sleep() throws InterruptedException {
        Thread[] ts = new Thread[W5_N];
        Thread.Builder.OfVirtual b = Thread.ofVirtual();
        for (int i = 0; i < W5_N; i++) {
            ts[i] = b.start(() -> {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        return W5_N;
    }
}

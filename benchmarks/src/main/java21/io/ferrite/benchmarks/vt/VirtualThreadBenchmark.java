package io.ferrite.benchmarks.vt;

import java.util.concurrent.SynchronousQueue;
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
 * Virtual-thread peers of the runtime benchmarks, as in the anchors: W1 spawn+join of 1,000,000
 * virtual threads ({@code spawnJoin}, ns per task), W2 ping-pong through two
 * {@code SynchronousQueue}s ({@code pingPong}, ns per round trip), W5 100,000 virtual threads
 * sleeping 10 ms ({@code sleep}, ms per run; see {@code sleepMillis}).
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
    public long pingPong() throws InterruptedException {
        SynchronousQueue<Integer> toB = new SynchronousQueue<>();
        SynchronousQueue<Integer> toA = new SynchronousQueue<>();
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
        return sum[0];
    }

    /**
     * W5: 100,000 virtual threads each sleeping 10 ms, joined (ns per run).
     *
     * @return the number of threads
     * @throws InterruptedException never
     */
    @Benchmark
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

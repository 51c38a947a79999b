package io.ferrite.benchmarks.vt.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The virtual-thread peer of {@code io.ferrite.benchmarks.sync.MpscThroughputBenchmark}:
 * producers on virtual threads put into an {@link ArrayBlockingQueue}, a consumer virtual thread
 * takes, same message count, producer counts and capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockingQueueThroughputBenchmark {

    /** Messages per invocation, as in the Ferrite benchmark. */
    public static final int MESSAGES = 100_000;
    private static final Integer MESSAGE = 42;

    /** The number of producers. */
    @Param({"1", "4"})
    public int producers;

    /** The queue's capacity. */
    @Param({"256"})
    public int capacity;

    /**
     * Sends {@link #MESSAGES} messages and receives them all.
     *
     * @return the number of messages received
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int arrayBlockingQueue() throws InterruptedException {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
        int each = MESSAGES / producers;
        int total = each * producers;
        int[] received = new int[1];
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    queue.take();
                    received[0]++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        queue.put(MESSAGE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        consumer.join();
        if (received[0] != total) {
            throw new IllegalStateException("received " + received[0]);
        }
        return received[0];
    }
}

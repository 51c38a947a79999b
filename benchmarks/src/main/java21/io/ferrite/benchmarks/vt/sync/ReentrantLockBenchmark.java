package io.ferrite.benchmarks.vt.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * The virtual-thread peer of {@code io.ferrite.benchmarks.sync.MutexBenchmark}: a
 * {@link ReentrantLock} locked and unlocked on one virtual thread (uncontended), and by four
 * virtual threads each yielding while it holds the lock (contended).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReentrantLockBenchmark {

    /** Lock acquisitions per uncontended invocation, as in the Ferrite benchmark. */
    public static final int UNCONTENDED = 10_000;
    /** Threads in the contended case. */
    public static final int TASKS = 4;
    /** Lock acquisitions per thread in the contended case. */
    public static final int ROUNDS = 2_500;

    /**
     * Locks and unlocks with nobody else around, on a virtual thread.
     *
     * @return the counter
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(UNCONTENDED)
    public long uncontended() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        Thread t = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < UNCONTENDED; i++) {
                lock.lock();
                try {
                    counter[0]++;
                } finally {
                    lock.unlock();
                }
            }
        });
        t.join();
        return counter[0];
    }

    /**
     * Four virtual threads take turns, each holding the lock across a yield.
     *
     * @return the counter
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(TASKS * ROUNDS)
    public long contended() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < TASKS; n++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                        Thread.yield();
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (counter[0] != (long) TASKS * ROUNDS) {
            throw new IllegalStateException("counted " + counter[0]);
        }
        return counter[0];
    }
}

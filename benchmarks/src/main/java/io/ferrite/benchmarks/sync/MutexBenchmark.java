package io.ferrite.benchmarks.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.sync.Mutex;
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
 * Lock acquisitions per second of the async {@code Mutex}: uncontended (lock, increment, unlock
 * in a loop) and contended (four tasks on a single-threaded {@link PollLoop}, each yielding while
 * it holds the lock, so the others queue and every unlock is a hand-over). The peer is
 * {@code io.ferrite.benchmarks.vt.sync.ReentrantLockBenchmark} (ReentrantLock on virtual
 * threads), with the same shapes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MutexBenchmark {

    /** Lock acquisitions per uncontended invocation. */
    public static final int UNCONTENDED = 10_000;
    /** Tasks in the contended case. */
    public static final int TASKS = 4;
    /** Lock acquisitions per task in the contended case. */
    public static final int ROUNDS = 2_500;

    private final Mutex<long[]> mutex = new Mutex<>(new long[1]);

    /**
     * Locks and unlocks with nobody else around.
     *
     * @return the counter
     */
    @Benchmark
    @OperationsPerInvocation(UNCONTENDED)
    public long uncontended() {
        Context cx = Context.noop();
        for (int i = 0; i < UNCONTENDED; i++) {
            Mutex.Guard<long[]> g = mutex.lock().poll(cx).value();
            g.get()[0]++;
            g.close();
        }
        try (Mutex.Guard<long[]> g = mutex.tryLock()) {
            return g.get()[0];
        }
    }

    /**
     * Four tasks take turns, each holding the lock across a yield.
     *
     * @return the counter
     */
    @Benchmark
    @OperationsPerInvocation(TASKS * ROUNDS)
    public long contended() {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        PollLoop loop = new PollLoop();
        for (int t = 0; t < TASKS; t++) {
            loop.spawn(new Worker(m, ROUNDS));
        }
        loop.run();
        long count = m.tryLock().get()[0];
        if (count != (long) TASKS * ROUNDS) {
            throw new IllegalStateException("counted " + count);
        }
        return count;
    }

    /** {@code for (i < rounds) { try (g = await(lock())) { g.get()[0]++; await(yieldNow()); } }} */
    static final class Worker implements Future<Void> {
        private final Mutex<long[]> mutex;
        private int remaining;
        private Future<Mutex.Guard<long[]>> locking;
        private Mutex.Guard<long[]> guard;
        private Future<Void> yielding;

        Worker(Mutex<long[]> mutex, int rounds) {
            this.mutex = mutex;
            this.remaining = rounds;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (guard == null) {
                    if (remaining == 0) {
                        return Poll.ready(null);
                    }
                    if (locking == null) {
                        locking = mutex.lock();
                    }
                    Poll<Mutex.Guard<long[]>> p = locking.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    locking = null;
                    guard = p.value();
                    guard.get()[0]++;
                    yielding = PollLoop.yieldNow();
                }
                if (yielding.poll(cx).isPending()) {
                    return Poll.pending();
                }
                guard.close();
                guard = null;
                remaining--;
            }
        }
    }
}

package io.ferrite.benchmarks.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 of the anchors: two tasks pass a number back and forth 1,000,000 times through two
 * channels (score = ns per round trip). Ferrite's tasks are hand-written state machines over a
 * minimal one-slot channel; the {@code CompletableFuture} peers are the anchors' callback
 * variant (a synchronized channel, {@code thenAcceptAsync} per message).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PingPongBenchmark {

    static final int N = 1_000_000;

    private AsyncRuntime multiThread;
    private AsyncRuntime currentThread;
    private ForkJoinPool fj2;
    private ForkJoinPool fj1;

    /** Starts the runtimes and pools once per trial. */
    @Setup
    public void setUp() {
        multiThread = AsyncRuntime.multiThread().workerThreads(2).build();
        currentThread = AsyncRuntime.currentThread().build();
        fj2 = new ForkJoinPool(2);
        fj1 = new ForkJoinPool(1);
    }

    /** Stops them. */
    @TearDown
    public void tearDown() {
        multiThread.close();
        currentThread.close();
        fj2.shutdown();
        fj1.shutdown();
    }

    /**
     * Ferrite, multi-thread runtime with 2 workers.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThread() {
        return multiThread.blockOn(multiThread.spawn(new Driver(N)));
    }

    /**
     * Ferrite, current-thread runtime.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteCurrentThread() {
        return currentThread.blockOn(currentThread.spawn(new Driver(N)));
    }

    /**
     * {@code CompletableFuture} callbacks on {@code new ForkJoinPool(2)}.
     *
     * @return a constant
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFutureForkJoin2() {
        return cfCallback(fj2, N);
    }

    /**
     * {@code CompletableFuture} callbacks on {@code new ForkJoinPool(1)}.
     *
     * @return a constant
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFutureForkJoin1() {
        return cfCallback(fj1, N);
    }

    /** Spawns pong and ping, awaits both. */
    static final class Driver implements Future<Long> {
        private final int n;
        private JoinHandle<Long> ping;
        private JoinHandle<Long> pong;
        private long sum;

        Driver(int n) {
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            if (ping == null) {
                Mailbox toPong = new Mailbox();
                Mailbox toPing = new Mailbox();
                pong = Task.spawn(new Pong(toPong, toPing, n));
                ping = Task.spawn(new Ping(toPong, toPing, n));
            }
            if (sum == 0) {
                Poll<Long> p = ping.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum = p.value();
            }
            Poll<Long> q = pong.poll(cx);
            if (q.isPending()) {
                return Poll.pending();
            }
            if (sum != (long) n * (n - 1) / 2) {
                throw new AssertionError("bad sum " + sum);
            }
            return Poll.ready(sum);
        }
    }

    /** Sends 0..n-1, awaiting each echo: a two-state machine. */
    static final class Ping implements Future<Long> {
        private final Mailbox out;
        private final Mailbox in;
        private final int n;
        private int i;
        private long sum;
        private boolean waiting;

        Ping(Mailbox out, Mailbox in, int n) {
            this.out = out;
            this.in = in;
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (true) {
                if (!waiting) {
                    if (i == n) {
                        return Poll.ready(sum);
                    }
                    out.send(i);
                    waiting = true;
                }
                long v = in.tryRecv(cx);
                if (v < 0) {
                    return Poll.pending();
                }
                sum += v;
                i++;
                waiting = false;
            }
        }
    }

    /** Echoes every number until the last one. */
    static final class Pong implements Future<Long> {
        private final Mailbox in;
        private final Mailbox out;
        private final int n;

        Pong(Mailbox in, Mailbox out, int n) {
            this.in = in;
            this.out = out;
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (true) {
                long v = in.tryRecv(cx);
                if (v < 0) {
                    return Poll.pending();
                }
                out.send(v);
                if (v == n - 1) {
                    return Poll.ready(0L);
                }
            }
        }
    }

    // ------------------------------------------------------------------ CompletableFuture peer (anchors' W2 callback)

    /** The anchors' minimal CF channel: one receiver at a time, unbounded. */
    static final class CfChannel<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private CompletableFuture<T> waiter;

        void send(T v) {
            CompletableFuture<T> w;
            synchronized (this) {
                w = waiter;
                if (w == null) {
                    items.add(v);
                    return;
                }
                waiter = null;
            }
            w.complete(v);
        }

        CompletableFuture<T> receive() {
            synchronized (this) {
                T v = items.poll();
                if (v != null) {
                    return CompletableFuture.completedFuture(v);
                }
                CompletableFuture<T> w = new CompletableFuture<>();
                waiter = w;
                return w;
            }
        }
    }

    static long cfCallback(ExecutorService ex, int n) {
        CfChannel<Integer> toPong = new CfChannel<>();
        CfChannel<Integer> toPing = new CfChannel<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        class PingPong {
            void ping(int remaining) {
                if (remaining == 0) {
                    done.complete(null);
                    return;
                }
                toPong.send(remaining);
                toPing.receive().thenAcceptAsync(v -> ping(remaining - 1), ex);
            }

            void pong() {
                toPong.receive().thenAcceptAsync(v -> {
                    toPing.send(v);
                    if (v != 1) {
                        pong();
                    }
                }, ex);
            }
        }
        PingPong pp = new PingPong();
        ex.execute(pp::pong);
        ex.execute(() -> pp.ping(n));
        done.join();
        return n;
    }
}

package io.ferrite.benchmarks.runtime;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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
 * W2 of the anchors: two tasks pass a number back and forth 1,000,000 times through two
 * channels (score = ns per round trip).
 *
 * <p>{@code ferrite*} are {@code @Async} ping and pong tasks (transformed at build time) over the
 * toolkit's {@code Mpsc} channels: bounded with capacity 1 (the peer of Tokio's
 * {@code mpsc::channel(1)}) or unbounded (Tokio's {@code unbounded_channel}).
 * {@code ferriteMultiThreadPolymorphic} is the bounded one with the ping and pong drawn in turn
 * from four pairs of distinct state-machine classes (eight classes), so the runtime's poll call
 * site is megamorphic. {@code handWritten*} are hand-written state machines over a minimal
 * one-slot mailbox: a floor, not what a user writes. The {@code CompletableFuture} peers are the
 * anchors' callback variant (a synchronized channel, {@code thenAcceptAsync} per message); the
 * virtual-thread peers are in {@code io.ferrite.benchmarks.vt.VirtualThreadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PingPongBenchmark extends RuntimesAndPools {

    static final int N = 1_000_000;

    private int invocation;

    /**
     * Ferrite, {@code @Async} tasks, {@code Mpsc.channel(1)}, multi-thread runtime (2 workers).
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThread() {
        return multiThread.blockOn(multiThread.spawn(bounded(N, 0)));
    }

    /**
     * Ferrite, {@code @Async} tasks, {@code Mpsc.unboundedChannel()}, multi-thread runtime.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThreadUnbounded() {
        return multiThread.blockOn(multiThread.spawn(unbounded(N)));
    }

    /**
     * Ferrite, {@code @Async} tasks, {@code Mpsc.channel(1)}, current-thread runtime.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteCurrentThread() {
        return currentThread.blockOn(currentThread.spawn(bounded(N, 0)));
    }

    /**
     * Ferrite, {@code @Async} tasks, {@code Mpsc.unboundedChannel()}, current-thread runtime.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteCurrentThreadUnbounded() {
        return currentThread.blockOn(currentThread.spawn(unbounded(N)));
    }

    /**
     * Ferrite, {@code Mpsc.channel(1)}, multi-thread runtime, eight task classes in turn.
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteMultiThreadPolymorphic() {
        return multiThread.blockOn(multiThread.spawn(bounded(N, 1 + (invocation++ & 3))));
    }

    /**
     * Hand-written state machines over a one-slot mailbox, multi-thread runtime (the floor).
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWrittenMultiThread() {
        return multiThread.blockOn(multiThread.spawn(new Driver(N)));
    }

    /**
     * Hand-written state machines over a one-slot mailbox, current-thread runtime (the floor).
     *
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWrittenCurrentThread() {
        return currentThread.blockOn(currentThread.spawn(new Driver(N)));
    }

    // ------------------------------------------------------------------ @Async over Mpsc

    /** Boxes for the messages, so that a round trip allocates no {@code Long}. */
    private static final Long[] BOXES = new Long[1024];

    static {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = (long) i;
        }
    }

    static long expectedSum(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i & 1023;
        }
        return sum;
    }

    static long check(long sum, int n) {
        if (sum != expectedSum(n)) {
            throw new AssertionError("bad sum " + sum);
        }
        return sum;
    }

    /**
     * Spawns pong and ping over two {@code Mpsc.channel(1)}; {@code kind} 0 is the plain pair,
     * 1 to 4 the polymorphic pairs.
     */
    @Async
    static Future<Long> bounded(int n, int kind) {
        Mpsc.Channel<Long> toPong = Mpsc.channel(1);
        Mpsc.Channel<Long> toPing = Mpsc.channel(1);
        JoinHandle<Long> pong = Task.spawn(pongOfKind(kind, toPong.receiver(), toPing.sender()));
        long sum = await(Task.spawn(pingOfKind(kind, toPong.sender(), toPing.receiver(), n)));
        await(pong);
        return Future.ready(check(sum, n));
    }

    @Async
    static Future<Long> ping(Mpsc.Sender<Long> out, Mpsc.Receiver<Long> in, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            await(out.send(BOXES[i & 1023]));
            sum += await(in.recv());
        }
        out.close();
        return Future.ready(sum);
    }

    @Async
    static Future<Long> pong(Mpsc.Receiver<Long> in, Mpsc.Sender<Long> out) {
        long count = 0;
        Long v;
        while ((v = await(in.recv())) != null) {
            await(out.send(v));
            count++;
        }
        return Future.ready(count);
    }

    // Four more ping and pong classes (each delegates to the one above as its tail), so the
    // polymorphic variant's tasks are of eight classes.
    @Async static Future<Long> ping1(Mpsc.Sender<Long> o, Mpsc.Receiver<Long> i, int n) { return ping(o, i, n); }
    @Async static Future<Long> ping2(Mpsc.Sender<Long> o, Mpsc.Receiver<Long> i, int n) { return ping(o, i, n); }
    @Async static Future<Long> ping3(Mpsc.Sender<Long> o, Mpsc.Receiver<Long> i, int n) { return ping(o, i, n); }
    @Async static Future<Long> ping4(Mpsc.Sender<Long> o, Mpsc.Receiver<Long> i, int n) { return ping(o, i, n); }
    @Async static Future<Long> pong1(Mpsc.Receiver<Long> i, Mpsc.Sender<Long> o) { return pong(i, o); }
    @Async static Future<Long> pong2(Mpsc.Receiver<Long> i, Mpsc.Sender<Long> o) { return pong(i, o); }
    @Async static Future<Long> pong3(Mpsc.Receiver<Long> i, Mpsc.Sender<Long> o) { return pong(i, o); }
    @Async static Future<Long> pong4(Mpsc.Receiver<Long> i, Mpsc.Sender<Long> o) { return pong(i, o); }

    static Future<Long> pingOfKind(int kind, Mpsc.Sender<Long> out, Mpsc.Receiver<Long> in, int n) {
        switch (kind) {
            case 1: return ping1(out, in, n);
            case 2: return ping2(out, in, n);
            case 3: return ping3(out, in, n);
            case 4: return ping4(out, in, n);
            default: return ping(out, in, n);
        }
    }

    static Future<Long> pongOfKind(int kind, Mpsc.Receiver<Long> in, Mpsc.Sender<Long> out) {
        switch (kind) {
            case 1: return pong1(in, out);
            case 2: return pong2(in, out);
            case 3: return pong3(in, out);
            case 4: return pong4(in, out);
            default: return pong(in, out);
        }
    }

    /** Spawns pong and ping over two {@code Mpsc.unboundedChannel()}. */
    @Async
    static Future<Long> unbounded(int n) {
        Mpsc.UnboundedChannel<Long> toPong = Mpsc.unboundedChannel();
        Mpsc.UnboundedChannel<Long> toPing = Mpsc.unboundedChannel();
        JoinHandle<Long> pong = Task.spawn(pongUnbounded(toPong.receiver(), toPing.sender()));
        long sum = await(Task.spawn(pingUnbounded(toPong.sender(), toPing.receiver(), n)));
        await(pong);
        return Future.ready(check(sum, n));
    }

    @Async
    static Future<Long> pingUnbounded(Mpsc.UnboundedSender<Long> out, Mpsc.Receiver<Long> in, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            out.send(BOXES[i & 1023]);
            sum += await(in.recv());
        }
        out.close();
        return Future.ready(sum);
    }

    @Async
    static Future<Long> pongUnbounded(Mpsc.Receiver<Long> in, Mpsc.UnboundedSender<Long> out) {
        long count = 0;
        Long v;
        while ((v = await(in.recv())) != null) {
            out.send(v);
            count++;
        }
        return Future.ready(count);
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

    // ------------------------------------------------------------------ hand-written floor

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

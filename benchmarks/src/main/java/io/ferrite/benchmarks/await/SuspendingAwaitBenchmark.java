package io.ferrite.benchmarks.await;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.BlockOn;
import io.ferrite.runtime.Task;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * An await that suspends every time (score = ns per suspension and resumption).
 *
 * <p><b>Same thread</b> ({@code sameThread*}, 1,000,000 suspensions): the awaited future is
 * pending at its first poll and resumed by the same thread's event loop. Ferrite awaits
 * {@code Task.yieldNow()} (one 16-byte object per suspension, which wakes its own task) on the
 * current-thread runtime, and on {@code BlockOn.blockOn}. The {@code CompletableFuture} peers run
 * the same loop on a one-thread trampoline (an {@code ArrayDeque} of incomplete futures that the
 * benchmark thread completes in turn): a {@code whenComplete} callback loop (the hand-written
 * callback style) and a {@code thenCompose} chain (what EA Async generates for a loop).
 *
 * <p><b>Other thread</b> ({@code otherThread*}, 100,000 suspensions): the awaited future hands
 * its resumption to a resumer platform thread that spins on a slot and resumes it. Ferrite's
 * task then runs again on the runtime's worker (multi-thread runtime, 2 workers) or on the
 * {@code blockOn} thread; a {@code CompletableFuture}'s continuation runs on the completing
 * thread, as CF does by default. With 2 workers the two workers and the spinning resumer are
 * three busy threads on this machine's 2 cores; {@code otherThreadFerriteOneWorker} runs one
 * worker, so the resumer and the worker each have a core. Whoever parks pays this machine's
 * 30-40 us thread wake: the figure says how often each side has to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SuspendingAwaitBenchmark {

    /** Suspensions per invocation, same thread. */
    public static final int N = 1_000_000;
    /** Suspensions per invocation, other thread. */
    public static final int N_OTHER = 100_000;

    private AsyncRuntime currentThread;
    private AsyncRuntime multiThread;
    private AsyncRuntime oneWorker;
    private Resumer resumer;

    /** Starts the runtimes and the resumer thread. */
    @Setup
    public void setUp() {
        currentThread = AsyncRuntime.currentThread().build();
        multiThread = AsyncRuntime.multiThread().workerThreads(2).build();
        oneWorker = AsyncRuntime.multiThread().workerThreads(1).build();
        resumer = new Resumer();
        resumer.start();
    }

    /** Stops them. */
    @TearDown
    public void tearDown() throws InterruptedException {
        currentThread.close();
        multiThread.close();
        oneWorker.close();
        resumer.stopped = true;
        resumer.join();
    }

    // ------------------------------------------------------------------ same thread

    /**
     * Ferrite: an {@code @Async} loop awaiting {@code Task.yieldNow()}, current-thread runtime.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int sameThreadFerrite() {
        return currentThread.blockOn(yieldLoop(N));
    }

    /**
     * Ferrite: the same loop driven by {@code BlockOn.blockOn} (no runtime).
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int sameThreadFerriteBlockOn() {
        return BlockOn.blockOn(yieldLoop(N));
    }

    /**
     * {@code CompletableFuture.whenComplete} callback loop on a one-thread trampoline.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int sameThreadCfCallback() {
        ArrayDeque<CompletableFuture<Integer>> loop = new ArrayDeque<>();
        CallbackLoop c = new CallbackLoop(N, loop::add);
        c.step();
        CompletableFuture<Integer> f;
        while ((f = loop.poll()) != null) {
            f.complete(1);
        }
        return c.check();
    }

    /**
     * {@code CompletableFuture.thenCompose} chain on a one-thread trampoline.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int sameThreadCfThenCompose() {
        ArrayDeque<CompletableFuture<Integer>> loop = new ArrayDeque<>();
        CompletableFuture<Integer> done = composeLoop(0, N, loop::add);
        CompletableFuture<Integer> f;
        while ((f = loop.poll()) != null) {
            f.complete(1);
        }
        return check(done.join(), N);
    }

    // ------------------------------------------------------------------ other thread

    /**
     * Ferrite on the multi-thread runtime, resumed by the resumer thread.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N_OTHER)
    public int otherThreadFerrite() {
        return multiThread.blockOn(multiThread.spawn(handoffLoop(resumer, N_OTHER)));
    }

    /**
     * Ferrite on the multi-thread runtime with one worker, resumed by the resumer thread: the
     * worker and the spinning resumer fit this machine's 2 cores, where two workers and the
     * resumer oversubscribe them and the figure measures the OS scheduler.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N_OTHER)
    public int otherThreadFerriteOneWorker() {
        return oneWorker.blockOn(oneWorker.spawn(handoffLoop(resumer, N_OTHER)));
    }

    /**
     * Ferrite on {@code BlockOn.blockOn}, resumed by the resumer thread.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N_OTHER)
    public int otherThreadFerriteBlockOn() {
        return BlockOn.blockOn(handoffLoop(resumer, N_OTHER));
    }

    /**
     * {@code whenComplete} callback loop, completed by the resumer thread.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N_OTHER)
    public int otherThreadCfCallback() {
        CallbackLoop c = new CallbackLoop(N_OTHER, resumer::submit);
        c.step();
        c.done.join();
        return c.check();
    }

    /**
     * {@code thenCompose} chain, completed by the resumer thread.
     *
     * @return the number of suspensions
     */
    @Benchmark
    @OperationsPerInvocation(N_OTHER)
    public int otherThreadCfThenCompose() {
        return check(composeLoop(0, N_OTHER, resumer::submit).join(), N_OTHER);
    }

    // ------------------------------------------------------------------ the loops

    @Async
    static Future<Integer> yieldLoop(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            await(Task.yieldNow());
            count++;
        }
        return Future.ready(check(count, n));
    }

    @Async
    static Future<Integer> handoffLoop(Resumer resumer, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += await(new Handoff(resumer));
        }
        return Future.ready(check(count, n));
    }

    static int check(int count, int n) {
        if (count != n) {
            throw new AssertionError("resumed " + count + " times, expected " + n);
        }
        return count;
    }

    /** Where a {@code CompletableFuture} loop puts the incomplete future it waits on. */
    interface Scheduler {
        void submit(CompletableFuture<Integer> f);
    }

    /** One incomplete CF per step; its callback takes the next step. */
    static final class CallbackLoop {
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        private final int n;
        private final Scheduler scheduler;
        private int count;

        CallbackLoop(int n, Scheduler scheduler) {
            this.n = n;
            this.scheduler = scheduler;
        }

        void step() {
            if (count == n) {
                done.complete(count);
                return;
            }
            CompletableFuture<Integer> f = new CompletableFuture<>();
            f.whenComplete((v, e) -> {
                count += v;
                step();
            });
            scheduler.submit(f);
        }

        int check() {
            return SuspendingAwaitBenchmark.check(done.join(), n);
        }
    }

    static CompletableFuture<Integer> composeLoop(int count, int n, Scheduler scheduler) {
        if (count == n) {
            return CompletableFuture.completedFuture(count);
        }
        CompletableFuture<Integer> f = new CompletableFuture<>();
        // Chained before it can complete, so the step never runs (and recurses) inside thenCompose.
        CompletableFuture<Integer> next = f.thenCompose(v -> composeLoop(count + v, n, scheduler));
        scheduler.submit(f);
        return next;
    }

    /**
     * Pending at its first poll, after handing itself to the resumer; ready with 1 once the
     * resumer ran it. One object per suspension.
     */
    static final class Handoff implements Future<Integer>, Runnable {
        private static final Poll<Integer> ONE = Poll.ready(1);
        private final Resumer resumer;
        private volatile boolean resumed;
        private Waker waker;

        Handoff(Resumer resumer) {
            this.resumer = resumer;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (resumed) {
                return ONE;
            }
            if (waker == null) {
                waker = cx.waker();
                resumer.submit(this);
            }
            return Poll.pending();
        }

        /** Runs on the resumer: marks the handoff resumed, then wakes the task. */
        @Override
        public void run() {
            resumed = true;
            waker.wake();
        }
    }

    /** A platform thread spinning on a one-slot mailbox: completes CFs, runs wakers. */
    static final class Resumer extends Thread {
        private final AtomicReference<Object> slot = new AtomicReference<>();
        volatile boolean stopped;

        Resumer() {
            super("resumer");
            setDaemon(true);
        }

        void submit(Object job) {
            while (!slot.compareAndSet(null, job)) {
                Thread.onSpinWait();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run() {
            while (!stopped) {
                Object job = slot.getAndSet(null);
                if (job == null) {
                    Thread.onSpinWait();
                } else if (job instanceof Runnable r) {
                    r.run();
                } else {
                    ((CompletableFuture<Integer>) job).complete(1);
                }
            }
        }
    }
}

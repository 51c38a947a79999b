package io.ferrite.benchmarks.runtime;

import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executors the runtime workloads (W1 spawn+join, W2 ping-pong) run on, started once per
 * trial: Ferrite's multi-thread runtime with 2 workers and its current-thread runtime, and the
 * {@code CompletableFuture} peers' ForkJoinPools of 2 and of 1 thread. JMH runs these
 * {@code @Setup}/{@code @TearDown} methods for each benchmark class that extends this one.
 */
public abstract class RuntimesAndPools {

    AsyncRuntime multiThread;
    AsyncRuntime currentThread;
    ForkJoinPool fj2;
    ForkJoinPool fj1;

    /** Starts the runtimes and pools once per trial. */
    @Setup
    public void startExecutors() {
        multiThread = AsyncRuntime.multiThread().workerThreads(2).build();
        currentThread = AsyncRuntime.currentThread().build();
        fj2 = new ForkJoinPool(2);
        fj1 = new ForkJoinPool(1);
    }

    /** Stops them. */
    @TearDown
    public void stopExecutors() {
        multiThread.close();
        currentThread.close();
        fj2.shutdown();
        fj1.shutdown();
    }
}

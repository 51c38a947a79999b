package io.ferrite.benchmarks.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * W4 of the anchors: heap bytes per suspended task, with 1,000,000 tasks waiting on a oneshot
 * (variant {@code oneshot}) or on a 60 s timer ({@code timer}). Not a JMH benchmark: it needs a
 * process of its own and a quiet heap. It prints the anchors' {@code RESULT} lines, so
 * {@code aggregate.py} can put it beside the peers.
 *
 * <pre>java -Xmx12g -cp benchmarks.jar io.ferrite.benchmarks.runtime.SuspendedTaskFootprint oneshot mt2</pre>
 *
 * The heap is measured as in the anchors: used heap after repeated full GCs, minus a baseline
 * taken after the arrays that hold the handles and senders were allocated; so the figure counts
 * the task, its future, what it waits on, and the runtime's bookkeeping for it.
 */
public final class SuspendedTaskFootprint {

    static final int N = 1_000_000;
    static final LongAdder STARTED = new LongAdder();

    private SuspendedTaskFootprint() {
    }

    /**
     * Runs one variant.
     *
     * @param args variant ({@code oneshot} or {@code timer}), runtime ({@code mt2} or {@code ct})
     * @throws Exception if the measurement fails
     */
    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "oneshot";
        String flavour = args.length > 1 ? args[1] : "mt2";
        int n = args.length > 2 ? Integer.parseInt(args[2]) : N;
        AsyncRuntime rt = flavour.equals("ct") ? AsyncRuntime.currentThread().build()
                : AsyncRuntime.multiThread().workerThreads(2).build();
        Object[] senders = new Object[n];
        Object[] handles = new Object[n];
        rt.blockOn(Time.sleep(Duration.ofMillis(100)));  // let the threads settle
        long heap0 = usedHeapAfterGc();
        long t0 = System.nanoTime();
        rt.blockOn(new Spawner(variant, n, senders, handles));
        long t1 = System.nanoTime();
        Thread.sleep(300);
        long heap1 = usedHeapAfterGc();
        String impl = "F:ferrite-" + flavour + "-" + variant;
        emit(impl, "heap_B_per_task", (heap1 - heap0) / (double) n, "B");
        emit(impl, "create_ns_per_task", (t1 - t0) / (double) n, "ns");
        System.out.println("INFO\talive tasks " + rt.metrics().numAliveTasks() + ", timers " + rt.metrics().numTimers());
        Reference.reachabilityFence(senders);
        Reference.reachabilityFence(handles);
        System.exit(0);
    }

    private static void emit(String impl, String metric, double value, String unit) {
        System.out.printf("RESULT\t%s@jdk%d\tW4\t%s\t%.4f\t%s\t0%n", impl, Runtime.version().feature(), metric, value, unit);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Spawns the waiting tasks, then waits (sleeping 5 ms at a time) until all have started. */
    static final class Spawner implements Future<Void> {
        private final String variant;
        private final int n;
        private final Object[] senders;
        private final Object[] handles;
        private boolean spawned;
        private Future<Void> nap;

        Spawner(String variant, int n, Object[] senders, Object[] handles) {
            this.variant = variant;
            this.n = n;
            this.senders = senders;
            this.handles = handles;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!spawned) {
                spawned = true;
                for (int i = 0; i < n; i++) {
                    Future<?> waitOn;
                    if (variant.equals("timer")) {
                        waitOn = Time.sleep(Duration.ofSeconds(60));
                    } else {
                        Oneshot<Long> rx = new Oneshot<>();
                        senders[i] = rx;
                        waitOn = rx;
                    }
                    handles[i] = Task.spawn(new Waiting(waitOn));
                }
            }
            while (STARTED.sum() < n) {
                if (nap == null) {
                    nap = Time.sleep(Duration.ofMillis(5));
                }
                if (nap.poll(cx).isPending()) {
                    return Poll.pending();
                }
                nap = null;
            }
            return Poll.ready(null);
        }
    }

    /** The task body: {@code STARTED.increment(); await(waitOn);} as a hand-written state machine. */
    static final class Waiting implements Future<Void> {
        private final Future<?> waitOn;
        private boolean started;

        Waiting(Future<?> waitOn) {
            this.waitOn = waitOn;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!started) {
                started = true;
                STARTED.increment();
            }
            return waitOn.poll(cx).isReady() ? Poll.ready(null) : Poll.pending();
        }
    }
}

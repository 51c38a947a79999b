package io.ferrite.benchmarks.runtime;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import io.ferrite.benchmarks.Footprint;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * W4 of the anchors: heap bytes per suspended task, with 1,000,000 tasks waiting. Variants:
 * {@code oneshot}, an {@code @Async} task awaiting the toolkit's {@code Oneshot.Receiver};
 * {@code timer}, an {@code @Async} task awaiting {@code Time.sleep} of 60 s (so none fires while
 * the heap is measured); {@code oneshot-floor}, a hand-written task awaiting a minimal
 * hand-written oneshot (the floor). Not a JMH benchmark: it needs a process of its own and a
 * quiet heap. It prints the anchors' {@code RESULT} lines, so {@code aggregate.py} can put it
 * beside the peers (the virtual-thread peer is {@code io.ferrite.benchmarks.vt.VirtualThreadFootprint}).
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
     * @param args variant ({@code oneshot}, {@code timer} or {@code oneshot-floor}), runtime
     *             ({@code mt2} or {@code ct}), optionally the number of tasks
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
        long heap0 = Footprint.usedHeapAfterGc();
        long t0 = System.nanoTime();
        rt.blockOn(new Spawner(variant, n, senders, handles));
        long t1 = System.nanoTime();
        Thread.sleep(300);
        long heap1 = Footprint.usedHeapAfterGc();
        String impl = variant.equals("oneshot-floor") ? "F:hand-written-" + flavour + "-oneshot"
                : "F:ferrite-" + flavour + "-" + variant;
        Footprint.result(impl, "heap_B_per_task", (heap1 - heap0) / (double) n, "B");
        Footprint.result(impl, "create_ns_per_task", (t1 - t0) / (double) n, "ns");
        System.out.println("INFO\talive tasks " + rt.metrics().numAliveTasks() + ", timers " + rt.metrics().numTimers());
        Reference.reachabilityFence(senders);
        Reference.reachabilityFence(handles);
        System.exit(0);
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
                    Future<?> task;
                    switch (variant) {
                        case "timer":
                            task = waiting(Time.sleep(Duration.ofSeconds(60)));
                            break;
                        case "oneshot": {
                            io.ferrite.channel.Oneshot.Channel<Long> ch = io.ferrite.channel.Oneshot.channel();
                            senders[i] = ch.sender();
                            task = waiting(ch.receiver());
                            break;
                        }
                        case "oneshot-floor": {
                            Oneshot<Long> rx = new Oneshot<>();
                            senders[i] = rx;
                            task = new Waiting(rx);
                            break;
                        }
                        default:
                            throw new IllegalArgumentException("unknown variant " + variant
                                    + ": use oneshot, timer or oneshot-floor");
                    }
                    handles[i] = Task.spawn(task);
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

    /** The task: counts itself started, then waits. */
    @Async
    static Future<Void> waiting(Future<?> waitOn) {
        STARTED.increment();
        await(waitOn);
        return Future.ready(null);
    }

    /** {@link #waiting} as a hand-written state machine: the floor. */
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

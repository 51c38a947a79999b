package io.ferrite.benchmarks.vt;

import io.ferrite.benchmarks.Footprint;
import java.lang.ref.Reference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * W4's virtual-thread peer: heap bytes per suspended virtual thread, 1,000,000 of them, measured
 * as {@code io.ferrite.benchmarks.runtime.SuspendedTaskFootprint} measures Ferrite's tasks (used
 * heap after full GCs, minus a baseline taken after the holding arrays were allocated). Variants:
 * {@code oneshot}, blocked in {@code CompletableFuture.join()} of a never-completed future;
 * {@code timer}, in {@code Thread.sleep} of 60 s.
 *
 * <pre>java -Xmx12g -cp benchmarks.jar io.ferrite.benchmarks.vt.VirtualThreadFootprint oneshot</pre>
 */
public final class VirtualThreadFootprint {

    private VirtualThreadFootprint() {
    }

    /**
     * Runs one variant and prints {@code RESULT} lines.
     *
     * @param args variant ({@code oneshot} or {@code timer}), optionally the number of threads
     * @throws Exception if the measurement fails
     */
    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "oneshot";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (!variant.equals("oneshot") && !variant.equals("timer")) {
            throw new IllegalArgumentException("unknown variant " + variant + ": use oneshot or timer");
        }
        Object[] senders = new Object[n];
        Thread[] threads = new Thread[n];
        CountDownLatch started = new CountDownLatch(n);
        long heap0 = Footprint.usedHeapAfterGc();
        long t0 = System.nanoTime();
        Thread.Builder.OfVirtual b = Thread.ofVirtual();
        for (int i = 0; i < n; i++) {
            if (variant.equals("timer")) {
                threads[i] = b.start(() -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } else {
                CompletableFuture<Long> cf = new CompletableFuture<>();
                senders[i] = cf;
                threads[i] = b.start(() -> {
                    started.countDown();
                    cf.join();
                });
            }
        }
        started.await();
        long t1 = System.nanoTime();
        Thread.sleep(300);
        long heap1 = Footprint.usedHeapAfterGc();
        String impl = "B:vt-" + variant;
        Footprint.result(impl, "heap_B_per_task", (heap1 - heap0) / (double) n, "B");
        Footprint.result(impl, "create_ns_per_task", (t1 - t0) / (double) n, "ns");
        Reference.reachabilityFence(senders);
        Reference.reachabilityFence(threads);
        System.exit(0);
    }

}

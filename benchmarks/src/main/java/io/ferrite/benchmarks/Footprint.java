package io.ferrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What the W4 footprint mains share: the heap measurement and the anchors' {@code RESULT} line.
 */
public final class Footprint {

    private Footprint() {
    }

    /**
     * The used heap after five full GCs (the lowest of five readings), as the anchors measure it.
     *
     * @return used heap bytes
     * @throws InterruptedException if interrupted between GCs
     */
    public static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /**
     * Prints one anchors-format line:
     * {@code RESULT <tab> impl@jdkN <tab> W4 <tab> metric <tab> value <tab> unit <tab> 0}.
     *
     * @param impl   the implementation, e.g. {@code F:ferrite-mt2-oneshot}
     * @param metric the metric, e.g. {@code heap_B_per_task}
     * @param value  the value
     * @param unit   its unit
     */
    public static void result(String impl, String metric, double value, String unit) {
        System.out.printf("RESULT\t%s@jdk%d\tW4\t%s\t%.4f\t%s\t0%n", impl, Runtime.version().feature(), metric, value,
                unit);
    }
}

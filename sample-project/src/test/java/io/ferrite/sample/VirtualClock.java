package io.ferrite.sample;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.VirtualTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs a demo on a current-thread runtime whose clock jumps to the next timer whenever every
 * task is waiting: the demo's 100 ms calls take no real time, every timing is exact, and so the
 * demo's own timing checks are deterministic.
 */
final class VirtualClock {

    private final VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), clock);
    private final List<Throwable> taskFailures = new CopyOnWriteArrayList<>();

    /** Runs the demo that {@code demo} makes from the report, and returns its outcome. */
    <T> T run(Function<Report, Future<T>> demo) {
        try (AsyncRuntime rt = AsyncRuntime.currentThread()
                .timeSource(clock)
                .taskFailureHandler((task, failure) -> taskFailures.add(failure))
                .build()) {
            return rt.blockOn(demo.apply(report));
        }
    }

    /** The failures of spawned tasks that the runtime reported to its failure handler. */
    List<Throwable> taskFailures() {
        return List.copyOf(taskFailures);
    }

    /** What the demo printed. */
    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}

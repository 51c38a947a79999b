package io.ferrite.benchmarks;

import io.ferrite.Context;
import io.ferrite.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under every ready await: polling {@code Future.ready(v)} against reading the value
 * directly. The future is its own poll result, so the two should cost the same.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadyPollBenchmark {

    private final Future<Integer> ready = Future.ready(42);
    private final Integer plain = 42;

    /**
     * Polls a ready future and reads its value.
     *
     * @return the value
     */
    @Benchmark
    public Integer pollReadyFuture() {
        return ready.poll(Context.noop()).value();
    }

    /**
     * Reads the value from a field: the lower bound.
     *
     * @return the value
     */
    @Benchmark
    public Integer readField() {
        return plain;
    }
}

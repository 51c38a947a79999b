package io.ferrite.benchmarks.stream;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;
import io.ferrite.stream.AsyncStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
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
import reactor.core.publisher.Flux;

/**
 * S4: a generator emitting 10M items, read item by item (score = ns per item; {@code -prof gc}
 * gives bytes per item). The items are 1,024 pre-made {@code Integer}s in a cycle, so every byte
 * allocated per item is the machinery's own.
 *
 * <ul>
 *   <li>{@code ferriteGenerator}: an {@code @Async} generator ({@code emit} in a loop) read by an
 *       {@code @Async} method with {@code await(s.next())} in a loop, run with {@code BlockOn};</li>
 *   <li>{@code handWrittenStream}: the same reader over a hand-written {@code AsyncStream} (a
 *       counter in {@code pollNext}): what the generator's state machine costs above the floor of
 *       the stream protocol;</li>
 *   <li>{@code reactorGenerate}: Reactor's {@code Flux.generate} with the same state, reduced;</li>
 *   <li>{@code kotlinStyleStateMachine}: the state machine Kotlin's {@code sequence { yield(x) }}
 *       compiles to, written by hand as an {@code Iterator} (a label, the loop variable as a
 *       field, a resume in {@code hasNext});</li>
 *   <li>{@code iterator}: a plain {@code Iterator} over the cycle, the synchronous floor.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GeneratorBenchmark {

    static final int N = 10_000_000;
    private static final int MASK = 1023;
    private static final Integer[] ITEMS = new Integer[MASK + 1];

    static {
        for (int i = 0; i <= MASK; i++) {
            ITEMS[i] = 1_000 + i;  // above the Integer cache: real, pre-made objects
        }
    }

    /** The generator under test. */
    @Async
    static AsyncStream<Integer> numbers(int n) {
        for (int i = 0; i < n; i++) {
            emit(ITEMS[i & MASK]);
        }
        return AsyncStream.empty();
    }

    /** Reads a stream to its end with {@code await(next())}, as a user's @Async loop does. */
    @Async
    static Future<Long> sum(AsyncStream<Integer> items) {
        long total = 0;
        for (Integer item; (item = await(items.next())) != null; ) {
            total += item;
        }
        return Future.ready(total);
    }

    /** A hand-written stream of the same items. */
    static final class Counter implements AsyncStream<Integer> {
        private final int n;
        private int i;

        Counter(int n) {
            this.n = n;
        }

        @Override
        public Poll<Integer> pollNext(Context cx) {
            return i < n ? Poll.ready(ITEMS[i++ & MASK]) : Poll.ready(null);
        }
    }

    /**
     * What Kotlin's {@code sequence { for (i in 0 until n) yield(items[i and MASK]) }} compiles to:
     * an iterator driving a state machine ({@code SequenceBuilderIterator} and the lambda's
     * continuation, folded into one class by hand).
     */
    static final class KotlinStyle implements Iterator<Integer> {
        private static final int START = 0;
        private static final int YIELDED = 1;
        private static final int READY = 2;
        private static final int DONE = 3;
        private final int n;
        private int label;
        private int state;
        private int i;
        private Integer next;

        KotlinStyle(int n) {
            this.n = n;
        }

        /** The continuation's invokeSuspend: runs the body to its next yield. */
        private void resume() {
            switch (label) {
                case 0:
                    i = 0;
                    break;
                case 1:
                    i++;
                    break;
                default:
                    throw new IllegalStateException();
            }
            if (i < n) {
                next = ITEMS[i & MASK];
                label = 1;
                state = READY;
            } else {
                label = 2;
                state = DONE;
            }
        }

        @Override
        public boolean hasNext() {
            if (state == START || state == YIELDED) {
                resume();
            }
            return state == READY;
        }

        @Override
        public Integer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            state = YIELDED;
            Integer item = next;
            next = null;
            return item;
        }
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long ferriteGenerator() {
        return BlockOn.blockOn(sum(numbers(N)));
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long handWrittenStream() {
        return BlockOn.blockOn(sum(new Counter(N)));
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long reactorGenerate() {
        return Flux.<Integer, Integer>generate(() -> 0, (i, sink) -> {
            if (i < N) {
                sink.next(ITEMS[i & MASK]);
            } else {
                sink.complete();
            }
            return i + 1;
        }).reduce(0L, (total, item) -> total + item).block();
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long kotlinStyleStateMachine() {
        long total = 0;
        for (Iterator<Integer> it = new KotlinStyle(N); it.hasNext(); ) {
            total += it.next();
        }
        return total;
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long iterator() {
        long total = 0;
        for (int i = 0; i < N; i++) {
            total += ITEMS[i & MASK];
        }
        return total;
    }
}

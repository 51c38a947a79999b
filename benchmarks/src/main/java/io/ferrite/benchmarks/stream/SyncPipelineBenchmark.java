package io.ferrite.benchmarks.stream;

import io.ferrite.runtime.BlockOn;
import io.ferrite.stream.AsyncStream;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
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
 * S3: a synchronous pipeline {@code range(10M).map.filter.fold} over object items, per item
 * (score = ns per item; {@code -prof gc} gives bytes per item).
 *
 * <p>Two shapes, the same for every library:
 * <ul>
 *   <li>{@code boxed}: the literal pipeline over boxed {@code Integer}s: {@code range(0, 10M)},
 *       {@code map(i -> i * 3)}, {@code filter(i -> (i & 1) == 0)}, {@code fold(0L, acc + i)}.
 *       Every library allocates the same boxes (the range's, the map's, the {@code Long}
 *       accumulator's), unless its JIT-compiled loop lets escape analysis remove them.</li>
 *   <li>{@code objects}: the same steps over items that already exist (a cycle over 1,024
 *       pre-made {@link Item}s, mapped to another pre-made item, folded into a mutable sum), so
 *       every byte allocated per item is the machinery's own.</li>
 * </ul>
 * Ferrite's future is run with the runtime-free {@code BlockOn}; Reactor's and RxJava's with
 * {@code block()} / {@code blockingGet()}; {@code java.util.stream} is the synchronous floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SyncPipelineBenchmark {

    static final int N = 10_000_000;
    private static final int MASK = 1023;
    private static final Item[] ITEMS = new Item[MASK + 1];

    static {
        for (int i = 0; i <= MASK; i++) {
            ITEMS[i] = new Item(i);
        }
        for (int i = 0; i <= MASK; i++) {
            ITEMS[i].twin = ITEMS[(i * 7 + 3) & MASK];
        }
    }

    /** A pre-made item. */
    public static final class Item {
        final int value;
        final boolean even;
        Item twin;

        Item(int value) {
            this.value = value;
            this.even = (value & 1) == 0;
        }
    }

    /** A mutable sum, so the fold allocates nothing per item. */
    public static final class Sum {
        long total;

        Sum add(Item item) {
            total += item.value;
            return this;
        }
    }

    /** {@code N} items cycling over {@link #ITEMS}; one iterator object per run. */
    static final Iterable<Item> CYCLE = () -> new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
            return i < N;
        }

        @Override
        public Item next() {
            return ITEMS[i++ & MASK];
        }
    };

    // --------------------------------------------------------------------------- boxed

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long boxedFerrite() {
        return BlockOn.blockOn(AsyncStream.range(0, N).map(i -> i * 3).filter(i -> (i & 1) == 0)
                .fold(0L, (acc, i) -> acc + i));
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long boxedReactor() {
        return Flux.range(0, N).map(i -> i * 3).filter(i -> (i & 1) == 0).reduce(0L, (acc, i) -> acc + i).block();
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long boxedRxJava() {
        return Flowable.range(0, N).map(i -> i * 3).filter(i -> (i & 1) == 0).reduce(0L, (acc, i) -> acc + i)
                .blockingGet();
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long boxedJavaStream() {
        return IntStream.range(0, N).boxed().map(i -> i * 3).filter(i -> (i & 1) == 0)
                .reduce(0L, (acc, i) -> acc + i, Long::sum);
    }

    // --------------------------------------------------------------------------- objects

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long objectsFerrite() {
        return BlockOn.blockOn(AsyncStream.fromIterable(CYCLE).map(it -> it.twin).filter(it -> it.even)
                .fold(new Sum(), Sum::add)).total;
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long objectsReactor() {
        return Flux.fromIterable(CYCLE).map(it -> it.twin).filter(it -> it.even).reduce(new Sum(), Sum::add)
                .block().total;
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long objectsRxJava() {
        return Flowable.fromIterable(CYCLE).map(it -> it.twin).filter(it -> it.even).reduce(new Sum(), Sum::add)
                .blockingGet().total;
    }

    /** @return the sum */
    @Benchmark
    @OperationsPerInvocation(N)
    public long objectsJavaStream() {
        return StreamSupport.stream(CYCLE.spliterator(), false).map(it -> it.twin).filter(it -> it.even)
                .reduce(new Sum(), Sum::add, (a, b) -> a).total;
    }
}

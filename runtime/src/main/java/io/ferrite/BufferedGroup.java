package io.ferrite;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The engine of {@link Futures#mapConcurrent(List, int, Function)}: slots refilled from the inputs. */
final class BufferedGroup<I, R> extends FutureGroup<List<R>> {
    private final List<? extends I> inputs;
    private final Function<? super I, ? extends Future<? extends R>> operation;
    private final Object[] results;
    /** Which input each slot is working on. */
    private final int[] inputOf;
    private int nextInput;
    private int finishedCount;

    BufferedGroup(List<? extends I> inputs, int limit, Function<? super I, ? extends Future<? extends R>> operation) {
        super(Math.min(limit, inputs.size()));
        this.inputs = inputs;
        this.operation = operation;
        this.results = new Object[inputs.size()];
        this.inputOf = new int[children.length];
    }

    /** Fills the slots at the first poll: nothing runs before, as for any future. */
    @Override
    void beforeRound() {
        if (nextInput == 0) {
            for (int i = 0; i < children.length; i++) {
                start(i);
            }
        }
    }

    private void start(int slot) {
        int input = nextInput++;
        inputOf[slot] = input;
        children[slot] = Objects.requireNonNull(operation.apply(inputs.get(input)),
                "the mapConcurrent operation returned null instead of a future");
    }

    @Override
    Poll<List<R>> pollChild(int slot) {
        while (true) {
            Poll<Object> p = pollSlot(slot);
            if (p.isPending()) {
                return null;
            }
            results[inputOf[slot]] = p.value();
            finishedCount++;
            children[slot] = null;
            if (nextInput == results.length) {
                return null;
            }
            start(slot);   // the next input takes the free slot and is polled at once
        }
    }

    @Override
    Poll<List<R>> afterRound() {
        return finishedCount == results.length ? Poll.ready(listOf(results)) : null;
    }

    @Override
    String describe() {
        return "Futures.mapConcurrent[" + finishedCount + " of " + results.length + " done]";
    }
}

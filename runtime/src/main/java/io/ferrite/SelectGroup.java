package io.ferrite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/** The engine of {@link Futures.Select}. */
final class SelectGroup<R> extends FutureGroup<R> {
    private final boolean biased;
    private final List<Branch<?, R>> branches;
    private final Supplier<? extends R> otherwise;
    /** Futures of disabled branches: never polled, cancelled at the end. */
    private final List<Future<?>> disabled = new ArrayList<>();
    private int enabled;

    SelectGroup(boolean biased, List<Branch<?, R>> branches, Supplier<? extends R> otherwise) {
        super(branches.size());
        this.biased = biased;
        this.branches = branches;
        this.otherwise = otherwise;
        // A fair select starts at a random branch, then rotates: so that across the many
        // selects of a loop, as within one, an always-ready branch cannot win every time.
        if (!biased && !branches.isEmpty()) {
            startAt(ThreadLocalRandom.current().nextInt(branches.size()));
        }
        for (int i = 0; i < branches.size(); i++) {
            Branch<?, R> b = branches.get(i);
            if (b.enabled()) {
                children[i] = b.future();
                enabled++;
            } else {
                disabled.add(b.future());
            }
        }
    }

    @Override
    int firstSlot() {
        return biased ? 0 : super.firstSlot();
    }

    @Override
    Poll<R> pollChild(int i) {
        Poll<Object> p = pollSlot(i);
        if (p.isPending()) {
            return null;
        }
        children[i] = null;
        Branch<?, R> b = branches.get(i);
        Object v = p.value();
        if (v == null && b.nonNull()) {
            enabled--;
            return null;
        }
        return Poll.ready(b.handle(v));
    }

    @Override
    Poll<R> afterRound() {
        if (enabled > 0) {
            return null;
        }
        if (otherwise == null) {
            throw new IllegalStateException("every branch of the select is disabled and it has no orElse(...):"
                    + " add .orElse(() -> ...) for the case where all channels have ended or all conditions are"
                    + " false");
        }
        return Poll.ready(otherwise.get());
    }

    @Override
    Throwable cancelChildren(Throwable failure) {
        failure = super.cancelChildren(failure);
        for (Future<?> f : disabled) {
            failure = cancelQuietly(f, failure);
        }
        disabled.clear();
        return failure;
    }

    @Override
    String describe() {
        return enabled + " enabled";
    }

    /** One branch of a {@link Futures.Select}: its future, what to do with its value, and whether it takes part. */
    record Branch<T, R>(boolean enabled, boolean nonNull, Future<T> future,
            Function<? super T, ? extends R> handler) {
        R handle(Object value) {
            return handler.apply(cast(value));
        }
    }
}

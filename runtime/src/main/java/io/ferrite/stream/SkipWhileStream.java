package io.ferrite.stream;

import io.ferrite.Poll;
import java.util.function.Predicate;

/** {@link AsyncStream#skipWhile(Predicate)}: the predicate is not asked again once it failed. */
final class SkipWhileStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;
    private boolean skipping = true;

    SkipWhileStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
    }

    /** Whether {@code item} is still to be dropped; once one passes, every later one does. */
    private boolean skips(T item) {
        if (skipping && !predicate.test(item)) {
            skipping = false;
        }
        return skipping;
    }

    @Override
    Poll<T> onItem(T item, Poll<T> p) {
        return skips(item) ? null : p;
    }

    @Override
    Sink<T> sink(Sink<? super T> down) {
        return item -> skips(item) || down.accept(item);
    }

    @Override
    String operation() {
        return "skipWhile(...)";
    }
}

package io.ferrite.stream;

import io.ferrite.Poll;
import java.util.function.Predicate;

/** {@link AsyncStream#filter(Predicate)}. */
final class FilterStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;

    FilterStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
    }

    @Override
    Poll<T> onItem(T item, Poll<T> p) {
        return predicate.test(item) ? p : null;
    }

    @Override
    Sink<T> sink(Sink<? super T> down) {
        return item -> !predicate.test(item) || down.accept(item);
    }

    @Override
    String operation() {
        return "filter(...)";
    }
}

package io.ferrite.stream;

import io.ferrite.Poll;
import java.util.function.Function;

/** {@link AsyncStream#map(Function)}. */
final class MapStream<T, R> extends Stage<T, R> {

    private final Function<? super T, ? extends R> fn;

    MapStream(AsyncStream<T> upstream, Function<? super T, ? extends R> fn) {
        super(upstream);
        this.fn = fn;
    }

    private R apply(T item) {
        R r = fn.apply(item);
        if (r == null) {
            throw nullItem(this, "the function", item);
        }
        return r;
    }

    @Override
    Poll<R> onItem(T item, Poll<T> p) {
        return Poll.ready(apply(item));
    }

    @Override
    Sink<T> sink(Sink<? super R> down) {
        return item -> down.accept(apply(item));
    }

    @Override
    String operation() {
        return "map(...)";
    }
}

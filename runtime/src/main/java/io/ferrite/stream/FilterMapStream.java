package io.ferrite.stream;

import io.ferrite.Poll;
import java.util.function.Function;

/** {@link AsyncStream#filterMap(Function)}: a null result drops the item. */
final class FilterMapStream<T, R> extends Stage<T, R> {

    private final Function<? super T, ? extends R> fn;

    FilterMapStream(AsyncStream<T> upstream, Function<? super T, ? extends R> fn) {
        super(upstream);
        this.fn = fn;
    }

    @Override
    Poll<R> onItem(T item, Poll<T> p) {
        R r = fn.apply(item);
        return r == null ? null : Poll.ready(r);
    }

    @Override
    Sink<T> sink(Sink<? super R> down) {
        return item -> {
            R r = fn.apply(item);
            return r == null || down.accept(r);
        };
    }

    @Override
    String operation() {
        return "filterMap(...)";
    }
}

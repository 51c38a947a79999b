package io.ferrite.stream;

import io.ferrite.Poll;

/** {@link AsyncStream#enumerate()}. */
final class EnumerateStream<T> extends Stage<T, Indexed<T>> {

    private long index;

    EnumerateStream(AsyncStream<T> upstream) {
        super(upstream);
    }

    @Override
    Poll<Indexed<T>> onItem(T item, Poll<T> p) {
        return Poll.ready(new Indexed<>(index++, item));
    }

    @Override
    Sink<T> sink(Sink<? super Indexed<T>> down) {
        return item -> down.accept(new Indexed<>(index++, item));
    }

    @Override
    String operation() {
        return "enumerate()";
    }
}

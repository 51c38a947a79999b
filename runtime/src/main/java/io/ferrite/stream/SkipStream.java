package io.ferrite.stream;

import io.ferrite.Poll;

/** {@link AsyncStream#skip(long)}. */
final class SkipStream<T> extends Stage<T, T> {

    private final long n;
    private long remaining;

    SkipStream(AsyncStream<T> upstream, long n) {
        super(upstream);
        this.n = n;
        this.remaining = n;
    }

    @Override
    Poll<T> onItem(T item, Poll<T> p) {
        if (remaining == 0) {
            return p;
        }
        remaining--;
        return null;
    }

    @Override
    Sink<T> sink(Sink<? super T> down) {
        return item -> {
            if (remaining > 0) {
                remaining--;
                return true;
            }
            return down.accept(item);
        };
    }

    @Override
    String operation() {
        return "skip(" + n + ")";
    }
}

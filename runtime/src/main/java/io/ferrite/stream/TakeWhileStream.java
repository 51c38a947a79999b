package io.ferrite.stream;

import io.ferrite.Poll;
import java.util.function.Predicate;

/**
 * {@link AsyncStream#takeWhile(Predicate)}: ends at the first item that fails the predicate
 * (that item is dropped) and cancels the upstream then.
 */
final class TakeWhileStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;
    private boolean rejected;

    TakeWhileStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
    }

    @Override
    Poll<T> onItem(T item, Poll<T> p) {
        if (predicate.test(item)) {
            return p;
        }
        stop();
        return end();
    }

    @Override
    Sink<T> sink(Sink<? super T> down) {
        return item -> {
            if (!predicate.test(item)) {
                rejected = true;
                return false;
            }
            return down.accept(item);
        };
    }

    @Override
    int drain(Sink<? super T> down, int limit) {
        int r = super.drain(down, limit);
        if (rejected) {
            stop();
            return END;
        }
        return r;
    }

    @Override
    String operation() {
        return "takeWhile(...)";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.Predicate;

/** {@link AsyncStream#filter(Predicate)}. */
final class FilterStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;
    private Sink<? super T> sinkFor;
    private Sink<T> sink;

    FilterStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    return p;
                }
                T item = p.value();
                if (item == null) {
                    done = true;
                    return p;
                }
                if (predicate.test(item)) {
                    return p;
                }
            }
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    @Override
    int drain(Sink<? super T> down, int limit) {
        if (done) {
            return END;
        }
        if (sinkFor != down) {
            sinkFor = down;
            sink = item -> !predicate.test(item) || down.accept(item);
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "filter(...)";
    }
}

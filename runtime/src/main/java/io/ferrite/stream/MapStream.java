package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.Function;

/** {@link AsyncStream#map(Function)}. */
final class MapStream<T, R> extends Stage<T, R> {

    private final Function<? super T, ? extends R> fn;
    private Sink<? super R> sinkFor;
    private Sink<T> sink;

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
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            Poll<T> p = upstream.pollNext(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            T item = p.value();
            if (item == null) {
                done = true;
                return end();
            }
            return Poll.ready(apply(item));
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    @Override
    int drain(Sink<? super R> down, int limit) {
        if (done) {
            return END;
        }
        if (sinkFor != down) {
            sinkFor = down;
            sink = item -> down.accept(apply(item));
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "map(...)";
    }
}

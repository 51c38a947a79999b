package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.Function;

/** {@link AsyncStream#filterMap(Function)}: a null result drops the item. */
final class FilterMapStream<T, R> extends Stage<T, R> {

    private final Function<? super T, ? extends R> fn;
    private Sink<? super R> sinkFor;
    private Sink<T> sink;

    FilterMapStream(AsyncStream<T> upstream, Function<? super T, ? extends R> fn) {
        super(upstream);
        this.fn = fn;
    }

    @Override
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                T item = p.value();
                if (item == null) {
                    done = true;
                    return end();
                }
                R r = fn.apply(item);
                if (r != null) {
                    return Poll.ready(r);
                }
            }
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
            sink = item -> {
                R r = fn.apply(item);
                return r == null || down.accept(r);
            };
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "filterMap(...)";
    }
}

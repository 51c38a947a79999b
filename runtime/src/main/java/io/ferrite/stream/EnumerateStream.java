package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#enumerate()}. */
final class EnumerateStream<T> extends Stage<T, Indexed<T>> {

    private long index;
    private Sink<? super Indexed<T>> sinkFor;
    private Sink<T> sink;

    EnumerateStream(AsyncStream<T> upstream) {
        super(upstream);
    }

    @Override
    public Poll<Indexed<T>> pollNext(Context cx) {
        if (done) {
            return end();
        }
        Poll<T> p;
        try {
            p = upstream.pollNext(cx);
        } catch (Throwable t) {
            throw fail(t);
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        T item = p.value();
        if (item == null) {
            done = true;
            return end();
        }
        return Poll.ready(new Indexed<>(index++, item));
    }

    @Override
    int drain(Sink<? super Indexed<T>> down, int limit) {
        if (done) {
            return END;
        }
        if (sinkFor != down) {
            sinkFor = down;
            sink = item -> down.accept(new Indexed<>(index++, item));
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "enumerate()";
    }
}

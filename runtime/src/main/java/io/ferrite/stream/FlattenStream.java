package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/**
 * {@link AsyncStream#flatten()} and {@link AsyncStream#flatMap}: each inner stream's items in
 * turn; the next inner stream is asked for only when the current one has ended.
 */
final class FlattenStream<T> extends Stage<Object, T> {

    private AsyncStream<? extends T> inner;

    FlattenStream(AsyncStream<?> upstream) {
        super(cast(upstream));
    }

    @SuppressWarnings("unchecked")
    private static AsyncStream<Object> cast(AsyncStream<?> s) {
        return (AsyncStream<Object>) s;
    }

    @Override
    boolean isSync() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                AsyncStream<? extends T> in = inner;
                if (in == null) {
                    Poll<Object> p = upstream.pollNext(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    Object item = p.value();
                    if (item == null) {
                        done = true;
                        return end();
                    }
                    if (!(item instanceof AsyncStream<?> s)) {
                        throw new ClassCastException(this + ": the item " + item + " (" + item.getClass().getName()
                                + ") is not an AsyncStream; flatten() needs a stream of streams (use flatMap to map"
                                + " each item to a stream)");
                    }
                    in = (AsyncStream<? extends T>) s;
                    inner = in;
                }
                Poll<? extends T> q = in.pollNext(cx);
                if (q.isPending()) {
                    return Poll.pending();
                }
                if (q.value() != null) {
                    return (Poll<T>) q;
                }
                inner = null;
            }
        } catch (Throwable t) {
            AsyncStream<?> in = inner;
            inner = null;
            if (in != null) {
                cancelAfter(in, t);
            }
            throw fail(t);
        }
    }

    @Override
    public void cancel() {
        AsyncStream<?> in = inner;
        inner = null;
        try {
            if (in != null) {
                in.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return "flatten()";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.function.Function;

/**
 * {@link AsyncStream#then(Function)}: each item mapped to a future, awaited before the next item
 * is asked for (one future at a time, in order).
 */
final class ThenStream<T, R> extends Stage<T, R> {

    private final Function<? super T, ? extends Future<? extends R>> fn;
    private Future<? extends R> current;
    private T currentItem;

    ThenStream(AsyncStream<T> upstream, Function<? super T, ? extends Future<? extends R>> fn) {
        super(upstream);
        this.fn = fn;
    }

    @Override
    boolean isSync() {
        return false;
    }

    @Override
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            Future<? extends R> f = current;
            if (f == null) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                T item = p.value();
                if (item == null) {
                    done = true;
                    return end();
                }
                f = fn.apply(item);
                if (f == null) {
                    throw new NullPointerException(this + ": the function returned null instead of a future for item "
                            + item);
                }
                current = f;
                currentItem = item;
            }
            Poll<? extends R> p = f.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            current = null;
            T item = currentItem;
            currentItem = null;
            R r = p.value();
            if (r == null) {
                throw nullItem(this, "the future", item);
            }
            return Poll.ready(r);
        } catch (Throwable t) {
            current = null;
            currentItem = null;
            throw fail(t);
        }
    }

    @Override
    public void cancel() {
        Future<?> f = current;
        current = null;
        currentItem = null;
        try {
            if (f != null) {
                f.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return "then(...)";
    }
}

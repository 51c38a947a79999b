package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/** {@link AsyncStream#fromFuture(Future)}: the future's value as the only item. */
final class FutureStream<T> extends BaseStream<T> {

    private Future<? extends T> future;

    FutureStream(Future<? extends T> future) {
        this.future = future;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        Future<? extends T> f = future;
        if (f == null) {
            return end();
        }
        Poll<? extends T> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            future = null;
            throw t;
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        future = null;
        T v = p.value();
        return v == null ? end() : Poll.ready(v);
    }

    @Override
    public void cancel() {
        Future<? extends T> f = future;
        future = null;
        if (f != null) {
            f.cancel();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.fromFuture(" + future + ")";
    }
}

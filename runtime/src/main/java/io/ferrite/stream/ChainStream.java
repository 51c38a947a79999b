package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#chain(AsyncStream)}: the first stream's items, then the second's. */
final class ChainStream<T> extends BaseStream<T> {

    private final AsyncStream<? extends T> first;
    private final AsyncStream<? extends T> second;
    private boolean firstDone;
    private boolean done;

    ChainStream(AsyncStream<? extends T> first, AsyncStream<? extends T> second) {
        this.first = first;
        this.second = second;
    }

    @Override
    boolean isSync() {
        return isSync(first) && isSync(second);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            if (!firstDone) {
                Poll<T> p = (Poll<T>) first.pollNext(cx);
                if (p.isPending() || p.value() != null) {
                    return p;
                }
                firstDone = true;
            }
            Poll<T> p = (Poll<T>) second.pollNext(cx);
            if (p.isReady() && p.value() == null) {
                done = true;
            }
            return p;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    int drain(Sink<? super T> sink, int limit) {
        if (done) {
            return END;
        }
        try {
            if (!firstDone) {
                int r = ((BaseStream<T>) first).drain(sink, limit);
                if (r != END) {
                    return r;
                }
                firstDone = true;
                return MORE;
            }
            int r = ((BaseStream<T>) second).drain(sink, limit);
            if (r == END) {
                done = true;
            }
            return r;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    private RuntimeException failed(Throwable t) {
        done = true;
        if (!firstDone) {
            firstDone = true;
            cancelAfter(first, t);
        }
        cancelAfter(second, t);
        return io.ferrite.internal.AsyncSupport.sneaky(t);
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (!firstDone) {
                firstDone = true;
                first.cancel();
            }
        } finally {
            second.cancel();
        }
    }

    @Override
    public String toString() {
        return first + ".chain(" + second + ")";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#take(long)}: the upstream is cancelled as soon as the last item is taken. */
final class TakeStream<T> extends Stage<T, T> {

    private final long n;
    private long remaining;

    TakeStream(AsyncStream<T> upstream, long n) {
        super(upstream);
        this.n = n;
        this.remaining = n;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (!done && remaining == 0) {
            stop();   // take(0): the upstream is never polled
        }
        return super.pollNext(cx);
    }

    @Override
    Poll<T> onItem(T item, Poll<T> p) {
        if (--remaining == 0) {
            stop();
        }
        return p;
    }

    @Override
    Sink<T> sink(Sink<? super T> down) {
        return item -> {
            boolean more = down.accept(item);
            return --remaining > 0 && more;
        };
    }

    @Override
    int drain(Sink<? super T> down, int limit) {
        if (!done && remaining == 0) {
            stop();
        }
        int r = super.drain(down, limit);
        if (remaining == 0) {
            stop();
            return END;
        }
        return r;
    }

    @Override
    String operation() {
        return "take(" + n + ")";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#take(long)}: the upstream is cancelled as soon as the last item is taken. */
final class TakeStream<T> extends Stage<T, T> {

    private final long n;
    private long remaining;
    private Sink<? super T> sinkFor;
    private Sink<T> sink;

    TakeStream(AsyncStream<T> upstream, long n) {
        super(upstream);
        this.n = n;
        this.remaining = n;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        if (remaining == 0) {
            stop();
            return end();
        }
        Poll<T> p;
        try {
            p = upstream.pollNext(cx);
        } catch (Throwable t) {
            throw fail(t);
        }
        if (p.isReady()) {
            if (p.value() == null) {
                done = true;
            } else if (--remaining == 0) {
                stop();
            }
        }
        return p;
    }

    @Override
    int drain(Sink<? super T> down, int limit) {
        if (done) {
            return END;
        }
        if (remaining == 0) {
            stop();
            return END;
        }
        if (sinkFor != down) {
            sinkFor = down;
            sink = item -> {
                boolean more = down.accept(item);
                return --remaining > 0 && more;
            };
        }
        int r = drainUpstream(sink, limit);
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

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#skip(long)}. */
final class SkipStream<T> extends Stage<T, T> {

    private final long n;
    private long remaining;
    private Sink<? super T> sinkFor;
    private Sink<T> sink;

    SkipStream(AsyncStream<T> upstream, long n) {
        super(upstream);
        this.n = n;
        this.remaining = n;
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
                if (p.value() == null) {
                    done = true;
                    return p;
                }
                if (remaining == 0) {
                    return p;
                }
                remaining--;
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
            sink = item -> {
                if (remaining > 0) {
                    remaining--;
                    return true;
                }
                return down.accept(item);
            };
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "skip(" + n + ")";
    }
}

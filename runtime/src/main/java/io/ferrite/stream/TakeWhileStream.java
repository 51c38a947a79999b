package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.Predicate;

/**
 * {@link AsyncStream#takeWhile(Predicate)}: ends at the first item that fails the predicate
 * (that item is dropped) and cancels the upstream then.
 */
final class TakeWhileStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;
    private boolean rejected;
    private Sink<? super T> sinkFor;
    private Sink<T> sink;

    TakeWhileStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            Poll<T> p = upstream.pollNext(cx);
            if (p.isReady()) {
                T item = p.value();
                if (item == null) {
                    done = true;
                } else if (!predicate.test(item)) {
                    stop();
                    return end();
                }
            }
            return p;
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
                if (!predicate.test(item)) {
                    rejected = true;
                    return false;
                }
                return down.accept(item);
            };
        }
        int r = drainUpstream(sink, limit);
        if (rejected) {
            stop();
            return END;
        }
        return r;
    }

    @Override
    String operation() {
        return "takeWhile(...)";
    }
}

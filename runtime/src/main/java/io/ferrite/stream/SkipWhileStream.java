package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.Predicate;

/** {@link AsyncStream#skipWhile(Predicate)}: the predicate is not asked again once it failed. */
final class SkipWhileStream<T> extends Stage<T, T> {

    private final Predicate<? super T> predicate;
    private boolean skipping = true;
    private Sink<? super T> sinkFor;
    private Sink<T> sink;

    SkipWhileStream(AsyncStream<T> upstream, Predicate<? super T> predicate) {
        super(upstream);
        this.predicate = predicate;
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
                T item = p.value();
                if (item == null) {
                    done = true;
                    return p;
                }
                if (!skipping || !predicate.test(item)) {
                    skipping = false;
                    return p;
                }
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
                if (skipping) {
                    if (predicate.test(item)) {
                        return true;
                    }
                    skipping = false;
                }
                return down.accept(item);
            };
        }
        return drainUpstream(sink, limit);
    }

    @Override
    String operation() {
        return "skipWhile(...)";
    }
}

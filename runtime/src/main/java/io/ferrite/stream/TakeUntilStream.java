package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * {@link AsyncStream#takeUntil(Future)}: the upstream's items until the stop future completes.
 * The stop future is polled first, so once it is ready no further item is handed out.
 */
final class TakeUntilStream<T> extends Stage<T, T> {

    private Future<?> stopper;

    TakeUntilStream(AsyncStream<T> upstream, Future<?> stopper) {
        super(upstream);
        this.stopper = stopper;
    }

    @Override
    boolean isSync() {
        return false;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        Future<?> s = stopper;
        try {
            if (s.poll(cx).isReady()) {
                stopper = null;
                stop();
                return end();
            }
        } catch (Throwable t) {
            stopper = null;   // it failed: it is finished, not to be cancelled
            throw fail(t);
        }
        Poll<T> p;
        try {
            p = upstream.pollNext(cx);
        } catch (Throwable t) {
            stopper = null;
            cancelAfter(s, t);
            throw fail(t);
        }
        if (p.isReady() && p.value() == null) {
            done = true;
            stopper = null;
            s.cancel();
        }
        return p;
    }

    @Override
    public void cancel() {
        Future<?> s = stopper;
        stopper = null;
        try {
            if (s != null && !done) {
                s.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return "takeUntil(" + stopper + ")";
    }
}

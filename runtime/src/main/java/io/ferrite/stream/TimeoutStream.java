package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.time.Time;
import java.time.Duration;

/**
 * {@link AsyncStream#timeout(Duration)}: each item must arrive within {@code limit} of being asked
 * for, or the stream fails with {@link io.ferrite.time.Elapsed} and ends. Each wait is a
 * {@link Time#timeout} around the next item, so the timer and its cancellation are the runtime's.
 */
final class TimeoutStream<T> extends Stage<T, T> {

    private final Duration limit;
    private Future<T> waiting;

    TimeoutStream(AsyncStream<T> upstream, Duration limit) {
        super(upstream);
        this.limit = limit;
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
        Future<T> w = waiting;
        if (w == null) {
            w = Time.timeout(limit, new NextItem());
            waiting = w;
        }
        Poll<T> p;
        try {
            p = w.poll(cx);
        } catch (Throwable t) {
            waiting = null;
            throw fail(t);
        }
        if (p.isReady()) {
            waiting = null;
            if (p.value() == null) {
                done = true;
            }
        }
        return p;
    }

    @Override
    public void cancel() {
        Future<T> w = waiting;
        waiting = null;
        try {
            if (w != null) {
                w.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return "timeout(" + limit + ")";
    }

    /** The upstream's next item as a future; cancelling it leaves the upstream alone (the stage does that). */
    private final class NextItem implements Future<T> {
        @Override
        public Poll<T> poll(Context cx) {
            return upstream.pollNext(cx);
        }

        @Override
        public String toString() {
            return "the next item of " + upstream;
        }
    }
}

package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.time.Duration;

/**
 * The future of {@link Time#timeout}: polls the inner future first, then its own timer; when the
 * timer wins, cancels the inner future and throws {@link Elapsed}.
 */
final class Timeout<T> implements Future<T> {

    private final Future<T> inner;
    private final Duration limit;
    private final Sleep timer;

    Timeout(Duration limit, Future<T> inner) {
        this.inner = inner;
        this.limit = limit;
        this.timer = new Sleep(Time.saturatedNanos(limit));
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable failure) {
            timer.cancel();
            throw failure;
        }
        if (p.isReady()) {
            timer.cancel();
            return p;
        }
        if (timer.poll(cx).isReady()) {
            inner.cancel();
            throw new Elapsed(limit, String.valueOf(inner));
        }
        return Poll.pending();
    }

    /** Cancels the inner future and removes the timer. */
    @Override
    public void cancel() {
        timer.cancel();
        inner.cancel();
    }

    @Override
    public String toString() {
        return "Time.timeout(" + limit + ", " + inner + ")";
    }
}

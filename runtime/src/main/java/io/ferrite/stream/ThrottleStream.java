package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.time.Time;
import java.time.Duration;

/**
 * {@link AsyncStream#throttle(Duration)}: at least {@code period} between two items. The gate is
 * armed when an item is handed out, so a consumer that is slower than the period never waits.
 */
final class ThrottleStream<T> extends Stage<T, T> {

    private final Duration period;
    private Future<Void> gate;

    ThrottleStream(AsyncStream<T> upstream, Duration period) {
        super(upstream);
        this.period = period;
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
        try {
            Future<Void> g = gate;
            if (g != null) {
                if (g.poll(cx).isPending()) {
                    return Poll.pending();
                }
                gate = null;
            }
            Poll<T> p = upstream.pollNext(cx);
            if (p.isReady()) {
                if (p.value() == null) {
                    done = true;
                } else {
                    g = Time.sleep(period);
                    gate = g.poll(cx).isReady() ? null : g;   // armed now, from this item on
                }
            }
            return p;
        } catch (Throwable t) {
            Future<Void> g = gate;
            gate = null;
            if (g != null) {
                cancelAfter(g, t);
            }
            throw fail(t);
        }
    }

    @Override
    public void cancel() {
        Future<Void> g = gate;
        gate = null;
        try {
            if (g != null) {
                g.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return "throttle(" + period + ")";
    }
}

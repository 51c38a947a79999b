package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.time.Interval;
import java.time.Instant;

/**
 * {@link AsyncStream#from(Interval)} (Tokio's {@code IntervalStream}): the interval's ticks, each
 * the instant it was scheduled for; never ends. Missed ticks follow the interval's
 * {@link io.ferrite.time.MissedTickBehavior}.
 */
final class IntervalStream extends BaseStream<Instant> {

    private final Interval interval;
    private Future<Instant> tick;
    private boolean done;

    IntervalStream(Interval interval) {
        this.interval = interval;
    }

    @Override
    public Poll<Instant> pollNext(Context cx) {
        if (done) {
            return end();
        }
        Future<Instant> t = tick;
        if (t == null) {
            t = interval.tick();
            tick = t;
        }
        Poll<Instant> p;
        try {
            p = t.poll(cx);
        } catch (Throwable e) {
            tick = null;
            done = true;
            throw e;
        }
        if (p.isReady()) {
            tick = null;
        }
        return p;
    }

    /** Removes the interval's timer; a tick that was due is not lost for the interval itself. */
    @Override
    public void cancel() {
        done = true;
        Future<Instant> t = tick;
        tick = null;
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.from(" + interval + ")";
    }
}

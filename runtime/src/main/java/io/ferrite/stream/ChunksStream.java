package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AsyncStream#chunks(int)} and {@link AsyncStream#chunksTimeout(int, Duration)}: items
 * gathered into lists of up to {@code size}; the last list may be shorter. With a timeout, a
 * chunk is also handed out when {@code timeout} has passed since its first item arrived (the
 * timer is armed at that moment, on the runtime's wheel).
 */
final class ChunksStream<T> extends Stage<T, List<T>> {

    private final int size;
    /** Null for {@code chunks}. */
    private final Duration timeout;
    private ArrayList<T> buffer;
    private Future<Void> timer;
    private boolean timerFired;

    ChunksStream(AsyncStream<T> upstream, int size, Duration timeout) {
        super(upstream);
        this.size = size;
        this.timeout = timeout;
    }

    @Override
    boolean isSync() {
        return timeout == null && super.isSync();
    }

    /** Adds {@code item}; arms the timer when it is the first of its chunk. True when the chunk is full. */
    private boolean add(T item, Context cx) {
        ArrayList<T> b = buffer;
        if (b == null) {
            b = new ArrayList<>(Math.min(size, 64));
            buffer = b;
            if (timeout != null) {
                Future<Void> t = Time.sleep(timeout);
                timer = t;
                timerFired = t.poll(cx).isReady();
            }
        }
        b.add(item);
        return b.size() == size;
    }

    private List<T> takeChunk() {
        List<T> b = buffer;
        buffer = null;
        Future<Void> t = timer;
        timer = null;
        timerFired = false;
        if (t != null) {
            t.cancel();
        }
        return b;
    }

    @Override
    public Poll<List<T>> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    if (buffer != null && timer != null && (timerFired || timer.poll(cx).isReady())) {
                        return Poll.ready(takeChunk());
                    }
                    return Poll.pending();
                }
                T item = p.value();
                if (item == null) {
                    done = true;
                    return buffer == null ? end() : Poll.ready(takeChunk());
                }
                if (add(item, cx)) {
                    return Poll.ready(takeChunk());
                }
            }
        } catch (Throwable t) {
            buffer = null;
            Future<Void> tm = timer;
            timer = null;
            if (tm != null) {
                cancelAfter(tm, t);
            }
            throw fail(t);
        }
    }

    @Override
    Sink<T> sink(Sink<? super List<T>> down) {
        return item -> !add(item, null) || down.accept(takeChunk());
    }

    /** At the end, the items left make the last, shorter chunk. */
    @Override
    int drain(Sink<? super List<T>> down, int limit) {
        int r = super.drain(down, limit);
        if (r == END && buffer != null) {
            down.accept(takeChunk());
        }
        return r;
    }

    @Override
    public void cancel() {
        buffer = null;
        Future<Void> t = timer;
        timer = null;
        try {
            if (t != null) {
                t.cancel();
            }
        } finally {
            stop();
        }
    }

    @Override
    String operation() {
        return timeout == null ? "chunks(" + size + ")" : "chunksTimeout(" + size + ", " + timeout + ")";
    }
}

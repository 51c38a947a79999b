package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.internal.sync.ChildWakers;
import java.util.List;

/**
 * {@link AsyncStream#merge(List)} (the {@code futures} crate's {@code select_all}): the items of
 * every stream as they come. Each stream has its own waker, so a poll visits only the streams
 * that were woken (or that just yielded and may have more). Fair: each poll starts at the stream
 * after the one that yielded last, so streams that are always ready take turns. Ends when every
 * stream has ended; the first failure cancels the others.
 */
final class MergeStream<T> extends BaseStream<T> {

    private final AsyncStream<? extends T>[] streams;
    private final ChildWakers wakers;
    private final long[] snap;
    private int live;
    private int start;
    private boolean done;

    @SuppressWarnings("unchecked")
    MergeStream(List<? extends AsyncStream<? extends T>> streams) {
        this.streams = streams.toArray(new AsyncStream[0]);
        for (int i = 0; i < this.streams.length; i++) {
            if (this.streams[i] == null) {
                throw new NullPointerException("AsyncStream.merge: stream " + i + " of " + this.streams.length
                        + " is null");
            }
        }
        this.live = this.streams.length;
        this.wakers = new ChildWakers(Math.max(1, this.streams.length));
        this.snap = wakers.newSnapshot();
        for (int i = 0; i < this.streams.length; i++) {
            wakers.mark(i);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        wakers.setTask(cx.waker());
        wakers.snapshot(snap);
        int from = start;
        int i;
        while ((i = wakers.next(snap, from)) >= 0) {
            AsyncStream<? extends T> s = streams[i];
            if (s == null) {
                continue;
            }
            Poll<? extends T> p;
            try {
                p = s.pollNext(wakers.context(i));
            } catch (Throwable t) {
                streams[i] = null;
                live--;
                done = true;
                cancelAll(t);
                throw t;
            }
            if (p.isPending()) {
                continue;
            }
            if (p.value() == null) {
                streams[i] = null;
                live--;
                continue;
            }
            wakers.mark(i);   // it may have more: visit it again, after the others
            start = i + 1 == streams.length ? 0 : i + 1;
            wakers.putBack(snap);
            return (Poll<T>) p;
        }
        if (live == 0) {
            done = true;
            return end();
        }
        return Poll.pending();
    }

    private void cancelAll(Throwable failure) {
        for (int k = 0; k < streams.length; k++) {
            AsyncStream<?> s = streams[k];
            if (s != null) {
                streams[k] = null;
                cancelAfter(s, failure);
            }
        }
        live = 0;
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        Throwable failure = null;
        for (int k = 0; k < streams.length; k++) {
            AsyncStream<?> s = streams[k];
            if (s != null) {
                streams[k] = null;
                failure = cancelCollecting(s, failure);
            }
        }
        live = 0;
        if (failure != null) {
            throw AsyncSupport.sneaky(failure);
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.merge(" + streams.length + " streams, " + live + " live)";
    }
}

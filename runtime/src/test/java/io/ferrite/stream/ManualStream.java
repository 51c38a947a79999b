package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncSupport;
import java.util.ArrayDeque;

/**
 * A stream the test feeds by hand: items pushed, then an end or a failure. Records polls, the
 * latest waker and cancels; polling it after it was cancelled is an assertion failure.
 */
final class ManualStream<T> implements AsyncStream<T> {

    private final String name;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private boolean ended;
    private Throwable failure;
    private boolean failed;
    private volatile Waker waker;
    int polls;
    int cancels;

    ManualStream(String name) {
        this.name = name;
    }

    /** Queues an item and wakes the poller. */
    ManualStream<T> push(T item) {
        items.add(item);
        wake();
        return this;
    }

    /** Ends after the queued items. */
    ManualStream<T> end() {
        ended = true;
        wake();
        return this;
    }

    /** Fails after the queued items. */
    ManualStream<T> fail(Throwable t) {
        failure = t;
        wake();
        return this;
    }

    private void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    boolean cancelled() {
        return cancels > 0;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        polls++;
        if (cancels > 0) {
            throw new AssertionError(name + " was polled after it was cancelled");
        }
        if (!items.isEmpty()) {
            return Poll.ready(items.poll());
        }
        if (failure != null && !failed) {
            failed = true;
            throw AsyncSupport.sneaky(failure);
        }
        if (ended || failed) {
            return Poll.ready(null);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    @Override
    public void cancel() {
        cancels++;
    }

    @Override
    public String toString() {
        return name;
    }
}

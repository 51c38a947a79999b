package io.ferrite;

import io.ferrite.internal.Detached;
import io.ferrite.internal.NonCancellable;

/**
 * The engine of {@link Futures#uncancellable(Future)}: forwards polls to the inner future, and
 * on {@code cancel()} lets a started inner future run to completion as a task of its own
 * instead of cancelling it. The state machine awaiting it recognises it ({@link NonCancellable})
 * and keeps waiting for it while cancelled.
 *
 * @param <T> the value type
 */
final class UncancellableFuture<T> implements Future<T>, NonCancellable {

    private Future<T> inner;
    private boolean started;

    UncancellableFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Future<T> future = inner;
        if (future == null) {
            throw new IllegalStateException("Futures.uncancellable(...) was polled after it completed or was"
                    + " cancelled: its future now runs on its own");
        }
        started = true;
        Poll<T> poll;
        try {
            poll = future.poll(cx);
        } catch (Throwable failure) {
            inner = null;
            throw failure;
        }
        if (poll.isReady()) {
            inner = null;
        }
        return poll;
    }

    /** Never stops the work: a started future finishes on its own; one never polled never started. */
    @Override
    public void cancel() {
        Future<T> future = inner;
        inner = null;
        if (future != null && started) {
            Detached.spawn(future);
        }
    }

    @Override
    public String toString() {
        return "Futures.uncancellable(" + inner + ")";
    }
}

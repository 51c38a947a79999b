package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.runtime.scheduler.Waiter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link CompletableFuture} of {@link JoinHandle#toCompletableFuture()}: it polls the handle
 * from whichever thread wakes it (the one that finished the task), and completes with the outcome.
 * Each one is an awaiter of its own, so any number of them (and tasks) may await one handle.
 *
 * <p>A poll of the handle only reads the task's state, so it is cheap and safe off the runtime.
 * Wakes may overlap: a counter lets one thread poll at a time and makes it poll again for every
 * wake that arrived meanwhile, so none is lost.
 *
 * @param <T> the task's result type
 */
final class HandleCompletion<T> extends CompletableFuture<T> implements Waiter {

    private final JoinHandle<T> handle;
    private final Context cx = Context.of(this);
    private final AtomicInteger pendingWakes = new AtomicInteger();

    private HandleCompletion(JoinHandle<T> handle) {
        this.handle = handle;
    }

    static <T> CompletableFuture<T> of(JoinHandle<T> handle) {
        HandleCompletion<T> completion = new HandleCompletion<>(handle);
        completion.wake();
        return completion;
    }

    @Override
    public void wake() {
        if (pendingWakes.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!isDone()) {
                pollHandle();
            }
        } while (pendingWakes.decrementAndGet() != 0);
    }

    private void pollHandle() {
        try {
            Poll<T> poll = handle.poll(cx);
            if (poll.isReady()) {
                complete(poll.value());
            }
        } catch (Cancelled aborted) {
            CancellationException cancelled = new CancellationException(aborted.getMessage());
            cancelled.initCause(aborted);
            completeExceptionally(cancelled);
        } catch (Throwable failure) {
            completeExceptionally(failure);
        }
    }

    /** Its own wake never throws; this is only for a waker registered on its behalf, which it has none of. */
    @Override
    public void wakeFailed(Throwable error) {
        completeExceptionally(error);
    }

    /** Cancelling the stage aborts the task (its {@code finally} blocks run on a worker). */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            handle.abort();
        }
        return cancelled;
    }
}

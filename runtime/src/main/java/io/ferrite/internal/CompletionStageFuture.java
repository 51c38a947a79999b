package io.ferrite.internal;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Adapts a {@link CompletionStage} to a {@link Future}: what {@code await(CompletionStage)}
 * polls. Part of the generated code's binary interface.
 *
 * <p>On the first pending poll it registers one {@code whenComplete} callback that records the
 * outcome and calls the latest waker. A failure is rethrown unwrapped: a
 * {@link CompletionException} arrives as its cause; a cancelled stage's
 * {@code CancellationException} is rethrown as is. Cancelling the adapter cancels the stage
 * when it is a {@link CompletableFuture}.
 *
 * @param <T> the value type
 */
public final class CompletionStageFuture<T> implements Future<T>, BiConsumer<T, Throwable> {

    private final CompletionStage<T> stage;
    private boolean registered;
    private volatile Waker waker;
    private volatile boolean complete;
    private T value;
    private Throwable failure;

    private CompletionStageFuture(CompletionStage<T> stage) {
        this.stage = stage;
    }

    /**
     * Returns a future for {@code stage}.
     *
     * @param stage the stage to adapt
     * @param <T>   the value type
     * @return a future completing with the stage's outcome
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T> Future<T> of(CompletionStage<T> stage) {
        if (stage == null) {
            throw AsyncStateMachine.nullAwaited("await((CompletionStage) null)");
        }
        return new CompletionStageFuture<>(stage);
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!registered) {
            if (stage instanceof CompletableFuture<T> done && done.isDone()) {
                return Poll.ready(joinUnwrapped(done));
            }
            waker = cx.waker();
            registered = true;
            stage.whenComplete(this);
        } else {
            waker = cx.waker();
        }
        if (complete) {
            if (failure != null) {
                throw AsyncSupport.sneaky(failure);
            }
            return Poll.ready(value);
        }
        return Poll.pending();
    }

    /** The stage's callback: records the outcome, then wakes the task. */
    @Override
    public void accept(T result, Throwable error) {
        value = result;
        failure = error == null ? null : unwrap(error);
        complete = true;  // volatile write publishes value and failure
        waker.wake();
    }

    @Override
    public void cancel() {
        if (stage instanceof CompletableFuture<T> future) {
            future.cancel(false);
        }
    }

    private static <T> T joinUnwrapped(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw AsyncSupport.sneaky(unwrap(e));
        }
    }

    private static Throwable unwrap(Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            return error.getCause();
        }
        return error;
    }

    @Override
    public String toString() {
        return "await(" + stage + ")" + (complete ? " [complete]" : "");
    }
}

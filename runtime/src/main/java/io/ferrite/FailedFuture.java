package io.ferrite;

import io.ferrite.internal.AsyncSupport;

/** The future made by {@link Future#failed(Throwable)}: every poll throws the same error. */
final class FailedFuture<T> implements Future<T> {

    private final Throwable error;

    FailedFuture(Throwable error) {
        this.error = error;
    }

    @Override
    public Poll<T> poll(Context cx) {
        throw AsyncSupport.sneaky(error);
    }

    @Override
    public String toString() {
        return "Future.failed(" + error + ")";
    }
}

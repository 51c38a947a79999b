package io.ferrite.testing;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncSupport;

/** A future the test completes by hand; it records polls, its latest waker and cancellation. */
public final class ManualFuture<T> implements Future<T> {

    private final String name;
    private volatile boolean completed;
    private T value;
    private Throwable failure;
    private volatile Waker waker;
    private int polls;
    private boolean cancelled;
    private RuntimeException throwOnCancel;

    public ManualFuture(String name) {
        this.name = name;
    }

    public static <T> ManualFuture<T> named(String name) {
        return new ManualFuture<>(name);
    }

    @Override
    public Poll<T> poll(Context cx) {
        polls++;
        if (cancelled) {
            throw new AssertionError(name + " was polled after it was cancelled");
        }
        if (completed) {
            if (failure != null) {
                throw AsyncSupport.sneaky(failure);
            }
            return Poll.ready(value);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (throwOnCancel != null) {
            throw throwOnCancel;
        }
    }

    /** Completes with {@code v} and wakes the latest waker. */
    public void complete(T v) {
        value = v;
        completed = true;
        wake();
    }

    /** Fails with {@code e} and wakes the latest waker. */
    public void fail(Throwable e) {
        failure = e;
        completed = true;
        wake();
    }

    /** Wakes without completing: a spurious wake. */
    public void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    public void throwOnCancel(RuntimeException e) {
        throwOnCancel = e;
    }

    public int polls() {
        return polls;
    }

    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "ManualFuture[" + name + "]";
    }
}

package io.ferrite.transformer.testing;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;

/**
 * A future completed by hand: pending until {@link #complete} or {@link #fail}, counting polls
 * and cancels, and waking the latest waker when completed, as a real future must.
 *
 * @param <T> the value type
 */
public final class ManualFuture<T> implements Future<T> {

    private final String name;
    private boolean done;
    private T value;
    private Throwable failure;
    private Waker waker;
    private int polls;
    private int cancels;

    /**
     * Creates a pending future.
     *
     * @param name shown by {@link #toString()}
     */
    public ManualFuture(String name) {
        this.name = name;
    }

    /** Creates a pending future named "manual". */
    public ManualFuture() {
        this("manual");
    }

    /**
     * Returns a future that is already complete, yet polls through this class (unlike
     * {@code Future.ready}), so its polls are counted.
     *
     * @param value the value
     * @param <T>   the value type
     * @return a completed future
     */
    public static <T> ManualFuture<T> completed(T value) {
        ManualFuture<T> future = new ManualFuture<>("completed(" + value + ")");
        future.done = true;
        future.value = value;
        return future;
    }

    /**
     * Completes the future and wakes the task that last polled it.
     *
     * @param result the value
     */
    public void complete(T result) {
        if (done) {
            throw new IllegalStateException(this + " already completed");
        }
        done = true;
        value = result;
        wake();
    }

    /**
     * Fails the future and wakes the task that last polled it.
     *
     * @param error what later polls throw
     */
    public void fail(Throwable error) {
        done = true;
        failure = error;
        wake();
    }

    private void wake() {
        Waker w = waker;
        waker = null;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public Poll<T> poll(Context cx) {
        polls++;
        if (failure != null) {
            throw Sneaky.<RuntimeException>sneak(failure);
        }
        if (done) {
            return Poll.ready(value);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    @Override
    public void cancel() {
        cancels++;
    }

    /**
     * Returns how many times the future was polled.
     *
     * @return the count
     */
    public int polls() {
        return polls;
    }

    /**
     * Returns how many times the future was cancelled.
     *
     * @return the count
     */
    public int cancels() {
        return cancels;
    }

    /**
     * Tells whether a waker is registered, i.e. the last poll was pending.
     *
     * @return true if a task waits for this future
     */
    public boolean hasWaiter() {
        return waker != null;
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <E extends Throwable> E sneak(Throwable error) throws E {
            throw (E) error;
        }
    }
}

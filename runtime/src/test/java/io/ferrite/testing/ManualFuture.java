package io.ferrite.testing;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncSupport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A future the test completes by hand, shared by the runtime's and the transformer's tests (the
 * runtime's test-jar): pending until {@link #complete} or {@link #fail}, which wake the waker of
 * the latest poll, as a real future must.
 *
 * <p>It records what was done to it: polls and cancels (counts, threads, a latch for the first of
 * each), and any poll or cancel that overlapped another one, which a runtime must never do. A
 * poll after a cancel fails the test at once with an {@link AssertionError}: a cancelled future is
 * never polled again.
 *
 * <p>Thread-safe: a runtime polls and cancels it on its workers while the test completes it.
 *
 * @param <T> the value type
 */
public final class ManualFuture<T> implements Future<T> {

    private final String name;
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private final CountDownLatch firstCancel = new CountDownLatch(1);
    private volatile Thread pollThread;
    private volatile Thread cancelThread;
    private volatile Waker waker;
    private volatile boolean done;
    private volatile T value;
    private volatile Throwable failure;
    private volatile Runnable onCancel = () -> { };

    /**
     * Creates a pending future.
     *
     * @param name what {@link #toString()} and failure messages call it
     */
    public ManualFuture(String name) {
        this.name = name;
    }

    /** Creates a pending future named "manual". */
    public ManualFuture() {
        this("manual");
    }

    /**
     * Creates a pending future.
     *
     * @param name what {@link #toString()} and failure messages call it
     * @param <T>  the value type
     * @return the future
     */
    public static <T> ManualFuture<T> named(String name) {
        return new ManualFuture<>(name);
    }

    /**
     * Returns a future that is already complete, yet polls through this class (unlike
     * {@code Future.ready}), so that its polls are counted.
     *
     * @param value the value
     * @param <T>   the value type
     * @return a completed future
     */
    public static <T> ManualFuture<T> completed(T value) {
        ManualFuture<T> future = new ManualFuture<>("completed(" + value + ")");
        future.value = value;
        future.done = true;
        return future;
    }

    @Override
    public Poll<T> poll(Context cx) {
        enter();
        try {
            polls.incrementAndGet();
            pollThread = Thread.currentThread();
            firstPoll.countDown();
            if (cancels.get() > 0) {
                throw new AssertionError(name + " was polled after it was cancelled");
            }
            if (done) {
                if (failure != null) {
                    throw AsyncSupport.sneaky(failure);
                }
                return Poll.ready(value);
            }
            waker = cx.waker();
            return Poll.pending();
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public void cancel() {
        enter();
        try {
            cancelThread = Thread.currentThread();
            cancels.incrementAndGet();
            try {
                onCancel.run();
            } finally {
                firstCancel.countDown();
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
    }

    /**
     * Completes the future and wakes the task that polled it last.
     *
     * @param result the value
     * @throws IllegalStateException if it was already completed or failed
     */
    public void complete(T result) {
        finish();
        value = result;
        done = true;
        wake();
    }

    /**
     * Fails the future and wakes the task that polled it last.
     *
     * @param error what the next poll throws
     * @throws IllegalStateException if it was already completed or failed
     */
    public void fail(Throwable error) {
        finish();
        failure = error;
        done = true;
        wake();
    }

    private void finish() {
        if (done) {
            throw new IllegalStateException(name + " was already completed");
        }
    }

    /** Wakes the task that polled it last without completing it: a spurious wake. */
    public void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Runs an action inside every {@code cancel()}, as a {@code finally} block of a body would.
     *
     * @param action what to run; it may throw
     */
    public void onCancel(Runnable action) {
        onCancel = action;
    }

    /**
     * Makes {@code cancel()} throw, as a faulty cleanup would.
     *
     * @param error what to throw
     */
    public void throwOnCancel(RuntimeException error) {
        onCancel(() -> {
            throw error;
        });
    }

    /**
     * Returns how many times it was polled.
     *
     * @return the count
     */
    public int polls() {
        return polls.get();
    }

    /**
     * Returns how many times it was cancelled.
     *
     * @return the count
     */
    public int cancels() {
        return cancels.get();
    }

    /**
     * Tells whether it was cancelled.
     *
     * @return true after the first cancel
     */
    public boolean cancelled() {
        return cancels.get() > 0;
    }

    /**
     * Returns how many polls or cancels began while another one was running.
     *
     * @return the count, 0 for a runtime that keeps its promises
     */
    public int overlaps() {
        return overlaps.get();
    }

    /**
     * Tells whether a task waits for it: its latest poll was pending and it is not complete.
     *
     * @return true if a waker is registered and not yet woken by completion
     */
    public boolean hasWaiter() {
        return waker != null && !done;
    }

    /**
     * Returns the thread of the latest poll.
     *
     * @return the thread, or null before the first poll
     */
    public Thread pollThread() {
        return pollThread;
    }

    /**
     * Returns the thread of the latest cancel.
     *
     * @return the thread, or null before the first cancel
     */
    public Thread cancelThread() {
        return cancelThread;
    }

    /**
     * Returns a latch opened by the first poll.
     *
     * @return the latch
     */
    public CountDownLatch firstPoll() {
        return firstPoll;
    }

    /**
     * Returns a latch opened by the first cancel, after its {@link #onCancel} action ran.
     *
     * @return the latch
     */
    public CountDownLatch firstCancel() {
        return firstCancel;
    }

    @Override
    public String toString() {
        return name;
    }
}

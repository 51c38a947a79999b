package io.ferrite.transformer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * Polls one future by hand with a counting waker, as tokio-test's {@code task::spawn} does.
 *
 * @param <T> the value type
 */
public final class Driver<T> {

    private final Future<T> future;
    private int wakes;
    private int polls;
    private final Context cx = Context.of(() -> wakes++);

    private Driver(Future<T> future) {
        this.future = future;
    }

    /**
     * Wraps a future.
     *
     * @param future the future to drive
     * @param <T>    its value type
     * @return a driver
     */
    @SuppressWarnings("unchecked")
    public static <T> Driver<T> of(Object future) {
        return new Driver<>((Future<T>) future);
    }

    /**
     * Polls once.
     *
     * @return the poll
     */
    public Poll<T> poll() {
        polls++;
        return future.poll(cx);
    }

    /** Polls once and asserts the future is pending. */
    public void assertPending() {
        Poll<T> poll = poll();
        assertTrue(poll.isPending(), () -> "expected pending, got " + poll);
    }

    /**
     * Polls once and asserts the future is ready.
     *
     * @return its value
     */
    public T assertReady() {
        Poll<T> poll = poll();
        assertTrue(poll.isReady(), "expected ready, got pending");
        return poll.value();
    }

    /**
     * Polls once and asserts the future is ready with a value.
     *
     * @param expected the value
     */
    public void assertReady(T expected) {
        assertEquals(expected, assertReady());
    }

    /**
     * Returns how many times a future polled by this driver called the waker.
     *
     * @return the count
     */
    public int wakes() {
        return wakes;
    }

    /**
     * Returns how many times this driver polled.
     *
     * @return the count
     */
    public int polls() {
        return polls;
    }

    /**
     * Returns the driven future.
     *
     * @return the future
     */
    public Future<T> future() {
        return future;
    }
}

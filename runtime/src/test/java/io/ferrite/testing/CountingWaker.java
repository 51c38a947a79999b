package io.ferrite.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A waker that counts its wakes, with the context around it: drives futures poll by poll in
 * tests (tokio-test's style: assert pending, ready, woken).
 */
public final class CountingWaker implements Waker {

    private final AtomicInteger wakes = new AtomicInteger();
    private final Context cx = Context.of(this);

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    /** The context whose waker is this one. */
    public Context cx() {
        return cx;
    }

    /** Polls {@code future} with this waker. */
    public <T> Poll<T> poll(Future<T> future) {
        return future.poll(cx);
    }

    /** Polls and asserts pending. */
    public void assertPending(Future<?> future) {
        Poll<?> p = future.poll(cx);
        assertTrue(p.isPending(), () -> future + " should be pending but was " + p);
    }

    /** Polls, asserts ready and returns the value. */
    public <T> T assertReady(Future<T> future) {
        Poll<T> p = future.poll(cx);
        assertTrue(p.isReady(), () -> future + " should be ready");
        return p.value();
    }

    /** Polls and asserts ready with {@code expected}. */
    public <T> void assertReady(T expected, Future<T> future) {
        assertEquals(expected, assertReady(future));
    }

    /** Wakes since the last call. */
    public int takeWakes() {
        return wakes.getAndSet(0);
    }

    /** Whether woken since the last call of this or {@link #takeWakes()}. */
    public boolean woken() {
        return wakes.getAndSet(0) > 0;
    }
}

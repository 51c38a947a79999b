package io.ferrite.transformer.testing;

import io.ferrite.Future;
import io.ferrite.testing.ManualFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out a new pending {@link ManualFuture} per request, so a fixture can await as many
 * futures as it likes and a test can complete them in order.
 *
 * @param <T> the value type
 */
public final class Source<T> {

    private final List<ManualFuture<T>> issued = new ArrayList<>();

    /**
     * Returns a new pending future.
     *
     * @return the future
     */
    public Future<T> next() {
        ManualFuture<T> future = new ManualFuture<>("source#" + issued.size());
        issued.add(future);
        return future;
    }

    /**
     * Returns the most recent future.
     *
     * @return the last future handed out
     */
    public ManualFuture<T> last() {
        if (issued.isEmpty()) {
            throw new AssertionError("no future was requested yet");
        }
        return issued.get(issued.size() - 1);
    }

    /**
     * Returns a future handed out earlier.
     *
     * @param index its position, from 0
     * @return the future
     */
    public ManualFuture<T> get(int index) {
        return issued.get(index);
    }

    /**
     * Returns how many futures were handed out.
     *
     * @return the count
     */
    public int count() {
        return issued.size();
    }

    /**
     * Drives a future to completion: polls it, and each time it is pending completes the last
     * future handed out with the next value, asserting it was waited on.
     *
     * @param driver the driver of the future under test
     * @param values the values to complete with, in order
     * @param <R>    the result type
     * @return the result
     */
    @SafeVarargs
    public final <R> R drive(Driver<R> driver, T... values) {
        for (T value : values) {
            driver.assertPending();
            ManualFuture<T> waiting = last();
            if (!waiting.hasWaiter()) {
                throw new AssertionError(waiting + " is not awaited");
            }
            waiting.complete(value);
        }
        return driver.assertReady();
    }
}

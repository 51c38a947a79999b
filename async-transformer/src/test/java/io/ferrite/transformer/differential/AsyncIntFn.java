package io.ferrite.transformer.differential;

import io.ferrite.Future;

/**
 * The functional interface of generated async lambdas with an {@code int} parameter.
 *
 * @param <T> the value type of the future
 */
@FunctionalInterface
public interface AsyncIntFn<T> {

    /**
     * Runs the body (lazily, when transformed).
     *
     * @param x the argument
     * @return its future
     * @throws Checked when the body throws it
     */
    Future<T> apply(int x) throws Checked;
}

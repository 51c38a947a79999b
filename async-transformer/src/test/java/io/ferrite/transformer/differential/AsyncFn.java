package io.ferrite.transformer.differential;

import io.ferrite.Future;

/**
 * The functional interface of generated async lambdas and anonymous classes without parameters.
 *
 * @param <T> the value type of the future
 */
@FunctionalInterface
public interface AsyncFn<T> {

    /**
     * Runs the body (lazily, when transformed).
     *
     * @return its future
     * @throws Checked when the body throws it
     */
    Future<T> call() throws Checked;
}

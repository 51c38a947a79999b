/**
 * The annotation that marks asynchronous methods: {@link io.ferrite.annotations.Async}.
 *
 * <p>This package has no dependencies, so libraries can mark methods without pulling in the
 * runtime.
 */
package io.ferrite.annotations;

/**
 * The annotations Ferrite's transformer reads from class files: {@link io.ferrite.annotations.Async},
 * which marks asynchronous methods (the entry point), and {@link io.ferrite.annotations.Suppress},
 * which silences chosen build-time warnings.
 *
 * <p>This package has no dependencies, so libraries can mark methods without pulling in the
 * runtime.
 */
package io.ferrite.annotations;

/**
 * Doors between the runtime's packages, in the manner of the JDK's {@code SharedSecrets}: where
 * an engine needs a member of a public class that must not be public, the class's package sets
 * an accessor here once, from its static initialiser. The entry point is
 * {@link io.ferrite.internal.access.TimeAccess}, through which {@code AsyncRuntime} gets the
 * engine's clock for a {@code TimeSource}.
 *
 * <p>The package is public only so that two of the runtime's packages can reach it: the
 * runtime's module does not export it, and nothing in it is kept stable across releases.
 */
package io.ferrite.internal.access;

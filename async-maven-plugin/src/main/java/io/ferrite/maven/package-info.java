/**
 * The Ferrite Maven plugin: the goals {@link io.ferrite.maven.TransformMojo transform} and
 * {@link io.ferrite.maven.TransformTestMojo transform-test} hand the compiled classes to the
 * transformer's façade and write the result atomically and incrementally.
 */
package io.ferrite.maven;

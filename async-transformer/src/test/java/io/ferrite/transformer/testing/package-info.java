/**
 * Test support for the transformer, loaded by the test class loader and shared with the
 * fixtures: {@link io.ferrite.transformer.testing.TransformingClassLoader} loads the fixture
 * packages transformed and {@link io.ferrite.transformer.testing.Driver} polls a future by hand;
 * the future completed by hand, {@code io.ferrite.testing.ManualFuture}, comes from the runtime's
 * test-jar, shared with the runtime's own tests.
 */
package io.ferrite.transformer.testing;

/**
 * Test support for the transformer, loaded by the test class loader and shared with the
 * fixtures: {@link io.ferrite.transformer.testing.TransformingClassLoader} loads the fixture
 * packages transformed, {@link io.ferrite.transformer.testing.Driver} polls a future by hand and
 * {@link io.ferrite.transformer.testing.ManualFuture} completes by hand.
 */
package io.ferrite.transformer.testing;

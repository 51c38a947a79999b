/**
 * The transformer's own speed:
 * {@link io.ferrite.benchmarks.transformer.TransformerThroughputBenchmark} (classes per second
 * over a generated jar of {@code @Async} classes).
 */
package io.ferrite.benchmarks.transformer;

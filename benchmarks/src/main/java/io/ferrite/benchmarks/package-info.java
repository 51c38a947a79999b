/**
 * JMH benchmarks of Ferrite against its peers; run them with the script documented in the
 * README. {@link io.ferrite.benchmarks.ReadyPollBenchmark} is the smallest.
 */
package io.ferrite.benchmarks;

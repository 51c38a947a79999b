/**
 * Benchmarks of {@code io.ferrite.channel} and {@code io.ferrite.sync}, run beside their
 * virtual-thread peers in {@code io.ferrite.benchmarks.vt.sync}: start with
 * {@link io.ferrite.benchmarks.sync.MpscThroughputBenchmark}. Until the runtime's executor lands,
 * tasks are driven by the single-threaded {@link io.ferrite.benchmarks.sync.PollLoop}.
 */
package io.ferrite.benchmarks.sync;

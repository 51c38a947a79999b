/**
 * Stream benchmarks beside their peers (Reactor's {@code Flux}, RxJava 3's {@code Flowable},
 * {@code java.util.stream}): S3, a synchronous pipeline ({@link io.ferrite.benchmarks.stream.SyncPipelineBenchmark}),
 * and S5, bounded fan-out over timers ({@link io.ferrite.benchmarks.stream.BufferUnorderedBenchmark}).
 */
package io.ferrite.benchmarks.stream;

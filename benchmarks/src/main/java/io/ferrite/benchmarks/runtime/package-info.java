/**
 * Runtime benchmarks against the anchors' workloads, with their problem sizes:
 * {@link io.ferrite.benchmarks.runtime.SpawnJoinBenchmark} (W1, 1,000,000 spawns),
 * {@link io.ferrite.benchmarks.runtime.PingPongBenchmark} (W2, 1,000,000 round trips),
 * {@link io.ferrite.benchmarks.runtime.TimerBenchmark} (W5, 100,000 tasks sleeping 10 ms), each
 * beside its {@code CompletableFuture}-on-{@code ForkJoinPool} peer, and
 * {@link io.ferrite.benchmarks.runtime.SuspendedTaskFootprint} (W4, heap per suspended task, a
 * plain main that prints the anchors' RESULT lines). Virtual-thread peers are in
 * {@code io.ferrite.benchmarks.vt} (JDK 21+).
 */
package io.ferrite.benchmarks.runtime;

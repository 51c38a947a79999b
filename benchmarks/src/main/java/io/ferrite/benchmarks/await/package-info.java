/**
 * The cost of one await: {@link io.ferrite.benchmarks.await.ReadyAwaitBenchmark} (W3, an
 * already-complete future, 10,000,000 awaits) and
 * {@link io.ferrite.benchmarks.await.SuspendingAwaitBenchmark} (an await that suspends every
 * time, resumed from the same thread or another), each beside its {@code CompletableFuture} and
 * hand-written peers.
 */
package io.ferrite.benchmarks.await;

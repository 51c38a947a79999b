/**
 * Synchronisation for tasks: waits are futures, so a task that waits is suspended and no thread
 * is blocked (Tokio's {@code tokio::sync}).
 *
 * <p>The entry point is {@link io.ferrite.sync.Semaphore}, the fair (FIFO) permit queue that
 * also backs {@link io.ferrite.sync.Mutex}, {@link io.ferrite.sync.RwLock} and the bounded
 * {@code io.ferrite.channel.Mpsc} channel. {@link io.ferrite.sync.Notify} wakes one or all
 * waiters and backs {@link io.ferrite.sync.Barrier}, {@link io.ferrite.sync.CancellationToken}
 * and the channels' receivers. {@link io.ferrite.sync.Retry} retries an operation with
 * exponential backoff.
 *
 * <p>Permits and guards are {@link java.lang.AutoCloseable}: try-with-resources gives them back
 * as Rust's drop does. Every wait is cancel safe: a waiter cancelled by {@code select},
 * {@code timeout} or {@code abort} leaves the queue and never consumes a permit, a lock or a
 * notification; each class documents the details in its "Cancellation" section.
 */
package io.ferrite.sync;

/**
 * Synchronisation for tasks: waits are futures, so a task that waits is suspended and no thread
 * is blocked (Tokio's {@code tokio::sync}).
 *
 * <p>The entry point is {@link io.ferrite.sync.Semaphore}, the fair (FIFO) permit queue. Its
 * engine also backs {@link io.ferrite.sync.Mutex} (one permit) and
 * {@link io.ferrite.sync.RwLock} (a reader takes one permit, a writer all of them), so the locks
 * hand themselves over in the order they were asked for. {@link io.ferrite.sync.Notify} wakes
 * one or all waiters and backs {@link io.ferrite.sync.Barrier},
 * {@link io.ferrite.sync.CancellationToken} and the {@code Broadcast} and {@code Watch}
 * channels' receivers. {@link io.ferrite.sync.Retry} retries an operation with exponential
 * backoff.
 *
 * <p>One wait list serves every queue of waiting tasks here and in {@code io.ferrite.channel}:
 * the semaphore's (so the locks'), {@code Notify}'s, and the bounded {@code Mpsc} channel's
 * senders waiting for room, as Tokio's {@code batch_semaphore} list serves its locks and bounded
 * channel. Each primitive keeps its own lock around it (the channel's also guards its buffer),
 * and no waker runs under a lock.
 *
 * <p>Permits and guards are {@link java.lang.AutoCloseable}: try-with-resources gives them back
 * as Rust's drop does. Every wait is cancel safe: a waiter cancelled by {@code select},
 * {@code timeout} or {@code abort} leaves the queue and never consumes a permit, a lock or a
 * notification; each class documents the details in its "Cancellation" section.
 */
package io.ferrite.sync;

/**
 * Engines shared by several public packages; not a public API.
 *
 * <p>The entry point is {@link io.ferrite.internal.sync.WaitList}, the one FIFO queue of waiting
 * tasks (with grant, removal and the wake-up chain run after the lock) under the semaphore
 * engine, {@code Mutex}, {@code RwLock}, {@code Notify} and the bounded {@code Mpsc} channel, as
 * Tokio's {@code batch_semaphore} wait list is under its locks and bounded channel.
 * {@link io.ferrite.internal.sync.ChildWakers} gives each child of an in-place combinator its own
 * waker: {@code Futures.join}, {@code select} and {@code mapConcurrent}, and the streams'
 * {@code merge} and {@code buffered}, poll only the children that were woken.
 *
 * <p>The package is public only so that {@code io.ferrite}, {@code io.ferrite.sync},
 * {@code io.ferrite.channel} and {@code io.ferrite.stream} can reach it: the runtime's module
 * does not export it, and nothing in it is kept stable across releases.
 */
package io.ferrite.internal.sync;

/**
 * Engines shared by {@code io.ferrite.sync} and {@code io.ferrite.channel}; not a public API.
 *
 * <p>The entry point is {@link io.ferrite.internal.sync.WaitList}, the one FIFO queue of waiting
 * tasks (with grant, removal and the wake-up chain run after the lock) under the semaphore
 * engine, {@code Mutex}, {@code RwLock}, {@code Notify} and the bounded {@code Mpsc} channel, as
 * Tokio's {@code batch_semaphore} wait list is under its locks and bounded channel. The package
 * is public only so that both packages can reach it: the runtime's module does not export it,
 * and nothing in it is kept stable across releases.
 */
package io.ferrite.internal.sync;

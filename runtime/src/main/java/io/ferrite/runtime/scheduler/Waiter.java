package io.ferrite.runtime.scheduler;

import io.ferrite.Waker;

/**
 * Internal: a party that waits for something the runtime wakes it for (a task, a
 * {@code blockOn} call, a join handle's {@code CompletableFuture}, a {@code JoinSet} entry),
 * and that answers for the wakers registered on its behalf. Not part of Ferrite's API.
 *
 * <p>The runtime calls wakers outside any task's poll: the timer wheel and the I/O driver fire
 * them, a finishing task wakes whoever awaits its handle. A waker that is not a waiter itself (one a combinator or
 * the user made) is registered wrapped with the waiter that was polling when it was handed over
 * ({@link Scheduler#waiterFor}), so that when it throws, that waiter fails, and the thread that
 * woke it (a worker, the thread advancing a virtual clock) carries on.
 */
public interface Waiter extends Waker {

    /**
     * Fails this waiter with {@code error}, thrown by a waker registered on its behalf: a task
     * fails with it (its handle rethrows it, and the failure handler is told), a {@code blockOn}
     * call throws it. Never throws.
     *
     * @param error what the waker threw
     */
    void wakeFailed(Throwable error);
}

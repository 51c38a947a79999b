package io.ferrite.runtime.scheduler;

/**
 * The façade that owns a {@link Scheduler} or a {@link LocalScheduler}: what the engine hands
 * back to the public side. The façade implements it in a package-private class of its own
 * package, so the engine never names a public type and no engine method shows on a public one.
 * Internal: not part of Ferrite's API (this package is not exported).
 */
public interface Owner {

    /**
     * Receives a task that failed; the engine has already stored the failure in the task, so
     * an awaiter sees it too. A handler that throws fails neither the task nor a worker.
     *
     * @param task  the task, a {@code JoinHandle} on the public side
     * @param error what it threw
     */
    void taskFailed(TaskCell<?> task, Throwable error);
}

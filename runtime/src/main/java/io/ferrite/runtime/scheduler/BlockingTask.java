package io.ferrite.runtime.scheduler;

import io.ferrite.Poll;
import java.util.concurrent.Callable;

/**
 * A {@code spawnBlocking} callable: run once by a thread of the blocking pool. It can be aborted
 * only before it starts; a started callable runs to its end.
 *
 * @param <T> the type of the callable's result
 */
final class BlockingTask<T> extends TaskCell<T> {

    BlockingTask(Scheduler scheduler, Callable<T> callable) {
        super(scheduler, callable);
    }

    /** Nothing to do: a blocking task is never handed out as a waker. */
    @Override
    public void wake() {
    }

    @Override
    void scheduleAfterNotify() {
        // Not reached: a blocking task is NOTIFIED from birth until a pool thread takes it.
    }

    /** Runs the callable on the calling pool thread, unless it was aborted while queued. */
    void run() {
        int s = startRun();
        if (s < 0) {
            return;
        }
        if ((s & CANCELLED) != 0) {
            completeCancelled("was aborted before it started");
            return;
        }
        @SuppressWarnings("unchecked")
        Callable<T> callable = (Callable<T>) slot;
        try {
            complete(Poll.ready(callable.call()));
        } catch (Throwable failure) {
            completeFailed(failure);
        }
    }

    /** Never called: a blocking task is queued or running until it completes, in no registry. */
    @Override
    TaskRegistry registry(int s) {
        throw new AssertionError("a blocking task never registers");
    }

    @Override
    String describe(Object work) {
        return work != null ? "spawnBlocking(" + nameOf(work) + ")"
                : "spawnBlocking@" + Integer.toHexString(System.identityHashCode(this));
    }
}

package io.ferrite.runtime.scheduler;

import io.ferrite.Future;

/**
 * A spawned future: polled by workers, woken by its own {@link #wake()}.
 *
 * <p>A worker takes it from a queue (state {@link #NOTIFIED}), swaps that bit for
 * {@link #RUNNING}, polls the future with the task itself as context, and then either
 * completes it or clears {@link #RUNNING}; if a wake arrived during the poll it re-queues the
 * task at the back of its queue. Only the thread that holds {@link #RUNNING} touches the future,
 * so {@code poll} and {@code cancel} of one future never overlap.
 *
 * @param <T> the type of the task's result
 */
public final class RawTask<T> extends TaskCell<T> {

    RawTask(Scheduler scheduler, Future<T> future) {
        super(scheduler, future);
    }

    /**
     * Schedules the task to be polled again. Only the first wake after a poll does anything;
     * a wake after completion is ignored.
     */
    @Override
    public void wake() {
        if (notifyWake()) {
            scheduler.schedule(this);
        }
    }

    @Override
    void scheduleAfterNotify() {
        scheduler.schedule(this);
    }

    /**
     * Runs the task once on {@code worker}: polls its future, or cancels it if aborted.
     * Never throws: whatever the future does (throws, returns null) becomes the task's outcome.
     */
    void run(Worker worker) {
        int s = startRun();
        if (s < 0) {
            return;   // completed, or claimed by the shutdown sweep, while queued
        }
        if ((s & CANCELLED) != 0) {
            cancelFuture(worker, "was aborted");
            return;
        }
        if (pollWork(worker)) {
            return;
        }
        if ((state & REGISTERED) != 0) {
            s = getAndAddState(-RUNNING);
        } else {
            // Registered before RUNNING is released: whoever completes the task next finds it there.
            worker.tasks.add(this);
            s = getAndAddState(REGISTERED - RUNNING);
        }
        if ((s & NOTIFIED) != 0) {
            // Woken (or aborted) during the poll: this thread owes it the run.
            if ((s & CANCELLED) != 0) {
                getAndAddState(RUNNING - NOTIFIED);
                cancelFuture(worker, "was aborted");
            } else {
                worker.requeue(this);
            }
        }
    }

    /** Cancels the future and completes the task (see {@link #cancelWork}), counting it. */
    void cancelFuture(Worker worker, String why) {
        if (worker != null) {
            worker.taskCompleted();
        } else {
            scheduler.taskCompletedElsewhere();
        }
        cancelWork(why);
    }

    @Override
    TaskRegistry registry(int s) {
        return scheduler.workers[TaskRegistry.shardOf(s, scheduler.registryBits)].tasks;
    }

    @Override
    String describe(Object work) {
        return work != null ? nameOf(work) : "@" + Integer.toHexString(System.identityHashCode(this));
    }
}

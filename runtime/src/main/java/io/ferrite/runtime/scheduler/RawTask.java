package io.ferrite.runtime.scheduler;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.Poll;

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
        int s;
        do {
            s = state;
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return;
            }
        } while (!casState(s, s | NOTIFIED));
        if ((s & RUNNING) == 0) {
            scheduler.schedule(this);
        }
    }

    @Override
    void scheduleAfterNotify() {
        scheduler.schedule(this);
    }

    /**
     * Runs the task once on {@code worker}: polls its future, or cancels it if aborted.
     * Never throws: a failure of the future becomes the task's outcome.
     */
    @SuppressWarnings("unchecked")
    void run(Worker worker) {
        int s = getAndAddState(RUNNING - NOTIFIED);
        if ((s & CANCELLED) != 0) {
            cancelFuture(worker, "was aborted");
            return;
        }
        Future<T> future = (Future<T>) slot;
        Poll<T> poll;
        try {
            poll = future.poll(this);
        } catch (Throwable failure) {
            worker.taskCompleted();
            completeFailed(failure);
            return;
        }
        if (poll.isReady()) {
            worker.taskCompleted();
            complete(poll);
            return;
        }
        if ((state & REGISTERED) != 0) {
            s = getAndAddState(-RUNNING);
        } else {
            s = getAndAddState(REGISTERED - RUNNING);
            worker.tasks.add(this);
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

    /**
     * Cancels the future (its {@code finally} blocks run here) and completes the task with
     * {@link Cancelled}. The caller holds {@link #RUNNING}, or is the shutdown sweep after every
     * worker stopped. An exception other than {@code Cancelled} thrown while unwinding is
     * reported, not lost.
     */
    void cancelFuture(Worker worker, String why) {
        Future<?> future = (Future<?>) slot;
        Throwable unwinding = null;
        try {
            future.cancel();
        } catch (Cancelled expected) {
            // The body unwound to the top.
        } catch (Throwable t) {
            unwinding = t;
        }
        String name = describeWork();
        if (worker != null) {
            worker.taskCompleted();
        } else {
            scheduler.taskCompletedElsewhere();
        }
        complete(new Failure(new Cancelled("task " + name + " " + why), name));
        if (unwinding != null) {
            scheduler.reportFailure(this, unwinding);
        }
    }

    @Override
    String describe(Object work) {
        return work != null ? String.valueOf(work) : "@" + Integer.toHexString(System.identityHashCode(this));
    }
}

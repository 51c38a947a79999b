package io.ferrite.runtime.scheduler;

import io.ferrite.Future;

/**
 * A task of a {@code LocalSet}: a {@link TaskCell} like every task (same handle, same state
 * bits, any number of awaiters), but queued on its set and polled only by the thread that drives
 * the set, never by a worker. It belongs to no runtime: timers, {@code Task.spawn} and its
 * failures go to the runtime of the thread that polls it.
 *
 * @param <T> the type of the task's result
 */
final class LocalTask<T> extends TaskCell<T> {

    private final LocalScheduler set;

    LocalTask(LocalScheduler set, Future<T> future) {
        super(null, future);
        this.set = set;
    }

    /** Queues the task on its set, once per run however often it is woken; from any thread. */
    @Override
    public void wake() {
        if (notifyWake()) {
            set.enqueue(this);
        }
    }

    @Override
    void scheduleAfterNotify() {
        set.enqueue(this);
    }

    /** Runs the task once on the set's thread, as the task polling there. Never throws. */
    void run() {
        int s = startRun();
        if (s < 0) {
            return;
        }
        Object saved = Scheduler.enterPoll(this);
        try {
            if ((s & CANCELLED) != 0) {
                cancelWork("was aborted");
                return;
            }
            if (pollWork(null)) {
                return;
            }
            s = getAndAddState(-RUNNING);
            if ((s & NOTIFIED) != 0) {
                if ((s & CANCELLED) != 0) {
                    getAndAddState(RUNNING - NOTIFIED);
                    cancelWork("was aborted");
                } else {
                    set.enqueue(this);
                }
            }
        } finally {
            Scheduler.exitPoll(saved);
        }
    }

    /** Cancels the future of a task claimed by {@link LocalScheduler#close()}. */
    void cancelClaimed(String why) {
        Object saved = Scheduler.enterPoll(this);
        try {
            cancelWork(why);
        } finally {
            Scheduler.exitPoll(saved);
        }
    }

    /** To the handler of the runtime polling the set, or, outside any runtime, the default one. */
    @Override
    void reportFailure(Throwable error) {
        set.reportFailure(this, error);
    }

    @Override
    TaskRegistry registry(int s) {
        return set.tasks;
    }

    @Override
    String describe(Object work) {
        return work != null ? "spawnLocal(" + nameOf(work) + ")"
                : "spawnLocal@" + Integer.toHexString(System.identityHashCode(this));
    }
}

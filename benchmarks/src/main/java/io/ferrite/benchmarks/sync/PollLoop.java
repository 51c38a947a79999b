package io.ferrite.benchmarks.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Waker;
import java.util.ArrayDeque;

/**
 * The smallest single-threaded executor: a run queue of tasks, each polled when its waker fired.
 * It stands in for the runtime's executor until that lands, so the benchmarks here measure the
 * channels and locks, not a scheduler. Wakes must come from the loop's own thread, which holds
 * for these benchmarks: every task runs on it.
 */
public final class PollLoop {

    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private int running;

    /** Adds a task, to be polled first when {@link #run()} is called. */
    public void spawn(Future<?> future) {
        Task t = new Task(future);
        running++;
        t.wake();
    }

    /**
     * Polls woken tasks until every task has completed.
     *
     * @throws IllegalStateException if tasks are left that nothing will wake (a deadlock)
     */
    public void run() {
        Task t;
        while ((t = ready.poll()) != null) {
            t.queued = false;
            if (t.future.poll(t.cx).isReady()) {
                running--;
            }
        }
        if (running != 0) {
            throw new IllegalStateException(running + " tasks are pending and nothing will wake them");
        }
    }

    private final class Task implements Waker {
        final Future<?> future;
        final Context cx = Context.of(this);
        boolean queued;

        Task(Future<?> future) {
            this.future = future;
        }

        @Override
        public void wake() {
            if (!queued) {
                queued = true;
                ready.add(this);
            }
        }
    }

    /** A yield point, as Tokio's {@code yield_now}: the runtime's own, which needs no runtime to poll. */
    public static Future<Void> yieldNow() {
        return io.ferrite.runtime.Task.yieldNow();
    }
}

package io.ferrite.runtime.scheduler;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The tasks one owner spawned and that may still be alive, so that shutdown can find and cancel
 * suspended tasks, which sit in no queue. Adding is one array store; finished tasks are swept
 * out when the array fills, and it doubles only if more than half survive, so the cost per task
 * stays constant and the array holds at most twice the live tasks.
 *
 * <p>Not thread-safe: each worker owns one; the scheduler guards the shared one with its lock.
 */
final class TaskRegistry {

    private TaskCell<?>[] tasks = new TaskCell<?>[64];
    private int size;

    void add(TaskCell<?> task) {
        if (size == tasks.length) {
            sweep();
        }
        tasks[size++] = task;
    }

    private void sweep() {
        int live = 0;
        TaskCell<?>[] a = tasks;
        for (int i = 0; i < size; i++) {
            TaskCell<?> t = a[i];
            if (!t.isFinished()) {
                a[live++] = t;
            }
        }
        Arrays.fill(a, live, size, null);
        size = live;
        if (live > a.length / 2) {
            tasks = Arrays.copyOf(a, a.length * 2);
        }
    }

    /** Calls {@code action} for every task not yet finished, then forgets them all. */
    void drain(Consumer<TaskCell<?>> action) {
        TaskCell<?>[] a = tasks;
        int n = size;
        tasks = new TaskCell<?>[16];
        size = 0;
        for (int i = 0; i < n; i++) {
            if (!a[i].isFinished()) {
                action.accept(a[i]);
            }
        }
    }
}

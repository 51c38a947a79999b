package io.ferrite.runtime.scheduler;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The tasks that suspended on one worker and may still be alive, so that shutdown can find and
 * cancel them: a suspended task sits in no queue. Adding is one array store; finished tasks are swept
 * out when the array fills, and it doubles only if more than half survive, so the cost per task
 * stays constant and the array holds at most twice the live tasks.
 *
 * <p>Not thread-safe: each worker owns one; the scheduler guards the shared one with its lock.
 */
final class TaskRegistry {

    private RawTask<?>[] tasks = new RawTask<?>[64];
    private int size;

    void add(RawTask<?> task) {
        if (size == tasks.length) {
            sweep();
        }
        tasks[size++] = task;
    }

    private void sweep() {
        int live = 0;
        RawTask<?>[] a = tasks;
        for (int i = 0; i < size; i++) {
            RawTask<?> t = a[i];
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

    /**
     * Calls {@code action} for every task not yet finished, then forgets them all.
     *
     * @return whether {@code action} returned true for any task
     */
    boolean drain(Predicate<RawTask<?>> action) {
        RawTask<?>[] a = tasks;
        int n = size;
        tasks = new RawTask<?>[16];
        size = 0;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (!a[i].isFinished()) {
                any |= action.test(a[i]);
            }
        }
        return any;
    }
}

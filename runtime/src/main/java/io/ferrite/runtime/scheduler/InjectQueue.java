package io.ferrite.runtime.scheduler;

import java.util.ArrayDeque;

/**
 * The global injection queue: tasks scheduled from outside the workers and the overflow of full
 * local queues. A FIFO array under a lock; overflow arrives in batches and workers take batches,
 * so the lock is paid once per batch, not per task. An array rather than a list threaded through
 * the tasks keeps tasks smaller and lets the garbage collector scan a long queue in parallel.
 */
final class InjectQueue {

    private final ArrayDeque<RawTask<?>> tasks = new ArrayDeque<>();
    /** Written under the lock; read without it as a cheap emptiness check. */
    private volatile int size;

    synchronized void push(RawTask<?> task) {
        tasks.addLast(task);
        size = tasks.size();
    }

    /** Appends {@code n} tasks of the ring {@code slots} from index {@code from} (masked), then {@code last}. */
    synchronized void pushBatch(RawTask<?>[] slots, int from, int n, int mask, RawTask<?> last) {
        for (int i = 0; i < n; i++) {
            tasks.addLast(slots[(from + i) & mask]);
        }
        tasks.addLast(last);
        size = tasks.size();
    }

    /** Takes one task, or null. */
    RawTask<?> pop() {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            RawTask<?> t = tasks.pollFirst();
            size = tasks.size();
            return t;
        }
    }

    /**
     * Takes one task to run now and moves up to a fair share of the rest into {@code local}
     * (the caller's own queue), or returns null if empty.
     */
    RawTask<?> popBatch(LocalQueue local, int workers) {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            RawTask<?> first = tasks.pollFirst();
            if (first == null) {
                return null;
            }
            int share = Math.min(Math.min(tasks.size() / workers + 1, local.room()), LocalQueue.CAPACITY / 2);
            for (int i = 0; i < share; i++) {
                RawTask<?> t = tasks.pollFirst();
                if (t == null) {
                    break;
                }
                local.pushFitting(t);
            }
            size = tasks.size();
            return first;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}

package io.ferrite.runtime.scheduler;

/**
 * The global injection queue: tasks scheduled from outside the workers and the overflow of full
 * local queues. An intrusive FIFO list (through {@link TaskCell#next}) under a lock; workers take
 * from it in batches so the lock is paid once per batch, not per task.
 */
final class InjectQueue {

    private RawTask<?> head;
    private RawTask<?> tail;
    /** Written under the lock; read without it as a cheap emptiness check. */
    private volatile int size;

    synchronized void push(RawTask<?> task) {
        task.next = null;
        if (tail == null) {
            head = task;
        } else {
            tail.next = task;
        }
        tail = task;
        size = size + 1;
    }

    /** Appends the chain {@code first..last} (already linked, {@code last.next == null}) of {@code n} tasks. */
    synchronized void pushBatch(RawTask<?> first, RawTask<?> last, int n) {
        if (tail == null) {
            head = first;
        } else {
            tail.next = first;
        }
        tail = last;
        size = size + n;
    }

    /** Takes one task, or null. */
    RawTask<?> pop() {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            RawTask<?> t = head;
            if (t == null) {
                return null;
            }
            unlinkHead(t);
            size = size - 1;
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
            RawTask<?> first = head;
            if (first == null) {
                return null;
            }
            unlinkHead(first);
            int n = size - 1;
            int share = Math.min(Math.min(n / workers + 1, local.room()), LocalQueue.CAPACITY / 2);
            int moved = 0;
            while (moved < share) {
                RawTask<?> t = head;
                if (t == null) {
                    break;
                }
                unlinkHead(t);
                local.pushFitting(t);
                moved++;
            }
            size = size - 1 - moved;
            return first;
        }
    }

    private void unlinkHead(RawTask<?> t) {
        @SuppressWarnings("unchecked")
        RawTask<?> nextTask = (RawTask<?>) t.next;
        head = nextTask;
        if (nextTask == null) {
            tail = null;
        }
        t.next = null;
    }

    /** Takes everything (for the shutdown sweep). */
    synchronized RawTask<?> drain() {
        RawTask<?> all = head;
        head = null;
        tail = null;
        size = 0;
        return all;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}

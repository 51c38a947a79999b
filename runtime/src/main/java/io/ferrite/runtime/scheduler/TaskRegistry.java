package io.ferrite.runtime.scheduler;

/**
 * The tasks that may still be alive and sit in no queue (suspended ones), so that shutdown can
 * find and cancel them: an intrusive doubly linked list threaded through the tasks themselves,
 * so registering allocates nothing. A task leaves it the moment it completes, so a finished
 * task (and its result) is garbage as soon as nobody holds its handle.
 *
 * <p>Each worker owns one, and a {@code LocalSet} another; a task registers on the worker that
 * first sees it suspend and unregisters on whichever thread completes it, so the list is
 * guarded by its own monitor. Both happen at most once per task, never per poll. A task knows
 * its registry without a field (see {@link TaskCell#registry()}), and is in it while it has a
 * neighbour or heads it.
 */
final class TaskRegistry {

    /** Guarded by this. */
    private TaskCell<?> head;
    /** Guarded by this. */
    private int size;

    /** Adds {@code task}, which is in no registry. */
    synchronized void add(TaskCell<?> task) {
        task.registryPrev = null;
        task.registryNext = head;
        if (head != null) {
            head.registryPrev = task;
        }
        head = task;
        size++;
    }

    /** Removes {@code task} if it is still here (it entered this registry, if any); harmless otherwise. */
    void remove(TaskCell<?> task) {
        synchronized (this) {
            if (task.registryPrev != null || task.registryNext != null || head == task) {
                unlink(task);
            }
        }
    }

    private void unlink(TaskCell<?> task) {
        TaskCell<?> p = task.registryPrev;
        TaskCell<?> n = task.registryNext;
        if (p != null) {
            p.registryNext = n;
        } else {
            head = n;
        }
        if (n != null) {
            n.registryPrev = p;
        }
        task.registryPrev = null;
        task.registryNext = null;
        size--;
    }

    /**
     * Takes out one task that shutdown may cancel now, claimed for the caller (its
     * {@link TaskCell#RUNNING} bit set, so no worker polls it meanwhile); finished tasks met on
     * the way are dropped, and tasks a worker is polling stay (that worker deals with them once
     * its poll returns).
     *
     * @return a claimed task, or null if none is left to claim
     */
    synchronized TaskCell<?> claimForShutdown() {
        TaskCell<?> t = head;
        while (t != null) {
            TaskCell<?> next = t.registryNext;
            int claimed = t.claim();
            if (claimed == TaskCell.CLAIMED || claimed == TaskCell.FINISHED) {
                unlink(t);
                if (claimed == TaskCell.CLAIMED) {
                    return t;
                }
            }
            t = next;
        }
        return null;
    }

    /** How many tasks are registered. */
    synchronized int size() {
        return size;
    }
}

package io.ferrite.runtime.scheduler;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;

/**
 * The tasks that may still be alive and sit in no queue (suspended ones), so that shutdown can
 * find and cancel them: a dense array, each task holding its own position in the bits of its
 * state from {@link TaskCell#INDEX_SHIFT} up, so a task needs no field for it (a task stays 32
 * bytes) and leaves in constant time. A task leaves the moment it completes: the last task moves
 * into its place, so a finished task (and its result) is garbage as soon as nobody holds its
 * handle, and the array never holds more than the live tasks (it shrinks when a quarter is used).
 *
 * <p>Each worker owns one, and a {@code LocalSet} another; a task registers on the worker that
 * first sees it suspend and unregisters on whichever thread completes it, so the array is guarded
 * by this object's monitor. Both happen at most once per task, never per poll. The index bits are
 * written only under that monitor (a task's other state bits change meanwhile, so by CAS).
 *
 * <p>The index bits also name the registry: the low {@code shardBits} of them are the owner's
 * number (a worker's index), the rest the position. Positions past what those bits can hold
 * (tens of millions for a few workers) go to an overflow set, marked by the all-ones position.
 */
final class TaskRegistry {

    private final int shard;
    private final int shardBits;
    /** All-ones position: the task is in {@link #overflow}. */
    private final int overflowPosition;

    /** Guarded by this. */
    private TaskCell<?>[] tasks = new TaskCell<?>[64];
    /** Guarded by this. */
    private int size;
    /** Guarded by this; made when first needed. */
    private Set<TaskCell<?>> overflow;

    /**
     * A registry whose tasks carry {@code shard} in the low {@code shardBits} of their index.
     */
    TaskRegistry(int shard, int shardBits) {
        this.shard = shard;
        this.shardBits = shardBits;
        this.overflowPosition = (1 << (TaskCell.INDEX_BITS - shardBits)) - 1;
    }

    /** How many bits name the registry among {@code n} of them. */
    static int bitsFor(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** The registry number stored in task state {@code s}, for registries of {@code shardBits}. */
    static int shardOf(int s, int shardBits) {
        return (s >>> TaskCell.INDEX_SHIFT) & ((1 << shardBits) - 1);
    }

    /** Adds {@code task}, which is in no registry, and writes its index into its state. */
    synchronized void add(TaskCell<?> task) {
        if (size == overflowPosition) {
            if (overflow == null) {
                overflow = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            overflow.add(task);
            setPosition(task, overflowPosition);
            return;
        }
        if (size == tasks.length) {
            tasks = Arrays.copyOf(tasks, Math.min(tasks.length * 2, overflowPosition));
        }
        tasks[size] = task;
        setPosition(task, size);
        size++;
    }

    private void setPosition(TaskCell<?> task, int position) {
        task.setIndexBits((position << shardBits) | shard);
    }

    private int positionOf(TaskCell<?> task) {
        return (task.state >>> TaskCell.INDEX_SHIFT) >>> shardBits;
    }

    /** Removes {@code task} if it is still here; harmless otherwise. */
    synchronized void remove(TaskCell<?> task) {
        int p = positionOf(task);
        if (p == overflowPosition) {
            if (overflow != null) {
                overflow.remove(task);
            }
        } else if (p < size && tasks[p] == task) {
            removeAt(p);
        }
    }

    /** Moves the last task into position {@code p}. Lock held. */
    private void removeAt(int p) {
        int last = --size;
        TaskCell<?> moved = tasks[last];
        tasks[last] = null;
        if (p != last) {
            tasks[p] = moved;
            setPosition(moved, p);
        }
        if (size < tasks.length / 4 && tasks.length > 64) {
            tasks = Arrays.copyOf(tasks, tasks.length / 2);
        }
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
        for (int i = size - 1; i >= 0; i--) {
            TaskCell<?> t = tasks[i];
            int claimed = t.claim();
            if (claimed != TaskCell.BUSY) {
                removeAt(i);
                if (claimed == TaskCell.CLAIMED) {
                    return t;
                }
            }
        }
        if (overflow != null) {
            for (Iterator<TaskCell<?>> it = overflow.iterator(); it.hasNext(); ) {
                TaskCell<?> t = it.next();
                int claimed = t.claim();
                if (claimed != TaskCell.BUSY) {
                    it.remove();
                    if (claimed == TaskCell.CLAIMED) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    /** How many tasks are registered. */
    synchronized int size() {
        return size + (overflow == null ? 0 : overflow.size());
    }
}

package io.ferrite.internal.sync;

import io.ferrite.Context;
import io.ferrite.Waker;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One waker per child slot, for everything that polls several futures or streams in place on
 * one task: {@code Futures}' combinators ({@code join}, {@code tryJoin}, {@code select},
 * {@code mapConcurrent}) and the streams' {@code merge}, {@code buffered},
 * {@code bufferUnordered} and {@code forEachConcurrent}. A child's wake marks its slot and wakes
 * the task, and the next poll visits only the marked slots, so a wake costs what the woken child
 * costs however many children there are.
 *
 * <p><b>Not API.</b> Public only so that {@code io.ferrite} and {@code io.ferrite.stream} share
 * it; the runtime's module does not export this package.
 *
 * <p>A poller's round: {@link #setTask}, {@link #snapshot}, then {@link #next} from the slot the
 * round starts at until it returns -1 (it goes round past the last slot, so a rotating start
 * gives each child its turn first); {@link #putBack} what is left if the round ends early.
 *
 * <p>Invariant: a slot's mark is set from the moment its child may make progress until the
 * poller takes the mark in {@link #snapshot}; a mark already set means the task was already
 * woken for it, so a second wake of the same slot wakes nobody.
 *
 * <p>Thread safety: marks are set from any thread; the snapshot, the contexts and the task waker
 * belong to the polling task.
 */
public final class ChildWakers {

    private final int slots;
    private final AtomicLongArray marks;
    private final Context[] contexts;
    private volatile Waker task;

    /**
     * Creates the wakers of {@code slots} slots, none marked.
     *
     * @param slots how many children, at least 1
     */
    public ChildWakers(int slots) {
        this.slots = slots;
        this.marks = new AtomicLongArray((slots + 63) >>> 6);
        this.contexts = new Context[slots];
    }

    /**
     * A snapshot array sized for {@link #snapshot}.
     *
     * @return a new array, all clear
     */
    public long[] newSnapshot() {
        return new long[marks.length()];
    }

    /**
     * Records the waker of the polling task; called before the marks are read, so no wake in
     * between is lost.
     *
     * @param w the polling task's waker
     */
    public void setTask(Waker w) {
        if (task != w) {
            task = w;
        }
    }

    /**
     * The context to poll slot {@code i}'s child with, made once per slot.
     *
     * @param i the slot
     * @return its context, whose waker marks the slot and wakes the task
     */
    public Context context(int i) {
        Context cx = contexts[i];
        if (cx == null) {
            cx = Context.of(() -> wake(i));
            contexts[i] = cx;
        }
        return cx;
    }

    /** Slot {@code i}'s waker: marks it, and wakes the task unless it was marked already. */
    private void wake(int i) {
        if (setMark(i)) {
            Waker t = task;
            if (t != null) {
                t.wake();
            }
        }
    }

    /**
     * Marks slot {@code i} for the poller's own next round (a new child, or one that may have
     * more), without waking the task.
     *
     * @param i the slot
     */
    public void mark(int i) {
        setMark(i);
    }

    private boolean setMark(int i) {
        int word = i >>> 6;
        long bit = 1L << i;
        while (true) {
            long bits = marks.get(word);
            if ((bits & bit) != 0) {
                return false;
            }
            if (marks.compareAndSet(word, bits, bits | bit)) {
                return true;
            }
        }
    }

    /**
     * Takes every mark into {@code snap}.
     *
     * @param snap an array from {@link #newSnapshot()}
     */
    public void snapshot(long[] snap) {
        for (int k = 0; k < snap.length; k++) {
            snap[k] = marks.get(k) == 0 ? 0 : marks.getAndSet(k, 0);
        }
    }

    /**
     * Gives back the marks of {@code snap} not visited yet, when a round ends early.
     *
     * @param snap the round's snapshot; cleared
     */
    public void putBack(long[] snap) {
        for (int k = 0; k < snap.length; k++) {
            long bits = snap[k];
            if (bits != 0) {
                snap[k] = 0;
                while (true) {
                    long cur = marks.get(k);
                    if (marks.compareAndSet(k, cur, cur | bits)) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Takes the first marked slot of {@code snap} at or after {@code from}, going round past the
     * last slot to the first; -1 when none is left.
     *
     * @param snap the round's snapshot; the slot returned is cleared in it
     * @param from the slot the round started at, from 0 to {@code slots - 1}
     * @return the slot, or -1
     */
    public int next(long[] snap, int from) {
        int words = snap.length;
        int w = from >>> 6;
        long first = snap[w] & (-1L << (from & 63));
        for (int k = 0; k <= words; k++) {
            int word = (w + k) % words;
            long bits = k == 0 ? first : snap[word];
            if (k == words) {
                bits = snap[w];   // the low part of the first word, visited last
            }
            if (bits != 0) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                snap[word] &= ~(1L << i);
                return i < slots ? i : -1;
            }
        }
        return -1;
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Waker;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One waker per child slot, for the streams that poll several futures or streams in place
 * ({@code merge}, {@code buffered}, {@code bufferUnordered}, {@code forEachConcurrent}): a
 * child's wake marks its slot and wakes the task, and the next poll visits only the marked
 * slots, so a wake costs what the woken child costs however many children there are.
 *
 * <p>Invariant: a slot's mark is set from the moment its child may make progress until the
 * poller takes the mark in {@link #snapshot}; a mark already set means the task was already
 * woken for it, so a second wake of the same slot wakes nobody.
 *
 * <p>Thread safety: marks are set from any thread; the snapshot, the contexts and the task waker
 * belong to the polling task.
 */
final class ChildWakers {

    private final int slots;
    private final AtomicLongArray marks;
    private final Context[] contexts;
    private volatile Waker task;

    ChildWakers(int slots) {
        this.slots = slots;
        this.marks = new AtomicLongArray((slots + 63) >>> 6);
        this.contexts = new Context[slots];
    }

    /** A snapshot array sized for {@link #snapshot}. */
    long[] newSnapshot() {
        return new long[marks.length()];
    }

    /** Records the waker of the polling task; called before the marks are read, so no wake in between is lost. */
    void setTask(Waker w) {
        if (task != w) {
            task = w;
        }
    }

    /** The context to poll slot {@code i}'s child with. */
    Context context(int i) {
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

    /** Marks slot {@code i} for the poller's own next round (a new child, or one that may have more). */
    void mark(int i) {
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

    /** Takes every mark into {@code snap}. */
    void snapshot(long[] snap) {
        for (int k = 0; k < snap.length; k++) {
            snap[k] = marks.get(k) == 0 ? 0 : marks.getAndSet(k, 0);
        }
    }

    /** Gives back the marks of {@code snap} not visited yet, when a round ends early. */
    void putBack(long[] snap) {
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
     */
    int next(long[] snap, int from) {
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

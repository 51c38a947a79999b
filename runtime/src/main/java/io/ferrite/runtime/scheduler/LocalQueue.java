package io.ferrite.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's run queue: a fixed ring that its owner pushes to and pops from (FIFO) and that
 * other workers steal half of, as in Go's and Tokio's schedulers.
 *
 * <p>{@code tail} is written only by the owner (release); {@code head} moves only by CAS, by
 * the owner popping or a thief claiming a batch. A thief copies the batch first and then CASes
 * {@code head}; if the CAS fails the copies are discarded. The owner never writes a slot between
 * {@code head} and {@code tail}, so a successful CAS proves the copies were current. When full,
 * the owner moves half of the ring to the injection queue in one batch.
 *
 * <p>The ring must not keep a task alive after it left: the owner clears a slot when it pops it
 * or moves it on overflow, and clears the slots thieves took when it finds the queue empty.
 * Clearing a slot behind {@code head} is safe: a thief that still reads it read an old
 * {@code head}, and its CAS fails.
 */
final class LocalQueue extends LocalQueueTail {

    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(RawTask[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueueHead.class, "head", int.class);
            TAIL = l.findVarHandle(LocalQueueTail.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RawTask<?>[] slots = new RawTask<?>[CAPACITY];
    /** Owner only: every slot before this position is cleared. */
    private int cleared;

    /** Owner only: appends {@code task}, overflowing half of the ring into {@code inject}. */
    void push(RawTask<?> task, InjectQueue inject) {
        while (true) {
            int t = (int) TAIL.get(this);
            int h = (int) HEAD.getAcquire(this);
            if (t - h < CAPACITY) {
                SLOTS.set(slots, t & MASK, task);
                TAIL.setRelease(this, t + 1);
                return;
            }
            if (overflow(h, task, inject)) {
                return;
            }
            // A thief took some: there is room now.
        }
    }

    /** Claims the older half of a full ring and hands it, with {@code task}, to the injection queue. */
    private boolean overflow(int h, RawTask<?> task, InjectQueue inject) {
        int n = CAPACITY / 2;
        if (!HEAD.compareAndSet(this, h, h + n)) {
            return false;
        }
        // The claimed slots stay untouched until the owner (this thread) pushes again.
        inject.pushBatch(slots, h, n, MASK, task);
        for (int i = h; i != h + n; i++) {
            slots[i & MASK] = null;
        }
        if (cleared == h) {
            cleared = h + n;
        }
        return true;
    }

    /** Owner only: takes the oldest task, or null. */
    RawTask<?> pop() {
        while (true) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.get(this);
            if (h == t) {
                clearBehind(h);
                return null;
            }
            RawTask<?> task = (RawTask<?>) SLOTS.get(slots, h & MASK);
            if (HEAD.compareAndSet(this, h, h + 1)) {
                slots[h & MASK] = null;
                if (cleared == h) {
                    cleared = h + 1;
                }
                return task;
            }
        }
    }

    /** Owner only, with the queue empty at {@code head}: clears the slots thieves took. */
    private void clearBehind(int head) {
        int from = cleared;
        if (from == head) {
            return;
        }
        if (head - from > CAPACITY) {
            from = head - CAPACITY;
        }
        for (int i = from; i != head; i++) {
            slots[i & MASK] = null;
        }
        cleared = head;
    }

    /**
     * Thief: moves half of this queue's tasks into {@code dst} (the thief's own, empty queue) and
     * returns one more to run at once; null if there was nothing to steal.
     */
    RawTask<?> stealInto(LocalQueue dst, Worker thief) {
        int dstTail = (int) TAIL.get(dst);
        while (true) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            int available = t - h;
            if (available <= 0) {
                return null;
            }
            int n = available - available / 2;
            if (n > CAPACITY / 2) {
                continue;  // read head and tail at different moments: try again
            }
            for (int i = 0; i < n - 1; i++) {
                SLOTS.set(dst.slots, (dstTail + i) & MASK, SLOTS.get(slots, (h + i) & MASK));
            }
            RawTask<?> last = (RawTask<?>) SLOTS.get(slots, (h + n - 1) & MASK);
            if (HEAD.compareAndSet(this, h, h + n)) {
                if (n > 1) {
                    TAIL.setRelease(dst, dstTail + n - 1);
                }
                thief.stolen(n);
                return last;
            }
        }
    }

    /** Owner only: how many tasks fit before the ring is full. */
    int room() {
        return CAPACITY - ((int) TAIL.get(this) - (int) HEAD.getAcquire(this));
    }

    /** Owner only: appends a task known to fit (see {@link #room()}). */
    void pushFitting(RawTask<?> task) {
        int t = (int) TAIL.get(this);
        SLOTS.set(slots, t & MASK, task);
        TAIL.setRelease(this, t + 1);
    }

    /** Any thread: how many tasks are queued (a racy estimate). */
    int size() {
        int n = (int) TAIL.getAcquire(this) - (int) HEAD.getAcquire(this);
        return Math.max(0, Math.min(n, CAPACITY));
    }

    boolean isEmpty() {
        return (int) TAIL.getAcquire(this) == (int) HEAD.getAcquire(this);
    }
}

/** {@code head}, written by the owner and by thieves, on a cache line of its own. */
abstract class LocalQueueHead {
    volatile int head;
}

/** Keeps {@code head} and {@code tail} on different cache lines (superclass fields come first). */
abstract class LocalQueuePad extends LocalQueueHead {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** {@code tail}, written only by the owner. */
abstract class LocalQueueTail extends LocalQueuePad {
    long p11, p12, p13, p14, p15, p16, p17, p18;
    volatile int tail;
}

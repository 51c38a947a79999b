package io.ferrite;

import io.ferrite.internal.AsyncSupport;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The engine under {@link Futures}' combinators: polls a fixed number of child slots in place,
 * on the task that polls the group. Each slot has its own waker, which marks the slot in
 * {@link #woken} and wakes the task; a poll then polls only the marked slots. Subclasses
 * ({@link JoinGroup}, {@link SelectGroup}, {@link BufferedGroup}) decide what a child's outcome
 * means and where a round starts.
 */
abstract class FutureGroup<R> implements Future<R> {

    /** The child in each slot; null once it finished or when the slot is empty. */
    final Future<?>[] children;
    /** One bit per slot: woken since the last poll. Set by any thread, cleared by the poller. */
    private final AtomicLongArray woken;
    private final long[] snapshot;
    private final Context[] contexts;
    private volatile Waker task;
    /** Where the next round starts; see {@link #firstSlot()}. */
    private int start;
    private boolean finished;

    FutureGroup(int slots) {
        children = new Future<?>[slots];
        contexts = new Context[slots];
        int words = (slots + 63) >>> 6;
        woken = new AtomicLongArray(words);
        snapshot = new long[words];
        for (int i = 0; i < words; i++) {
            int bits = Math.min(64, slots - (i << 6));
            woken.set(i, bits == 64 ? -1L : (1L << bits) - 1);
        }
    }

    /**
     * Handles the woken child in slot {@code i} (non-null): usually polls it.
     *
     * @return a poll to complete the group with, or null to go on
     */
    abstract Poll<R> pollChild(int i);

    /**
     * Called after the woken children were handled.
     *
     * @return a poll to complete the group with, or null to stay pending
     */
    abstract Poll<R> afterRound();

    /** Called at the start of every poll, before the woken children are polled. */
    void beforeRound() {
    }

    /**
     * The slot this poll's round starts at. It moves on by one slot per poll, as Tokio's
     * {@code join!} and fair {@code select!} do: a child that keeps spending the task's whole
     * cooperative budget would otherwise leave nothing for the children after it, poll after
     * poll. A biased select overrides this to start at 0.
     */
    int firstSlot() {
        int n = children.length;
        if (n == 0) {
            return 0;
        }
        int s = start;
        start = s + 1 == n ? 0 : s + 1;
        return s;
    }

    /** Makes the next round start at {@code slot}. */
    final void startAt(int slot) {
        start = slot;
    }

    final <T> Poll<T> pollSlot(int i) {
        @SuppressWarnings("unchecked")
        Future<T> child = (Future<T>) children[i];
        Context cx = contexts[i];
        if (cx == null) {
            int slot = i;
            cx = Context.of(() -> wakeSlot(slot));
            contexts[i] = cx;
        }
        return child.poll(cx);
    }

    /** Marks slot {@code i} to be polled on the next round of this poll or the next. */
    final void wakeSlot(int i) {
        int word = i >>> 6;
        long bit = 1L << i;
        while (true) {
            long bits = woken.get(word);
            if ((bits & bit) != 0) {
                return;   // already marked: the task was woken then
            }
            if (woken.compareAndSet(word, bits, bits | bit)) {
                break;
            }
        }
        Waker t = task;
        if (t != null) {
            t.wake();
        }
    }

    @Override
    public final Poll<R> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException(describe() + " was polled after it completed");
        }
        Waker w = cx.waker();
        if (task != w) {
            task = w;   // before reading the marks, so a wake in between reaches this waker
        }
        Poll<R> result;
        try {
            beforeRound();
            result = round();
            if (result == null) {
                result = afterRound();
            }
        } catch (Throwable failure) {
            finished = true;
            Throwable cleanup = cancelChildren(null);
            if (cleanup != null && cleanup != failure) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        if (result == null) {
            return Poll.pending();
        }
        finished = true;
        Throwable cleanup = cancelChildren(null);
        if (cleanup != null) {
            throw AsyncSupport.sneaky(cleanup);
        }
        return result;
    }

    /** Polls the marked slots: those at or after firstSlot() in order, then those before. */
    private Poll<R> round() {
        int words = snapshot.length;
        for (int k = 0; k < words; k++) {
            snapshot[k] = woken.get(k) == 0 ? 0 : woken.getAndSet(k, 0);
        }
        int start = firstSlot();
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < words; k++) {
                long bits = snapshot[k];
                int base = k << 6;
                long mask = maskFrom(start - base);
                long selected = pass == 0 ? bits & mask : bits & ~mask;
                while (selected != 0) {
                    int i = base + Long.numberOfTrailingZeros(selected);
                    selected &= selected - 1;
                    if (children[i] != null) {
                        Poll<R> r;
                        try {
                            r = pollChild(i);
                        } catch (Throwable failure) {
                            children[i] = null;   // a failed child is finished: not cancelled
                            throw failure;
                        }
                        if (r != null) {
                            return r;
                        }
                    }
                }
            }
            if (start == 0) {
                break;
            }
        }
        return null;
    }

    /** Bits for slot offsets >= {@code from} within one word. */
    private static long maskFrom(int from) {
        return from <= 0 ? -1L : from >= 64 ? 0L : -1L << from;
    }

    /** Cancels every child still in a slot; returns the first exception a cancel threw. */
    Throwable cancelChildren(Throwable failure) {
        for (int i = 0; i < children.length; i++) {
            Future<?> child = children[i];
            if (child != null) {
                children[i] = null;
                failure = cancelQuietly(child, failure);
            }
        }
        return failure;
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        Throwable failure = cancelChildren(null);
        if (failure != null) {
            throw AsyncSupport.sneaky(failure);
        }
    }

    abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    /** Cancels {@code future}; an exception it throws is returned, or added to {@code failure} as suppressed. */
    static Throwable cancelQuietly(Future<?> future, Throwable failure) {
        try {
            future.cancel();
        } catch (Throwable t) {
            if (failure == null) {
                return t;
            }
            failure.addSuppressed(t);
        }
        return failure;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> listOf(Object[] values) {
        return (List<T>) Collections.unmodifiableList(Arrays.asList(values));
    }
}

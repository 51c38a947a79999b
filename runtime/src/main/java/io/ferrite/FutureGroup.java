package io.ferrite;

import io.ferrite.internal.AsyncSupport;
import io.ferrite.internal.sync.ChildWakers;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The engine under {@link Futures}' combinators: polls a fixed number of child slots in place,
 * on the task that polls the group. Each slot has its own waker (the {@link ChildWakers} the
 * streams' {@code merge} and {@code buffered} use too), which marks the slot and wakes the task;
 * a poll then polls only the marked slots. Subclasses ({@link JoinGroup}, {@link SelectGroup},
 * {@link BufferedGroup}) decide what a child's outcome means and where a round starts.
 */
abstract class FutureGroup<R> implements Future<R> {

    /** The child in each slot; null once it finished or when the slot is empty. */
    final Future<?>[] children;
    /** Every slot starts marked, so the first poll polls each child once. */
    private final ChildWakers wakers;
    private final long[] snapshot;
    /** Where the next round starts; see {@link #firstSlot()}. */
    private int start;
    private boolean finished;

    FutureGroup(int slots) {
        children = new Future<?>[slots];
        wakers = new ChildWakers(Math.max(1, slots));
        snapshot = wakers.newSnapshot();
        for (int i = 0; i < slots; i++) {
            wakers.mark(i);
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
        return child.poll(wakers.context(i));
    }

    @Override
    public final Poll<R> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException(describe() + " was polled after it completed");
        }
        wakers.setTask(cx.waker());
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

    /**
     * Polls the marked slots, from firstSlot() round to the one before it. A round that ends
     * early completes the group, so the marks it did not visit are not needed again.
     */
    private Poll<R> round() {
        wakers.snapshot(snapshot);
        int from = firstSlot();
        int i;
        while ((i = wakers.next(snapshot, from)) >= 0) {
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
        return null;
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

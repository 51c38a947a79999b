package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.internal.sync.ChildWakers;
import java.util.function.Function;

/**
 * The engine of {@code buffered(n)}, {@code bufferUnordered(n)} and {@code forEachConcurrent(n)}:
 * up to {@code n} futures, made from the upstream's items, polled in place on the consuming
 * task, each in a slot with its own waker ({@link ChildWakers}).
 *
 * <p>Each poll first takes items from the upstream while fewer than {@code n} slots are busy,
 * then polls the slots that were woken. Unordered, the first result found is handed out at once
 * and its slot is refilled on the next poll. Ordered, slots form a ring in start order, results
 * wait in their slot, and only the oldest slot's result is handed out; a slot stays busy until
 * then, so at most {@code n} futures exist at any time in both modes.
 *
 * <p>The first failure (of the upstream, of the mapping function, or of a future) cancels every
 * future in flight and the upstream, and is thrown; the stream is fused after it.
 */
final class BufferedStream<T, R> extends Stage<T, R> {

    /** What a {@code discard} engine hands out per finished future (forEachConcurrent counts nothing). */
    static final Object FINISHED = new Object() {
        @Override
        public String toString() {
            return "finished";
        }
    };

    private final int limit;
    private final boolean ordered;
    /** Maps an item to its future; null when the items are the futures. */
    private final Function<? super T, ? extends Future<? extends R>> mapper;
    /** Results are not items (forEachConcurrent): null results are fine and {@link #FINISHED} is handed out. */
    private final boolean discard;
    private final Future<?>[] slots;
    private final ChildWakers wakers;
    private final long[] snap;
    /** Unordered: the free slots, a stack. */
    private final int[] free;
    private int freeCount;
    /** Ordered: results waiting for their turn, by slot; sequence numbers of the oldest and next slot. */
    private final Object[] results;
    private long head;
    private long tail;
    private int busy;
    private boolean upstreamDone;

    BufferedStream(AsyncStream<T> upstream, int limit, boolean ordered,
            Function<? super T, ? extends Future<? extends R>> mapper, boolean discard) {
        super(upstream);
        this.limit = limit;
        this.ordered = ordered;
        this.mapper = mapper;
        this.discard = discard;
        this.slots = new Future<?>[limit];
        this.wakers = new ChildWakers(limit);
        this.snap = wakers.newSnapshot();
        if (ordered) {
            this.results = new Object[limit];
            this.free = null;
        } else {
            this.results = null;
            this.free = new int[limit];
            for (int i = 0; i < limit; i++) {
                free[i] = limit - 1 - i;
            }
            this.freeCount = limit;
        }
    }

    @Override
    boolean isSync() {
        return false;
    }

    /** How many futures are in flight now (a test hook, and for toString). */
    int inFlight() {
        int n = 0;
        for (Future<?> f : slots) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        wakers.setTask(cx.waker());
        try {
            fill(cx);
            wakers.snapshot(snap);
            int i;
            while ((i = wakers.next(snap, 0)) >= 0) {
                Future<?> f = slots[i];
                if (f == null) {
                    continue;
                }
                Poll<?> p = f.poll(wakers.context(i));
                if (p.isPending()) {
                    continue;
                }
                slots[i] = null;
                Object v = p.value();
                if (v == null) {
                    if (!discard) {
                        throw new NullPointerException(this + ": a future completed with null, but stream items are"
                                + " never null (null means the end of the stream)");
                    }
                    v = FINISHED;
                }
                if (ordered) {
                    results[i] = v;
                } else {
                    busy--;
                    free[freeCount++] = i;
                    wakers.putBack(snap);
                    return Poll.ready((R) v);
                }
            }
            if (ordered && head < tail) {
                int h = (int) (head % limit);
                Object v = results[h];
                if (v != null) {
                    results[h] = null;
                    head++;
                    busy--;
                    return Poll.ready((R) v);
                }
            }
            if (upstreamDone && busy == 0) {
                done = true;
                return end();
            }
            return Poll.pending();
        } catch (Throwable t) {
            cancelSlots(t);
            throw fail(t);
        }
    }

    /** Starts futures for upstream items while a slot is free. */
    @SuppressWarnings("unchecked")
    private void fill(Context cx) {
        while (!upstreamDone && busy < limit) {
            Poll<T> p = upstream.pollNext(cx);
            if (p.isPending()) {
                return;
            }
            T item = p.value();
            if (item == null) {
                upstreamDone = true;
                return;
            }
            Future<?> f;
            if (mapper != null) {
                f = mapper.apply(item);
                if (f == null) {
                    throw new NullPointerException(this + ": the function returned null instead of a future for item "
                            + item);
                }
            } else if (item instanceof Future<?> g) {
                f = g;
            } else {
                throw new ClassCastException(this + ": the item " + item + " (" + item.getClass().getName() + ") is not"
                        + " an io.ferrite.Future; buffered(n) and bufferUnordered(n) need a stream of futures (or pass"
                        + " the function that makes them: bufferUnordered(n, item -> fetch(item)))");
            }
            int slot = ordered ? (int) (tail++ % limit) : free[--freeCount];
            slots[slot] = f;
            busy++;
            wakers.mark(slot);
        }
    }

    /** Cancels the futures in flight on a failure path. */
    private void cancelSlots(Throwable failure) {
        for (int i = 0; i < slots.length; i++) {
            Future<?> f = slots[i];
            if (f != null) {
                slots[i] = null;
                cancelAfter(f, failure);
            }
        }
        busy = 0;
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        Throwable failure = null;
        for (int i = 0; i < slots.length; i++) {
            Future<?> f = slots[i];
            if (f != null) {
                slots[i] = null;
                failure = cancelCollecting(f, failure);
            }
        }
        busy = 0;
        try {
            stop();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            } else {
                failure.addSuppressed(t);
            }
        }
        if (failure != null) {
            throw AsyncSupport.sneaky(failure);
        }
    }

    @Override
    String operation() {
        return (discard ? "forEachConcurrent(" : ordered ? "buffered(" : "bufferUnordered(") + limit + ")";
    }
}

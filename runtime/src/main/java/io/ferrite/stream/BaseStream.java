package io.ferrite.stream;

import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * The base of Ferrite's own streams: the end value that fuses them, and the synchronous path.
 *
 * <h2>The synchronous path</h2>
 * A stream whose items never wait (a range, an array, an iterable, and {@code map},
 * {@code filter}, {@code take}... over such a stream) reports {@link #isSync()}. A terminal
 * operation over it then calls {@link #drain(Sink, int)} instead of {@code pollNext}: the source
 * pushes its items through each stage's sink in a plain loop, as a {@code Spliterator}'s
 * {@code forEachRemaining} does, so no {@code Poll} is made per item and the JIT sees one loop.
 * Both paths read and write the same state, so a stream may be polled for a while and then
 * drained.
 *
 * <p>Invariants every subclass keeps: once {@code pollNext} returned the end or threw, it
 * returns {@code Poll.ready(null)} for good (the stream is fused), and so does {@code drain}
 * ({@link #END}); a stage that stops polling its upstream before the upstream's end cancels it.
 *
 * @param <T> the item type
 */
abstract class BaseStream<T> implements AsyncStream<T> {

    /** {@link #drain} outcome: {@code limit} source items were taken; more may follow. */
    static final int MORE = 0;
    /** {@link #drain} outcome: the stream ended; it is fused from now on. */
    static final int END = 1;
    /** {@link #drain} outcome: the sink returned false; the stream has not ended. */
    static final int STOPPED = 2;

    private static final Poll<Object> END_POLL = Poll.ready(null);

    /**
     * Whether {@link #drain} may be called: every item of this stream is available without
     * waiting, now and later. Fixed for the life of the stream.
     *
     * @return true for a synchronous stream
     */
    boolean isSync() {
        return false;
    }

    /**
     * Pushes items into {@code sink} until {@code limit} items were taken from the source, the
     * stream ends, or the sink returns false. Only called when {@link #isSync()}; a failure is
     * thrown, and leaves the stream fused.
     *
     * @param sink  where the items go
     * @param limit how many source items to take at most, so a terminal can spend its task's
     *              budget between calls even when a filter drops every item
     * @return {@link #MORE}, {@link #END} or {@link #STOPPED}
     */
    int drain(Sink<? super T> sink, int limit) {
        throw new UnsupportedOperationException(this + " is not synchronous");
    }

    /** Whether {@code s} is one of ours and synchronous. */
    static boolean isSync(AsyncStream<?> s) {
        return s instanceof BaseStream<?> b && b.isSync();
    }

    /** The end of a stream: the shared {@code Poll.ready(null)}. */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> end() {
        return (Poll<T>) END_POLL;
    }

    /**
     * Cancels {@code s} on a failure path: an exception from its cancel is attached to
     * {@code failure} as suppressed, so the failure itself is what the caller sees.
     */
    static void cancelAfter(AsyncStream<?> s, Throwable failure) {
        try {
            s.cancel();
        } catch (Throwable t) {
            if (t != failure) {
                failure.addSuppressed(t);
            }
        }
    }

    /** As {@link #cancelAfter(AsyncStream, Throwable)}, for a future. */
    static void cancelAfter(Future<?> f, Throwable failure) {
        try {
            f.cancel();
        } catch (Throwable t) {
            if (t != failure) {
                failure.addSuppressed(t);
            }
        }
    }

    /**
     * Cancels {@code what} (a stream or a future) on a path that goes on cancelling others: returns
     * {@code failure}, or the cancel's exception if there was none yet (later ones are attached
     * to the first as suppressed).
     */
    static Throwable cancelCollecting(Object what, Throwable failure) {
        try {
            if (what instanceof AsyncStream<?> s) {
                s.cancel();
            } else {
                ((Future<?>) what).cancel();
            }
        } catch (Throwable t) {
            if (failure == null) {
                return t;
            }
            if (t != failure) {
                failure.addSuppressed(t);
            }
        }
        return failure;
    }

    /**
     * The error for a null where an item was due: names the stream, what gave the null, and the
     * item it was given for.
     */
    static NullPointerException nullItem(Object stream, String what, Object input) {
        return new NullPointerException(stream + ": " + what + " returned null" + (input == null ? "" : " for item "
                + input) + ", but stream items are never null (null means the end of the stream): return a non-null"
                + " item, or use filterMap to drop items");
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;

/**
 * A stream made from one upstream stream: holds the upstream, the end flag, and the rules for
 * failing and stopping that every such stage follows.
 *
 * <p>Any failure (thrown by the upstream, or by this stage's own function) ends the stage: it
 * becomes fused and cancels its upstream, which is harmless for an upstream that already failed.
 * A stage that stops before its upstream's end ({@code take}, {@code takeWhile}) cancels the
 * upstream at once, so what the upstream holds is released when the last item is handed out.
 *
 * <p>Most stages only say what one item does: {@link #onItem} on the polling path, and
 * {@link #sink} on the synchronous path, and this class runs the loops around them. Stages that
 * wait on something of their own (a future, a timer, an inner stream) override
 * {@link #pollNext} instead.
 *
 * @param <T> the upstream's item type
 * @param <R> this stream's item type
 */
abstract class Stage<T, R> extends BaseStream<R> {

    final AsyncStream<T> upstream;
    /** Ended, failed or cancelled: every later poll returns the end. */
    boolean done;

    /** The downstream sink {@link #wrapped} was made for; the synchronous path passes the same one each time. */
    private Sink<? super R> wrappedFor;
    private Sink<T> wrapped;

    Stage(AsyncStream<T> upstream) {
        this.upstream = upstream;
    }

    /**
     * What one upstream item does on the polling path.
     *
     * @param item the item, never null
     * @param p    the poll that carried it, to hand on as is when the item passes unchanged
     * @return the poll to return, {@link #end()} to end here (after {@link #stop()}), or null to
     *         drop the item and pull the next one
     */
    Poll<R> onItem(T item, Poll<T> p) {
        throw new UnsupportedOperationException(this + " overrides pollNext");
    }

    /**
     * This stage's sink around {@code down} for the synchronous path; made once per downstream
     * sink, so a drain allocates nothing per item or per chunk.
     */
    Sink<T> sink(Sink<? super R> down) {
        throw new UnsupportedOperationException(this + " is not synchronous");
    }

    /** Pulls upstream items through {@link #onItem} until one comes out, the upstream waits, or it ends. */
    @Override
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            while (true) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                T item = p.value();
                if (item == null) {
                    done = true;
                    return end();
                }
                Poll<R> r = onItem(item, p);
                if (r != null) {
                    return r;
                }
            }
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    /** Drains the upstream through this stage's {@link #sink}. */
    @Override
    int drain(Sink<? super R> down, int limit) {
        if (done) {
            return END;
        }
        if (wrappedFor != down) {
            wrappedFor = down;
            wrapped = sink(down);
        }
        return drainUpstream(wrapped, limit);
    }

    /** Ends this stage after {@code failure} and cancels the upstream; returns nothing, always throws. */
    final RuntimeException fail(Throwable failure) {
        if (!done) {
            done = true;
            cancelAfter(upstream, failure);
        }
        throw AsyncSupport.sneaky(failure);
    }

    /** Ends this stage before the upstream's end: the upstream is cancelled. */
    final void stop() {
        if (!done) {
            done = true;
            upstream.cancel();
        }
    }

    /**
     * Drains the upstream into {@code sink} (this stage's wrapper around its own sink); keeps
     * this stage's end in step with the upstream's, and fails as {@link #fail} does.
     */
    final int drainUpstream(Sink<? super T> sink, int limit) {
        int r;
        try {
            r = ((BaseStream<T>) upstream).drain(sink, limit);
        } catch (Throwable t) {
            throw fail(t);
        }
        if (r == END) {
            done = true;
        }
        return r;
    }

    /** Synchronous when the upstream is; stages that wait on something of their own override this. */
    @Override
    boolean isSync() {
        return isSync(upstream);
    }

    @Override
    public void cancel() {
        stop();
    }

    /** The name of this stage's operation, for {@link #toString()}: {@code "map(...)"}. */
    abstract String operation();

    @Override
    public String toString() {
        return upstream + "." + operation();
    }
}

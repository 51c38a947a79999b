package io.ferrite.stream;

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
 * @param <T> the upstream's item type
 * @param <R> this stream's item type
 */
abstract class Stage<T, R> extends BaseStream<R> {

    final AsyncStream<T> upstream;
    /** Ended, failed or cancelled: every later poll returns the end. */
    boolean done;

    Stage(AsyncStream<T> upstream) {
        this.upstream = upstream;
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

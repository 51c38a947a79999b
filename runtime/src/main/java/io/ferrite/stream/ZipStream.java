package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.function.BiFunction;

/**
 * {@link AsyncStream#zip(AsyncStream, BiFunction)}: pairs the two streams' items in order. Both
 * are polled on every poll until each has an item ready, so they wait at the same time; the zip
 * ends when either ends, and the other is cancelled then.
 */
final class ZipStream<A, B, R> extends BaseStream<R> {

    private final AsyncStream<A> left;
    private final AsyncStream<B> right;
    private final BiFunction<? super A, ? super B, ? extends R> combiner;
    private A a;
    private B b;
    private boolean done;

    ZipStream(AsyncStream<A> left, AsyncStream<B> right, BiFunction<? super A, ? super B, ? extends R> combiner) {
        this.left = left;
        this.right = right;
        this.combiner = combiner;
    }

    @Override
    public Poll<R> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            if (a == null) {
                Poll<A> p = left.pollNext(cx);
                if (p.isReady()) {
                    a = p.value();
                    if (a == null) {
                        finish(right);
                        return end();
                    }
                }
            }
            if (b == null) {
                Poll<B> p = right.pollNext(cx);
                if (p.isReady()) {
                    b = p.value();
                    if (b == null) {
                        finish(left);
                        return end();
                    }
                }
            }
            if (a == null || b == null) {
                return Poll.pending();
            }
            A x = a;
            B y = b;
            a = null;
            b = null;
            R r = combiner.apply(x, y);
            if (r == null) {
                throw nullItem(this, "the combiner", x + ", " + y);
            }
            return Poll.ready(r);
        } catch (Throwable t) {
            if (!done) {
                done = true;
                a = null;
                b = null;
                cancelAfter(left, t);
                cancelAfter(right, t);
            }
            throw t;
        }
    }

    /** Ends the zip when one side ended: the other side is not needed any more. */
    private void finish(AsyncStream<?> other) {
        done = true;
        a = null;
        b = null;
        other.cancel();
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        a = null;
        b = null;
        try {
            left.cancel();
        } finally {
            right.cancel();
        }
    }

    @Override
    public String toString() {
        return left + ".zip(" + right + ")";
    }
}

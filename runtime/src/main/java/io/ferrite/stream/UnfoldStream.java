package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.function.Function;

/** {@link AsyncStream#unfold(Object, Function)}: a state stepped by an async function. */
final class UnfoldStream<S, T> extends BaseStream<T> {

    private final Function<? super S, ? extends Future<? extends Pair<? extends T, ? extends S>>> step;
    private S state;
    private Future<? extends Pair<? extends T, ? extends S>> current;
    private boolean done;

    UnfoldStream(S seed, Function<? super S, ? extends Future<? extends Pair<? extends T, ? extends S>>> step) {
        this.state = seed;
        this.step = step;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            Future<? extends Pair<? extends T, ? extends S>> f = current;
            if (f == null) {
                f = step.apply(state);
                if (f == null) {
                    throw new NullPointerException(this + ": the step function returned null instead of a future;"
                            + " return Future.ready(null) to end the stream");
                }
                current = f;
            }
            Poll<? extends Pair<? extends T, ? extends S>> p = f.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            current = null;
            Pair<? extends T, ? extends S> next = p.value();
            if (next == null) {
                finish();
                return end();
            }
            T item = next.first();
            if (item == null) {
                throw nullItem(this, "the step function's pair", null);
            }
            state = next.second();
            return Poll.ready(item);
        } catch (Throwable t) {
            current = null;
            finish();
            throw t;
        }
    }

    private void finish() {
        done = true;
        state = null;
    }

    @Override
    public void cancel() {
        Future<?> f = current;
        current = null;
        finish();
        if (f != null) {
            f.cancel();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.unfold(" + (done ? "ended" : String.valueOf(state)) + ")";
    }
}

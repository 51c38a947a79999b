package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#repeat(Object)}: the same item for ever, synchronous. */
final class RepeatStream<T> extends BaseStream<T> {

    private final T item;
    private boolean done;

    RepeatStream(T item) {
        this.item = item;
    }

    @Override
    boolean isSync() {
        return true;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        return done ? end() : Poll.ready(item);
    }

    @Override
    int drain(Sink<? super T> sink, int limit) {
        if (done) {
            return END;
        }
        T i = item;
        for (int n = 0; n < limit; n++) {
            if (!sink.accept(i)) {
                return STOPPED;
            }
        }
        return MORE;
    }

    @Override
    public void cancel() {
        done = true;
    }

    @Override
    public String toString() {
        return "AsyncStream.repeat(" + item + ")";
    }
}

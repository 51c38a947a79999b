package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#once(Object)}: one item, synchronous. */
final class OnceStream<T> extends BaseStream<T> {

    private T item;

    OnceStream(T item) {
        this.item = item;
    }

    @Override
    boolean isSync() {
        return true;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        T i = item;
        if (i == null) {
            return end();
        }
        item = null;
        return Poll.ready(i);
    }

    @Override
    int drain(Sink<? super T> sink, int limit) {
        T i = item;
        if (i == null) {
            return END;
        }
        item = null;
        sink.accept(i);
        return END;
    }

    @Override
    public void cancel() {
        item = null;
    }

    @Override
    public String toString() {
        return "AsyncStream.once(" + (item == null ? "taken" : item) + ")";
    }
}

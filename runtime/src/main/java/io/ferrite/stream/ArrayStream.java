package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#of(Object[])}: the items of an array (a copy), synchronous. */
final class ArrayStream<T> extends BaseStream<T> {

    private final T[] items;
    private int next;

    ArrayStream(T[] items) {
        this.items = items.clone();
        for (int i = 0; i < this.items.length; i++) {
            if (this.items[i] == null) {
                throw new NullPointerException("AsyncStream.of(...): item " + i + " of " + items.length + " is null,"
                        + " but stream items are never null (null means the end of the stream)");
            }
        }
    }

    @Override
    boolean isSync() {
        return true;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        int i = next;
        if (i >= items.length) {
            return end();
        }
        next = i + 1;
        return Poll.ready(items[i]);
    }

    @Override
    int drain(Sink<? super T> sink, int limit) {
        T[] a = items;
        int i = next;
        int stop = a.length - i > limit ? i + limit : a.length;
        try {
            while (i < stop) {
                if (!sink.accept(a[i++])) {
                    return STOPPED;
                }
            }
        } finally {
            next = i;
        }
        return i >= a.length ? END : MORE;
    }

    @Override
    public void cancel() {
        next = items.length;
    }

    @Override
    public String toString() {
        return "AsyncStream.of(" + items.length + " items)";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import java.util.Iterator;

/**
 * {@link AsyncStream#fromIterable(Iterable)}: the iterable's elements, synchronous; the iterator
 * is made at the first poll.
 */
final class IterableStream<T> extends BaseStream<T> {

    private final Iterable<? extends T> iterable;
    private Iterator<? extends T> it;
    private long index;
    private boolean done;

    IterableStream(Iterable<? extends T> iterable) {
        this.iterable = iterable;
    }

    @Override
    boolean isSync() {
        return true;
    }

    private Iterator<? extends T> iterator() {
        Iterator<? extends T> i = it;
        if (i == null) {
            i = iterable.iterator();
            it = i;
        }
        return i;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        try {
            Iterator<? extends T> i = iterator();
            if (!i.hasNext()) {
                finish();
                return end();
            }
            return Poll.ready(checked(i.next()));
        } catch (Throwable t) {
            finish();
            throw t;
        }
    }

    @Override
    int drain(Sink<? super T> sink, int limit) {
        if (done) {
            return END;
        }
        try {
            Iterator<? extends T> i = iterator();
            for (int n = 0; n < limit; n++) {
                if (!i.hasNext()) {
                    finish();
                    return END;
                }
                if (!sink.accept(checked(i.next()))) {
                    return STOPPED;
                }
            }
            return MORE;
        } catch (Throwable t) {
            finish();
            throw t;
        }
    }

    private T checked(T item) {
        if (item == null) {
            throw new NullPointerException(this + ": element " + index + " of the iterable is null, but stream items"
                    + " are never null (null means the end of the stream): filter the nulls out first");
        }
        index++;
        return item;
    }

    private void finish() {
        done = true;
        it = null;
    }

    @Override
    public void cancel() {
        finish();
    }

    @Override
    public String toString() {
        return "AsyncStream.fromIterable(" + iterable.getClass().getSimpleName() + ")";
    }
}

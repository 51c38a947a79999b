package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** {@link AsyncStream#range(int, int)}: the ints from start to end, synchronous. */
final class RangeStream extends BaseStream<Integer> {

    private final int start;
    private final int end;
    private int next;

    RangeStream(int start, int end) {
        this.start = start;
        this.end = end;
        this.next = start;
    }

    @Override
    boolean isSync() {
        return true;
    }

    @Override
    public Poll<Integer> pollNext(Context cx) {
        int i = next;
        if (i >= end) {
            return end();
        }
        next = i + 1;
        return Poll.ready(i);
    }

    @Override
    int drain(Sink<? super Integer> sink, int limit) {
        int i = next;
        int stop = (long) end - i > limit ? i + limit : end;
        try {
            while (i < stop) {
                if (!sink.accept(i++)) {
                    return STOPPED;
                }
            }
        } finally {
            next = i;
        }
        return i >= end ? END : MORE;
    }

    @Override
    public void cancel() {
        next = end;
    }

    @Override
    public String toString() {
        return "AsyncStream.range(" + start + ", " + end + ")";
    }
}

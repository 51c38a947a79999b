package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;

/** The stream behind {@link AsyncStream#empty()}: ended from the start, shared. */
final class EmptyStream implements AsyncStream<Object> {

    static final EmptyStream INSTANCE = new EmptyStream();

    private EmptyStream() {
    }

    @Override
    public Poll<Object> pollNext(Context cx) {
        return Poll.ready(null);
    }

    @Override
    public String toString() {
        return "AsyncStream.empty()";
    }
}

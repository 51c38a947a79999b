package io.ferrite.benchmarks.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;

/**
 * A minimal hand-written oneshot channel: the floor under the footprint benchmark's
 * {@code io.ferrite.channel.Oneshot}: the receiving side is this future, the sending side is {@link #send(Object)}. One value,
 * one receiver; 24 bytes.
 *
 * @param <T> the value type
 */
final class Oneshot<T> implements Future<T> {

    private static final Object EMPTY = new Object();

    private volatile Object value = EMPTY;
    private volatile Waker waker;

    /** Stores the value and wakes the receiver, if it is waiting. */
    void send(T v) {
        value = v;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        Object v = value;
        if (v == EMPTY) {
            waker = cx.waker();
            v = value;  // re-check after publishing the waker: the sender reads it after writing the value
            if (v == EMPTY) {
                return Poll.pending();
            }
        }
        return Poll.ready((T) v);
    }
}

package io.ferrite.benchmarks.runtime;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.Waker;

/**
 * A minimal hand-written single-producer, single-consumer channel of capacity one: the floor
 * under the ping-pong benchmark's toolkit channels (no lock, no allocation per message). The
 * receiver stays registered, so a send to a waiting receiver is one volatile write and one wake.
 */
final class Mailbox {

    private long value;
    private volatile boolean full;
    private volatile Waker receiver;

    /** Puts {@code v} in the box (which must be empty: the ping-pong alternates) and wakes the receiver. */
    void send(long v) {
        value = v;
        full = true;
        Waker r = receiver;
        if (r != null) {
            r.wake();
        }
    }

    /** Takes the value if one is there; otherwise registers {@code cx}'s waker and returns pending. */
    Poll<Long> recv(Context cx) {
        if (!full) {
            receiver = cx.waker();
            if (!full) {
                return Poll.pending();
            }
        }
        long v = value;
        full = false;
        return Poll.ready(v);
    }

    /** Like {@link #recv} without boxing: returns -1 when empty (values are never negative). */
    long tryRecv(Context cx) {
        if (!full) {
            receiver = cx.waker();
            if (!full) {
                return -1;
            }
        }
        long v = value;
        full = false;
        return v;
    }
}

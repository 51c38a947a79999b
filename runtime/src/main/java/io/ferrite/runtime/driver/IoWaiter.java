package io.ferrite.runtime.driver;

import io.ferrite.Waker;

/**
 * One task waiting for a direction of an {@link IoRegistration} to become ready: a node of the
 * registration's intrusive waiter list, so waiting allocates nothing. An I/O future extends it
 * (each future waits with its own node, so several tasks may wait on one socket and cancelling
 * one future removes exactly its node); the poll methods of a stream use one node per direction
 * owned by the stream, where the last poller's waker wins, as with Tokio's {@code poll_read}.
 *
 * <p>The fields are guarded by the registration's lock, except {@link #queued}, which the owner
 * reads without it to skip the lock when it has nothing to remove.
 */
public class IoWaiter {

    Waker waker;
    IoWaiter prev;
    IoWaiter next;
    /** In a registration's list; cleared by the dispatch that takes the waker, or by {@link IoRegistration#cancelWait}. */
    volatile boolean queued;

    /** Creates a node that is in no list. */
    public IoWaiter() {
    }

    /**
     * Whether this node waits in a registration's list (racy outside the registration's lock).
     *
     * @return true while queued
     */
    public final boolean isQueued() {
        return queued;
    }
}

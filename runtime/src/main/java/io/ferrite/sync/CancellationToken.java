package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * A signal that asks a group of tasks to stop, with child tokens for sub-groups (tokio-util's
 * {@code CancellationToken}).
 *
 * <p>{@link #cancel()} sets the token once and for all and completes every
 * {@link #cancelled()} future; {@link #childToken()} makes a token that is cancelled with its
 * parent but can also be cancelled alone, without touching the parent. The token is a request:
 * each task decides where it checks it, typically by selecting between its work and
 * {@code cancelled()}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * CancellationToken shutdown = new CancellationToken();
 *
 * @Async
 * Future<Void> worker(CancellationToken token, Mpsc.Receiver<Job> jobs) {
 *     while (true) {
 *         Job job = await(Futures.Select.<Job>biased()
 *                 .on(token.cancelled(), stop -> null)
 *                 .on(jobs.recv(), j -> j));
 *         if (job == null) {
 *             return Future.ready(null);   // cancelled, or no more jobs
 *         }
 *         await(job.run());
 *     }
 * }
 *
 * spawn(worker(shutdown.childToken(), jobs));
 * ...
 * shutdown.cancel();   // every child token is cancelled too
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a pending {@link #cancelled()} future just stops waiting; it has no effect on the
 * token.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread. A parent keeps no reference to its children, so
 * making a child per request under a long-lived token leaks nothing; a wait on a child is queued
 * on each of its ancestors, so {@code cancelled()} on deep chains costs one registration per
 * level.
 */
public final class CancellationToken {

    /*
     * A child never registers with its parent: it keeps a link up, and isCancelled() and
     * cancelled() look along the chain of ancestors. So a parent holds nothing for its children
     * (no leak with a long-lived root and a child per request), and a task waiting on a child is
     * queued on every ancestor's Notify, which whoever cancels that ancestor keeps alive.
     */
    private final CancellationToken parent;
    private final int depth;
    private final Notify notify = new Notify();
    private volatile boolean cancelled;

    /**
     * Creates a token that is not cancelled.
     *
     * <pre>{@code
     * CancellationToken token = new CancellationToken();
     * }</pre>
     */
    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
        this.depth = parent == null ? 1 : parent.depth + 1;
    }

    /**
     * Returns a new token that is cancelled when this one is (at once, if this one already is),
     * and that can be cancelled alone.
     *
     * <pre>{@code
     * CancellationToken request = server.childToken();
     * }</pre>
     *
     * @return the child token
     */
    public CancellationToken childToken() {
        return new CancellationToken(this);
    }

    /**
     * Cancels this token and so all its descendants. Calling it again does nothing.
     *
     * <pre>{@code
     * shutdown.cancel();
     * }</pre>
     */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            notify.notifyWaiters();
        }
    }

    /**
     * Tells whether this token was cancelled, directly or through an ancestor.
     *
     * <pre>{@code
     * if (token.isCancelled()) { return Future.ready(null); }
     * }</pre>
     *
     * @return {@code true} once cancelled
     */
    public boolean isCancelled() {
        for (CancellationToken t = this; t != null; t = t.parent) {
            if (t.cancelled) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a future that completes when this token is cancelled, directly or through an
     * ancestor (at once if it already is).
     *
     * <pre>{@code
     * await(token.cancelled());
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: cancelling the future only stops the wait.
     *
     * @return a future completing with {@code null} on cancellation
     */
    public Future<Void> cancelled() {
        return new WaitCancelled();
    }

    @Override
    public String toString() {
        return "CancellationToken[" + (isCancelled() ? "cancelled" : "active") + (parent != null ? ", child" : "") + "]";
    }

    /** Waits on the Notify of this token and of each ancestor. */
    private final class WaitCancelled implements Future<Void> {
        /** One notified() future per level, this token first; null when not made yet. */
        private Future<?>[] wakes;

        @Override
        public Poll<Void> poll(Context cx) {
            if (wakes == null) {
                wakes = new Future<?>[depth];
            }
            while (true) {
                CancellationToken t = CancellationToken.this;
                for (int i = 0; i < wakes.length; i++, t = t.parent) {
                    if (wakes[i] == null) {
                        // Made before the flag is checked below, so no cancel() is missed.
                        wakes[i] = t.notify.notified();
                    }
                }
                if (isCancelled()) {
                    cancel();
                    return Poll.ready(null);
                }
                boolean woken = false;
                for (int i = 0; i < wakes.length; i++) {
                    if (wakes[i].poll(cx).isReady()) {
                        wakes[i] = null;
                        woken = true;
                    }
                }
                if (!woken) {
                    return Poll.pending();
                }
            }
        }

        /** Leaves every queue it joined. */
        @Override
        public void cancel() {
            if (wakes != null) {
                for (int i = 0; i < wakes.length; i++) {
                    if (wakes[i] != null) {
                        wakes[i].cancel();
                        wakes[i] = null;
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "CancellationToken.cancelled()[" + CancellationToken.this + "]";
        }
    }
}

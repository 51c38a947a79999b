package io.ferrite.internal;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * The superclass of every state machine that Ferrite's transformer generates for an
 * {@code @Async} method or async lambda. Not for hand-written code: its protected members are
 * a frozen binary interface with compiled user code, listed in the transformer's
 * {@code RuntimeAbi} and checked by reflection.
 *
 * <p>A generated subclass has typed spill fields ({@code I$0}, {@code J$0}, {@code L$0}, ...)
 * shared by its states: its constructor stores there the receiver and the arguments the body
 * reads, and each suspension point the values still live after it. It implements
 * {@link #poll(Context)} as a dispatch on {@link #state}:
 * <pre>
 *   switch (state) {
 *     case START: load the receiver and arguments into locals, run the body from the top
 *     case k > 0: restore the live values saved at suspension point k, poll {@link #awaiting} again
 *     default:    return {@link #pollOther(Context)}   (TAIL, DONE, CANCELLED)
 *   }
 * </pre>
 * Around the whole body a catch-all handler sets {@link #DONE} and rethrows, so a failure
 * leaves {@code poll} unwrapped. Each {@code return f} of the body becomes
 * {@code return complete(f, cx)}. The transformer's {@code docs/state-machine.md} shows the
 * generated code.
 *
 * <h2>States</h2>
 * {@link #START} (0, never polled), {@code k > 0} (suspended at point k, {@link #awaiting} is
 * the inner future), {@link #TAIL} (the body returned a future that is not ready; polls are
 * delegated to it), {@link #DONE} (completed, failed, or finished unwinding after
 * {@link #cancel()}), {@link #CANCELLED} (cancelled before the body ran or while delegating).
 *
 * <h2>Thread safety</h2>
 * As for every future, {@code poll} and {@code cancel} are never called concurrently on one
 * instance; the fields need no synchronisation.
 *
 * @param <T> the value type of the future
 */
public abstract class AsyncStateMachine<T> implements Future<T> {

    /** Not polled yet: the next poll runs the body from the top. */
    public static final int START = 0;
    /** Completed with a value or a failure, or finished unwinding after {@link #cancel()}. */
    public static final int DONE = -1;
    /** The body returned a future that was not ready; {@link #awaiting} holds it. */
    public static final int TAIL = -2;
    /** Cancelled before the body ran, or while delegating to a tail future. */
    public static final int CANCELLED = -3;

    /** {@link #START}, a suspension point number ({@code > 0}), or another state constant. */
    protected int state;

    /** The future awaited at the current suspension point, or the tail future; else null. */
    protected Future<?> awaiting;

    /**
     * Set by {@link #cancel()} before it resumes the body: the generated code checks it at each
     * await and throws {@link Cancelled} instead of polling.
     */
    protected boolean cancelling;

    /** For generated subclasses. */
    protected AsyncStateMachine() {
    }

    /**
     * Handles every state that is not a resume point of the body; the generated dispatch calls
     * it for its default case.
     *
     * @param cx the context of this poll
     * @return the poll of the tail future
     * @throws IllegalStateException if the future already completed
     * @throws Cancelled             if the future was cancelled
     */
    protected final Poll<T> pollOther(Context cx) {
        switch (state) {
            case TAIL:
                return pollTail(cx);
            case DONE:
                throw new IllegalStateException(describe() + " was polled after it completed: an @Async future"
                        + " is single-use (call the method again for a new one)");
            case CANCELLED:
                throw new Cancelled(describe() + " was cancelled");
            default:
                throw new IllegalStateException(describe() + " is in an unknown state " + state
                        + ": this is a bug in Ferrite, please report it");
        }
    }

    /**
     * Completes the body with the future it returned: a {@link Future#ready(Object)} ends the
     * machine at once (that future is its own {@link Poll}, so nothing is allocated); any other
     * future becomes the tail, polled now and by later polls.
     *
     * @param result what the body returned
     * @param cx     the context of this poll
     * @return the poll to return from {@code poll}
     * @throws NullPointerException if the body returned null
     */
    @SuppressWarnings("unchecked")
    protected final Poll<T> complete(Future<T> result, Context cx) {
        if (result instanceof Poll) {
            // Only Future.ready(...) is both a Future and a Poll.
            state = DONE;
            return (Poll<T>) result;
        }
        if (result == null) {
            state = DONE;
            throw new NullPointerException(describe() + " returned null instead of a future:"
                    + " write 'return Future.ready(null)' to complete with null");
        }
        if (cancelling) {
            // The body swallowed Cancelled and returned: its result is discarded.
            state = DONE;
            result.cancel();
            return Poll.pending();
        }
        state = TAIL;
        awaiting = result;
        return pollTail(cx);
    }

    /** Polls the tail future; the machine is done once it is ready or throws. */
    @SuppressWarnings("unchecked")
    private Poll<T> pollTail(Context cx) {
        Future<T> tail = (Future<T>) awaiting;
        Poll<T> poll;
        try {
            poll = tail.poll(cx);
        } catch (Throwable failure) {
            state = DONE;
            awaiting = null;
            throw failure;
        }
        if (poll.isReady()) {
            state = DONE;
            awaiting = null;
        }
        return poll;
    }

    /**
     * Returns the exception the generated code throws at an await reached while
     * {@link #cancelling}.
     *
     * @return a new {@link Cancelled} naming this future
     */
    protected final Cancelled cancelledAtAwait() {
        return new Cancelled(describe() + " was cancelled while suspended");
    }

    /**
     * Cancels this future. Suspended, it cancels the awaited future, then resumes the body by
     * throwing {@link Cancelled} at the suspension point so enclosing {@code finally} blocks run,
     * and returns when the body has finished unwinding. Never polled, completed, or already
     * cancelled: harmless. An exception other than {@code Cancelled} thrown while unwinding
     * (from a {@code finally} block, say) is rethrown from here rather than lost.
     */
    @Override
    public final void cancel() {
        int s = state;
        if (s == START || s == TAIL) {
            Future<?> tail = awaiting;
            awaiting = null;
            state = CANCELLED;
            if (tail != null) {
                tail.cancel();
            }
            return;
        }
        if (s <= 0 || cancelling) {
            return;
        }
        cancelling = true;
        Future<?> inner = awaiting;
        awaiting = null;
        try {
            if (inner != null) {
                inner.cancel();
            }
        } finally {
            try {
                poll(Context.noop());
            } catch (Cancelled expected) {
                // The body unwound to the top, as it should.
            } finally {
                state = DONE;
            }
        }
    }

    /**
     * Describes this machine for messages; generated classes are named after their source, as
     * in {@code Orders$checkout$Async}.
     *
     * @return a short description
     */
    protected String describe() {
        return getClass().getName();
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case START -> "not started";
            case DONE -> "done";
            case TAIL -> "delegating to " + awaiting;
            case CANCELLED -> "cancelled";
            default -> "suspended at await #" + state + " on " + awaiting;
        };
        return describe() + "[" + s + "]";
    }
}

package io.ferrite.internal;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.stream.AsyncStream;

/**
 * The superclass of every state machine that Ferrite's transformer generates for a generator: an
 * {@code @Async} method (or async lambda) returning {@link AsyncStream}, whose body may
 * {@code await} and {@code emit}. Not for hand-written code: its protected members are a frozen
 * binary interface with compiled user code, listed in the transformer's {@code RuntimeAbi} and
 * checked by reflection.
 *
 * <p>The generated subclass has the shape of an {@link AsyncStateMachine}'s, with
 * {@link #pollNext(Context)} in place of {@code poll}: the same typed spill fields, the same
 * dispatch on {@link #state}, the same expansion of each {@code await}. The members that code
 * names through the subclass ({@code state}, {@code awaiting}, {@code cancelling},
 * {@code pollOther}, {@code cancelledAtAwait}) are declared here with the same names and
 * descriptors as there, so one emitter writes both. What differs:
 * <ul>
 *   <li>{@code emit(item)} saves the live values like an await, sets the state to its own
 *       suspension point and returns {@link #emitted(Object)}, a ready poll of the item: the body
 *       resumes only at the consumer's next {@code pollNext}, so it never runs ahead;</li>
 *   <li>{@code return s} becomes {@code return complete(s, cx)}: {@link AsyncStream#empty()}
 *       ends the stream, any other stream is delegated to ({@link #TAIL}) until it ends;</li>
 *   <li>the stream is fused: after the end, a failure or a cancellation, {@code pollNext}
 *       returns {@code Poll.ready(null)}.</li>
 * </ul>
 *
 * <h2>Delegation in constant stack</h2>
 * A generator that ends with {@code return other(n - 1)} hands its consumer to that stream. When
 * the tail is itself a generator, it is polled <em>driven</em>: if it in turn ends with a tail,
 * its {@link #complete} hands that tail back ({@link #HANDED_OFF}) instead of polling it, and the
 * driver adopts it in a loop. A chain of a million delegating generators therefore takes one
 * stack frame per poll, not a million.
 *
 * <h2>Thread safety</h2>
 * As for every stream, {@code pollNext} and {@code cancel} are never called concurrently on one
 * instance; the fields need no synchronisation.
 *
 * @param <T> the item type
 */
public abstract class AsyncGeneratorMachine<T> implements AsyncStream<T> {

    /** Not polled yet: the next poll runs the body from the top. */
    public static final int START = 0;
    /** Ended, failed, or finished unwinding after {@link #cancel()}: fused. */
    public static final int DONE = -1;
    /** The body returned a stream other than {@code empty()}; polls are delegated to it. */
    public static final int TAIL = -2;
    /** Cancelled before the body ran, or while delegating. */
    public static final int CANCELLED = -3;

    /** What a driven generator's poll returns when it ended with a tail, for its driver only. */
    static final Poll<Object> HANDED_OFF = Poll.ready(new Object());

    /** {@link #START}, a suspension point number ({@code > 0}: an await or an emit), or a state constant. */
    protected int state;

    /** The future awaited at the current suspension point; null at an emit and otherwise. */
    protected Future<?> awaiting;

    /**
     * Set by {@link #cancel()} before it resumes the body: the generated code checks it at each
     * await and after each emit and throws {@link Cancelled}.
     */
    protected boolean cancelling;

    /** The stream the body returned, while {@link #TAIL}. */
    private AsyncStream<T> delegate;

    /**
     * Whether a delegating generator polls this one as its tail: then {@link #complete} hands a
     * tail of its own back rather than polling it. Set by the driver before its first poll.
     */
    private boolean driven;

    /** {@link #next()}'s future, made once: it holds no state of its own. */
    private Future<T> next;

    /** For generated subclasses. */
    protected AsyncGeneratorMachine() {
    }

    /**
     * Handles every state that is not a resume point of the body; the generated dispatch calls
     * it for its default case.
     *
     * @param cx the context of this poll
     * @return the delegate's poll, or the end
     */
    protected final Poll<T> pollOther(Context cx) {
        switch (state) {
            case TAIL:
                if (driven) {
                    // Polled before it became another generator's tail: its own tail is the driver's now.
                    state = DONE;
                    return handedOff();
                }
                return pollTail(cx);
            case DONE:
            case CANCELLED:
                return Poll.ready(null);
            default:
                throw new IllegalStateException(describe() + " is in an unknown state " + state
                        + ": this is a bug in Ferrite, please report it");
        }
    }

    /**
     * Returns what {@code pollNext} returns at an {@code emit(item)}: the item, ready. The
     * generated code has already saved the body's live values and set the state.
     *
     * @param item the emitted item
     * @return a ready poll of it
     * @throws NullPointerException if {@code item} is null: items are never null
     * @throws Cancelled            if the generator is unwinding after {@link #cancel()}, so the
     *                              item goes nowhere
     */
    @SuppressWarnings("unchecked")
    protected final Poll<T> emitted(Object item) {
        if (cancelling) {
            throw new Cancelled(describe() + " was cancelled: an emit reached while unwinding has no consumer");
        }
        if (item == null) {
            throw new NullPointerException("emit(null) in " + source() + ": stream items are never null (null means the end"
                    + " of the stream). Skip the item, or emit a value that stands for 'nothing' (an Optional,"
                    + " a sentinel), or end the generator with 'return AsyncStream.empty()'.");
        }
        return Poll.ready((T) item);
    }

    /**
     * Ends the body with the stream it returned: {@link AsyncStream#empty()} ends this stream at
     * once; any other stream becomes the tail, polled now and by later polls, its items following
     * those emitted so far.
     *
     * @param result what the body returned
     * @param cx     the context of this poll
     * @return the poll to return from {@code pollNext}
     * @throws NullPointerException if the body returned null
     */
    protected final Poll<T> complete(AsyncStream<T> result, Context cx) {
        if (result == null) {
            state = DONE;
            throw new NullPointerException(source() + " returned null instead of a stream: write"
                    + " 'return AsyncStream.empty()' to end the generator");
        }
        if (cancelling || result == AsyncStream.empty()) {
            // Unwinding after cancel(): the returned stream is not read, and cancelled as the owner would.
            state = DONE;
            if (cancelling) {
                result.cancel();
            }
            return Poll.ready(null);
        }
        delegate = result;
        if (driven) {
            // The driver adopts the tail: polling it here would nest one frame per delegation.
            state = DONE;
            return handedOff();
        }
        state = TAIL;
        return pollTail(cx);
    }

    /** Polls the tail; adopts the tails a driven generator hands back, so delegation runs in constant stack. */
    @SuppressWarnings("unchecked")
    private Poll<T> pollTail(Context cx) {
        while (true) {
            AsyncStream<T> tail = delegate;
            Poll<T> poll;
            try {
                if (tail instanceof AsyncGeneratorMachine<?> generator) {
                    generator.driven = true;
                }
                poll = tail.pollNext(cx);
            } catch (Throwable failure) {
                state = DONE;
                delegate = null;
                throw failure;
            }
            if (poll == HANDED_OFF) {
                AsyncGeneratorMachine<T> finished = (AsyncGeneratorMachine<T>) tail;
                delegate = finished.delegate;
                finished.delegate = null;
                continue;
            }
            if (poll.isReady() && poll.value() == null) {
                state = DONE;
                delegate = null;
            }
            return poll;
        }
    }

    @SuppressWarnings("unchecked")
    private Poll<T> handedOff() {
        return (Poll<T>) HANDED_OFF;
    }

    /**
     * Returns the exception the generated code throws for {@code await(null)}, naming the class,
     * the method and the line of the await.
     *
     * @return a new {@link NullPointerException}
     */
    protected final NullPointerException awaitedNull() {
        return AsyncStateMachine.nullAwaited("await(null)");
    }

    /**
     * Tells whether an await reached while {@link #cancelling} polls its future rather than
     * throwing {@link Cancelled}: only for an uncancellable future ({@link NonCancellable}), as
     * in an {@code @Async} method.
     *
     * @param future the future about to be awaited
     * @return true to poll it as usual
     */
    protected final boolean awaitsWhileCancelling(Future<?> future) {
        return future instanceof NonCancellable;
    }

    /**
     * Returns what an await polls in a generator that may call itself: the future itself. A
     * generator's own recursion goes through its return (delegation, in constant stack), and the
     * futures it awaits are driven by the machines that made them.
     *
     * @param future the future about to be awaited
     * @return {@code future}
     */
    protected final Future<?> awaitable(Future<?> future) {
        return future;
    }

    /**
     * Returns the exception the generated code throws at an await, or after an emit, reached
     * while {@link #cancelling}.
     *
     * @return a new {@link Cancelled} naming this generator
     */
    protected final Cancelled cancelledAtAwait() {
        return new Cancelled(describe() + " was cancelled while suspended");
    }

    /**
     * Returns the future of the next item; the same future on every call, since it only polls
     * this stream (so reading a generator with {@code await(s.next())} allocates nothing for it).
     *
     * @return a future of the next item, or of null at the end
     */
    @Override
    public final Future<T> next() {
        Future<T> future = next;
        if (future == null) {
            future = this::pollNext;
            next = future;
        }
        return future;
    }

    /**
     * Stops this generator. Suspended at an await, it cancels the awaited future; suspended at an
     * await or an emit, it resumes the body by throwing {@link Cancelled} there, so enclosing
     * {@code finally} blocks run, innermost first, and returns when the body has unwound.
     * Delegating, it cancels the delegate. Never polled, ended or already cancelled: harmless.
     * An exception other than {@code Cancelled} thrown while unwinding is rethrown from here.
     */
    @Override
    public final void cancel() {
        int s = state;
        if (s == START || s == TAIL) {
            AsyncStream<T> tail = delegate;
            delegate = null;
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
        // An uncancellable future stays awaited: the body waits for it before it unwinds.
        boolean shielded = inner instanceof NonCancellable;
        if (!shielded) {
            awaiting = null;
        }
        boolean unwound = true;
        try {
            if (inner != null && !shielded) {
                inner.cancel();
            }
        } finally {
            try {
                unwound = !(pollNext(Context.noop()).isPending() && state > 0);
            } catch (Cancelled expected) {
                // The body unwound to the top, as it should.
            } finally {
                if (unwound) {
                    state = DONE;
                }
            }
        }
        if (!unwound) {
            // Suspended on an uncancellable future: cancel() cannot wait, so the body finishes
            // unwinding on a task of its own.
            Detached.spawn(cx -> {
                try {
                    if (pollNext(cx).isPending() && state > 0) {
                        return Poll.pending();
                    }
                } catch (Cancelled expected) {
                    // unwound
                }
                state = DONE;
                return Poll.ready(null);
            });
        }
    }

    /**
     * Describes this generator for messages, after its generated class name.
     *
     * @return a short description
     */
    protected String describe() {
        return getClass().getName();
    }

    /** The source this generator stands for: {@code com.acme.Feed.items}, or a lambda in a method. */
    private String source() {
        String name = getClass().getName().replaceFirst("\\$Async\\d*$", "");
        int lambda = name.indexOf("$lambda$");
        if (lambda >= 0) {
            return "a generator lambda in " + name.substring(0, lambda) + "."
                    + name.substring(lambda + "$lambda$".length()).replaceFirst("\\$\\d+$", "");
        }
        name = name.replaceFirst("\\$\\d+$", "");
        int dollar = name.lastIndexOf('$');
        return "generator " + (dollar < 0 ? name : name.substring(0, dollar) + "." + name.substring(dollar + 1));
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case START -> "not started";
            case DONE -> "ended";
            case TAIL -> "delegating to " + delegate;
            case CANCELLED -> "cancelled";
            default -> awaiting != null ? "suspended at point #" + state + " on " + awaiting
                    : "suspended at emit #" + state;
        };
        return describe() + "[" + s + "]";
    }
}

package io.ferrite.internal;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.Optional;

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
 * <h2>Deep chains</h2>
 * A tail ({@code return f(n - 1)}) that is itself a state machine is not polled from inside
 * this one: {@link #pollTail} polls it <em>driven</em>, so that its own {@code complete} hands
 * its tail back instead of polling it, and adopts that tail in a loop; a machine handed off
 * this way is finished. A tail-recursive chain therefore runs in constant stack. In a method
 * that may call itself ({@code long b = await(f(n - 1))}), the transformer also routes each
 * awaited future through {@link #awaitable}: a fresh state machine is then driven by a
 * {@link MachineChain}, which holds the chain of callers on the heap and polls only the
 * innermost machine, resuming each caller in a loop when its callee completes (as Kotlin's
 * {@code BaseContinuationImpl.resumeWith} does), so the depth is bounded by the heap, not by
 * the thread's stack, and each poll of a deep chain is O(1).
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

    /**
     * Whether a driver (the tail loop of {@link #pollTail} or a {@link MachineChain}) polls this
     * machine: then {@link #complete} hands a tail back ({@link #HANDED_OFF}) rather than
     * polling it, and {@link #awaitable} defers a fresh callee to the driver. Set once, by the
     * driver, before its first poll; never reset (the driver is the only poller from then on).
     */
    boolean driven;

    /**
     * What a driven machine's poll returns when the body ended with a tail: the tail is in
     * {@link #awaiting} for the driver to take ({@link #takeHandedOff}). Never seen by generated
     * code, which only polls machines that are not driven.
     */
    static final Poll<Object> HANDED_OFF = Poll.ready(new Object());

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
                if (driven) {
                    // Polled before it was handed to a driver: its tail becomes the driver's.
                    state = DONE;
                    return handedOff();
                }
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
        awaiting = result;
        if (driven) {
            // The driver adopts the tail: polling it here would nest one frame per tail call.
            state = DONE;
            return handedOff();
        }
        state = TAIL;
        return pollTail(cx);
    }

    /**
     * Polls the tail future; the machine is done once it is ready or throws. A tail that is a
     * state machine is driven: when it ends with a tail of its own, that tail is adopted here and
     * polled in the same loop, so a chain of tail calls takes constant stack. A driven tail that
     * defers a callee ({@link #awaitable}) turns the tail into a {@link MachineChain}.
     */
    @SuppressWarnings("unchecked")
    private Poll<T> pollTail(Context cx) {
        while (true) {
            Future<T> tail = (Future<T>) awaiting;
            Poll<T> poll;
            try {
                if (tail instanceof AsyncStateMachine<?> machine) {
                    machine.driven = true;
                }
                poll = tail.poll(cx);
            } catch (Throwable failure) {
                state = DONE;
                awaiting = null;
                throw failure;
            }
            if (poll == HANDED_OFF) {
                awaiting = ((AsyncStateMachine<?>) tail).takeHandedOff();
                continue;
            }
            if (poll.isPending()) {
                if (tail instanceof AsyncStateMachine<?> machine && machine.deferredCallee() != null) {
                    awaiting = MachineChain.of(machine);
                    continue;
                }
                return poll;
            }
            state = DONE;
            awaiting = null;
            return poll;
        }
    }

    /** {@link #HANDED_OFF}, typed for this machine. */
    @SuppressWarnings("unchecked")
    private Poll<T> handedOff() {
        return (Poll<T>) HANDED_OFF;
    }

    /**
     * Takes the tail a driven machine handed off with {@link #HANDED_OFF}; the machine keeps no
     * reference to it.
     *
     * @return the tail future
     */
    Future<?> takeHandedOff() {
        Future<?> tail = awaiting;
        awaiting = null;
        return tail;
    }

    /**
     * The callee this driven machine deferred at its current suspension, not yet given to a
     * driver; else null.
     */
    MachineChain.Link<?> deferredCallee() {
        return awaiting instanceof MachineChain.Link<?> link && link.isDeferred() ? link : null;
    }

    /**
     * Returns what the await of {@code future} polls, in a method that may call itself (the
     * transformer emits this call only there): a state machine that was never polled is not
     * polled from inside this one, where deep recursion would take a stack frame per level, but
     * handed to a driver that holds the chain on the heap. Undriven, this machine gets a new
     * {@link MachineChain} to await; driven, a link its driver picks up when this machine
     * suspends on it. Anything else is returned as is.
     *
     * @param future the future about to be awaited
     * @return the future to poll in its place
     */
    protected final Future<?> awaitable(Future<?> future) {
        if (future instanceof AsyncStateMachine<?> callee && callee.state == START && !callee.driven) {
            return driven ? new MachineChain.Link<>(callee) : new MachineChain<>(callee);
        }
        return future;
    }

    /**
     * Returns the exception the generated code throws for {@code await(null)}, naming the class,
     * the method and the line of the await.
     *
     * @return a new {@link NullPointerException}
     */
    protected final NullPointerException awaitedNull() {
        return nullAwaited("await(null)");
    }

    /**
     * A {@link NullPointerException} for a null given to an await, naming the source of the
     * state machine that was running it (class, method, file and line of the await).
     *
     * @param what what was null, e.g. {@code await(null)}
     * @return the exception
     */
    static NullPointerException nullAwaited(String what) {
        Optional<StackWalker.StackFrame> frame = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> AsyncStateMachine.class.isAssignableFrom(f.getDeclaringClass())
                        && f.getDeclaringClass() != AsyncStateMachine.class).findFirst());
        String where = frame.map(f -> sourceOf(f.getClassName()) + (f.getFileName() != null && f.getLineNumber() > 0
                ? " (" + f.getFileName() + ":" + f.getLineNumber() + ")" : "")).orElse("an @Async method");
        return new NullPointerException(what + " in " + where + ": the future to await is null. Await the"
                + " future itself (an @Async method's result, Future.ready(value), ...); a method that has no"
                + " future to give should return Future.ready(null) rather than null.");
    }

    /**
     * The source a generated class name stands for: {@code com.acme.Orders$checkout$Async} is
     * {@code com.acme.Orders.checkout}, {@code Orders$lambda$main$0$Async} a lambda in
     * {@code Orders.main}.
     */
    static String sourceOf(String machineClass) {
        String name = machineClass.replaceFirst("\\$Async\\d*$", "");
        int lambda = name.indexOf("$lambda$");
        if (lambda >= 0) {
            String enclosing = name.substring(lambda + "$lambda$".length()).replaceFirst("\\$\\d+$", "");
            return "a lambda in " + name.substring(0, lambda) + "." + enclosing;
        }
        name = name.replaceFirst("\\$\\d+$", "");
        int dollar = name.lastIndexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar) + "." + name.substring(dollar + 1);
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
     * Tells whether an await reached while {@link #cancelling} polls its future rather than
     * throwing {@link Cancelled}: only for a future that cancellation must not stop
     * ({@code Futures.uncancellable}), so that cleanup in a {@code finally} block still runs.
     *
     * @param future the future about to be awaited
     * @return true to poll it as usual
     */
    protected final boolean awaitsWhileCancelling(Future<?> future) {
        return future instanceof NonCancellable;
    }

    /**
     * Cancels this future. Suspended, it cancels the awaited future, then resumes the body by
     * throwing {@link Cancelled} at the suspension point so enclosing {@code finally} blocks run,
     * and returns when the body has finished unwinding. Never polled, completed, or already
     * cancelled: harmless. The one exception is an await of an uncancellable future
     * ({@link NonCancellable}): the body waits for it, and when it is not ready at once the rest
     * of the unwinding runs on a task of its own and this method returns before it ends. An
     * exception other than {@code Cancelled} thrown while unwinding (from a {@code finally}
     * block, say) is rethrown from here rather than lost.
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
                unwound = !(poll(Context.noop()).isPending() && state > 0);
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
            Detached.finishUnwinding(this);
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

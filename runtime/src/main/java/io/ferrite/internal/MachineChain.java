package io.ferrite.internal;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.Arrays;

/**
 * Drives a chain of state machines that await one another, holding the chain on the heap
 * instead of on the thread's stack: what lets {@code long b = await(f(n - 1))} recurse a
 * million levels deep where nested polls would overflow at a few thousand.
 *
 * <p>Frame 0 is the machine whose outcome is this future's; frame {@code i + 1} is the callee
 * frame {@code i} is suspended on, through a {@link Link}. Only the top frame is polled: each
 * poll of the chain costs the same at any depth. When the top completes, its outcome goes into
 * its link and the frame below is polled again, in a loop, so that it resumes with the value
 * (or the same exception instance) at its await, as Kotlin's {@code BaseContinuationImpl}
 * unrolls its completion chain. Every machine here is driven ({@link AsyncStateMachine#driven}):
 * when it defers a fresh callee ({@link AsyncStateMachine#awaitable}) the callee is pushed; when
 * it ends with a tail, the tail takes its frame.
 *
 * <p>Cancelling the chain cancels the frames innermost first, so {@code finally} blocks run in
 * the order nested calls would run them, without recursion.
 *
 * @param <T> the value type of frame 0
 */
final class MachineChain<T> implements Future<T> {

    /** The future of each frame: a driven machine, or a plain future a machine handed off. */
    private Future<?>[] futures = new Future<?>[8];
    /** The link through which frame {@code i}'s outcome reaches frame {@code i - 1}; none for frame 0. */
    private Link<?>[] links = new Link<?>[8];
    private int top = -1;

    /**
     * A chain whose frame 0 is a fresh machine.
     *
     * @param bottom the machine, never polled
     */
    MachineChain(AsyncStateMachine<T> bottom) {
        push(bottom, null);
    }

    /**
     * A chain for a driven machine that has just suspended on a deferred callee: the tail loop
     * of {@link AsyncStateMachine} hands over when it meets one.
     *
     * @param suspended the machine, suspended on its {@link AsyncStateMachine#deferredCallee()}
     * @return the chain, holding the machine and its callee
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MachineChain<?> of(AsyncStateMachine<?> suspended) {
        MachineChain<?> chain = new MachineChain(suspended);
        chain.pushDeferred(suspended);
        return chain;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        if (top < 0) {
            throw new IllegalStateException("the chain of state machines was polled after it completed");
        }
        while (true) {
            Future<?> future = futures[top];
            Poll<?> poll = null;
            Throwable failure = null;
            try {
                poll = future.poll(cx);
            } catch (Throwable t) {
                failure = t;
            }
            if (failure == null) {
                if (poll == AsyncStateMachine.HANDED_OFF) {
                    futures[top] = adopt(((AsyncStateMachine<?>) future).takeHandedOff());
                    continue;
                }
                if (poll.isPending()) {
                    if (future instanceof AsyncStateMachine<?> machine && pushDeferred(machine)) {
                        continue;
                    }
                    return Poll.pending();
                }
            }
            Link<?> link = links[top];
            futures[top] = null;
            links[top] = null;
            top--;
            if (link == null) {
                if (failure != null) {
                    throw AsyncSupport.sneaky(failure);
                }
                return (Poll<T>) poll;
            }
            link.complete(poll, failure);
        }
    }

    /**
     * Cancels every frame, innermost first; an exception a frame throws while unwinding (not
     * {@code Cancelled}) is rethrown once the others are cancelled too.
     */
    @Override
    public void cancel() {
        Throwable first = null;
        for (; top >= 0; top--) {
            Future<?> future = futures[top];
            futures[top] = null;
            links[top] = null;
            try {
                future.cancel();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else if (first != t) {
                    first.addSuppressed(t);
                }
            }
        }
        if (first != null) {
            throw AsyncSupport.sneaky(first);
        }
    }

    /** Pushes the callee a machine deferred, if it did; tells whether it did. */
    private boolean pushDeferred(AsyncStateMachine<?> machine) {
        Link<?> link = machine.deferredCallee();
        if (link == null) {
            return false;
        }
        push(link.take(), link);
        return true;
    }

    private void push(AsyncStateMachine<?> machine, Link<?> link) {
        if (++top == futures.length) {
            futures = Arrays.copyOf(futures, top * 2);
            links = Arrays.copyOf(links, top * 2);
        }
        machine.driven = true;
        futures[top] = machine;
        links[top] = link;
    }

    private static Future<?> adopt(Future<?> tail) {
        if (tail instanceof AsyncStateMachine<?> machine) {
            machine.driven = true;
        }
        return tail;
    }

    @Override
    public String toString() {
        return "chain of " + (top + 1) + " state machines, innermost " + (top >= 0 ? futures[top] : "none");
    }

    /**
     * What a driven machine awaits in place of a fresh callee: pending until the chain that
     * drives the callee completes it with the callee's outcome, which the awaiting machine then
     * reads at its await. It registers no waker: the chain polls the awaiting machine again as
     * soon as the callee completes.
     *
     * @param <T> the callee's value type
     */
    static final class Link<T> implements Future<T> {
        /** The callee, until a chain takes it. */
        private AsyncStateMachine<T> callee;
        private boolean completed;
        private Poll<T> outcome;
        private Throwable failure;

        Link(AsyncStateMachine<T> callee) {
            this.callee = callee;
        }

        /** Whether the callee still waits for a chain to drive it. */
        boolean isDeferred() {
            return callee != null;
        }

        /** Hands the callee to the chain that will drive it. */
        AsyncStateMachine<T> take() {
            AsyncStateMachine<T> machine = callee;
            callee = null;
            return machine;
        }

        @SuppressWarnings("unchecked")
        void complete(Poll<?> poll, Throwable error) {
            completed = true;
            outcome = (Poll<T>) poll;
            failure = error;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!completed) {
                return Poll.pending();
            }
            if (failure != null) {
                Throwable error = failure;
                failure = null;
                throw AsyncSupport.sneaky(error);
            }
            Poll<T> poll = outcome;
            outcome = null;
            return poll;
        }

        /** A callee not yet driven is cancelled here; one in a chain is cancelled by the chain. */
        @Override
        public void cancel() {
            AsyncStateMachine<T> machine = take();
            if (machine != null) {
                machine.cancel();
            }
        }

        @Override
        public String toString() {
            return "callee " + (callee != null ? callee + " (not yet driven)" : completed ? "completed" : "driven by its chain");
        }
    }
}

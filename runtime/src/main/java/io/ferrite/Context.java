package io.ferrite;

import java.util.Objects;

/**
 * What a task hands to {@link Future#poll(Context)}: for now, the {@link Waker} to call when
 * the future can make progress (Rust's {@code std::task::Context}).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * AtomicInteger wakes = new AtomicInteger();
 * Context cx = Context.of(wakes::incrementAndGet);
 * Poll<String> p = future.poll(cx);
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable; executors may extend it to carry per-task data, or make their task object its own
 * context and waker with the no-argument constructor.
 */
public class Context {

    private static final Context NOOP = new Context(Waker.noop());

    private final Waker waker;

    /**
     * Creates a context around {@code waker}; for executors that need to carry more per task.
     *
     * @param waker the waker futures polled with this context must call
     * @throws NullPointerException if {@code waker} is null
     */
    protected Context(Waker waker) {
        this.waker = Objects.requireNonNull(waker, "waker");
    }

    /**
     * Creates a context that is its own waker: for executors whose per-task object is both the
     * context and the waker, so polling and waking allocate nothing.
     *
     * <pre>{@code
     * final class MyTask extends Context implements Waker {
     *     public void wake() { schedule(this); }
     * }
     * }</pre>
     *
     * @throws IllegalStateException if the subclass does not implement {@link Waker}
     */
    protected Context() {
        if (!(this instanceof Waker self)) {
            throw new IllegalStateException(getClass().getName() + " uses Context's no-argument constructor, which"
                    + " makes the context its own waker, but does not implement io.ferrite.Waker: implement it or"
                    + " call Context(Waker)");
        }
        this.waker = self;
    }

    /**
     * Returns a context whose waker is {@code waker}.
     *
     * @param waker the waker futures polled with this context must call
     * @return a new context
     * @throws NullPointerException if {@code waker} is null
     */
    public static Context of(Waker waker) {
        return new Context(waker);
    }

    /**
     * Returns a shared context whose waker does nothing: for polling a future by hand once, or
     * for futures that are known to be ready.
     *
     * @return the shared no-op context
     */
    public static Context noop() {
        return NOOP;
    }

    /**
     * Returns the waker that futures polled with this context must call to be polled again.
     *
     * @return the waker, never null
     */
    public final Waker waker() {
        return waker;
    }

    @Override
    public String toString() {
        return "Context[" + waker + "]";
    }
}

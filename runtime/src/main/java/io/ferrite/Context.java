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
 * Immutable; executors may extend it to carry per-task data.
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

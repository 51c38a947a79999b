package io.ferrite;

/**
 * Tells a task that a future it is waiting on can make progress, so the task should poll it
 * again (Rust's {@code std::task::Waker}).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Waker waker = cx.waker();
 * callbackApi.onDone(result -> { this.result = result; waker.wake(); });
 * return Poll.pending();
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * {@link #wake()} may be called from any thread, any number of times, before or after the
 * future is polled again; implementations must make extra calls harmless.
 */
@FunctionalInterface
public interface Waker {

    /** Asks for the task owning this waker to be polled again. Never blocks. */
    void wake();

    /**
     * Returns a waker that does nothing.
     *
     * @return the shared no-op waker
     */
    static Waker noop() {
        return NoopWaker.INSTANCE;
    }
}

/** The shared waker that ignores wakes. */
enum NoopWaker implements Waker {
    INSTANCE;

    @Override
    public void wake() {
    }

    @Override
    public String toString() {
        return "Waker.noop()";
    }
}

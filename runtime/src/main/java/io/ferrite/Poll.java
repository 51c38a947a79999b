package io.ferrite;

import java.util.Objects;

/**
 * The outcome of one {@link Future#poll(Context) poll}: either ready with a value or pending.
 *
 * <p>Failures are not a {@code Poll} state: a failed future throws from {@code poll}.
 * {@link #pending()} is a shared constant, so returning it allocates nothing.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Poll<Integer> p = future.poll(cx);
 * if (p.isReady()) {
 *     use(p.value());
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable.
 *
 * @param <T> the value type
 */
public sealed class Poll<T> permits ReadyFuture {

    private static final Poll<?> PENDING = new Poll<>(null);
    /**
     * Shared by every {@code ready(null)}, so a {@code Poll<Void>} completion allocates nothing
     * even where escape analysis does not remove the object (JDK 17: 16 bytes per suspension).
     */
    private static final Poll<?> READY_NULL = new Poll<>(null);

    private final T value;

    Poll(T value) {
        this.value = value;
    }

    /**
     * Returns a ready poll carrying {@code value}.
     *
     * @param value the value, which may be {@code null}
     * @param <T>   the value type
     * @return a ready poll
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) READY_NULL : new Poll<>(value);
    }

    /**
     * Returns the pending poll: the value is not available yet and the waker will be called.
     *
     * @param <T> the value type
     * @return the shared pending constant
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    /**
     * Tells whether the value is available.
     *
     * @return {@code true} for a ready poll
     */
    public final boolean isReady() {
        return this != PENDING;
    }

    /**
     * Tells whether the value is not available yet.
     *
     * @return {@code true} for the pending poll
     */
    public final boolean isPending() {
        return this == PENDING;
    }

    /**
     * Returns the value of a ready poll.
     *
     * @return the value, possibly {@code null}
     * @throws IllegalStateException if this poll is pending
     */
    public final T value() {
        if (this == PENDING) {
            throw new IllegalStateException("Poll.pending() has no value: check isReady() before value()");
        }
        return value;
    }

    /** Two polls are equal when both are pending, or both are ready with equal values. */
    @Override
    public final boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Poll<?> that) || this == PENDING || that == PENDING) {
            return false;
        }
        return Objects.equals(value, that.value);
    }

    @Override
    public final int hashCode() {
        return this == PENDING ? -1 : Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return this == PENDING ? "Poll.pending()" : "Poll.ready(" + value + ")";
    }
}

package io.ferrite.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Thrown by a {@link Time#timeout(Duration, io.ferrite.Future) timeout} future whose time ran
 * out before the inner future completed (Tokio's {@code time::error::Elapsed}). The inner future
 * has been cancelled by then.
 *
 * <p>It is unchecked so that {@code catch (Elapsed e)} compiles around {@code await}, which
 * declares no checked exception.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try {
 *     Quote q = await(Time.timeout(Duration.ofMillis(200), pricing.quote(cart)));
 * } catch (Elapsed slow) {
 *     return Future.ready(Quote.fallback());
 * }
 * }</pre>
 */
public final class Elapsed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The time limit that was exceeded, or null for a deadline. */
    private final transient Duration limit;
    /** The deadline that passed, or null for a time limit. */
    private final transient Instant deadline;

    /**
     * Creates the exception for a timeout of {@code limit} around {@code what}.
     *
     * @param limit the time limit that ran out
     * @param what  a description of the future that was too slow
     */
    public Elapsed(Duration limit, String what) {
        super("timed out after " + limit + " waiting for " + what);
        this.limit = limit;
        this.deadline = null;
    }

    /**
     * Creates the exception for a {@link Time#timeoutAt(Instant, io.ferrite.Future) deadline}
     * that passed while waiting for {@code what}.
     *
     * @param deadline the deadline that passed
     * @param what     a description of the future that was too slow
     */
    public Elapsed(Instant deadline, String what) {
        super("deadline " + deadline + " passed waiting for " + what);
        this.limit = null;
        this.deadline = deadline;
    }

    /**
     * Returns the time limit that ran out.
     *
     * @return the limit given to {@link Time#timeout}, or null if this is a
     *         {@link Time#timeoutAt} deadline
     */
    public Duration limit() {
        return limit;
    }

    /**
     * Returns the deadline that passed.
     *
     * @return the deadline given to {@link Time#timeoutAt}, or null if this is a
     *         {@link Time#timeout} time limit
     */
    public Instant deadline() {
        return deadline;
    }
}

package io.ferrite.time;

import java.time.Duration;

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

    /** The time limit that was exceeded. */
    private final transient Duration limit;

    /**
     * Creates the exception for a timeout of {@code limit} around {@code what}.
     *
     * @param limit the time limit that ran out
     * @param what  a description of the future that was too slow
     */
    public Elapsed(Duration limit, String what) {
        super("timed out after " + limit + " waiting for " + what);
        this.limit = limit;
    }

    /**
     * Returns the time limit that ran out.
     *
     * @return the limit given to {@link Time#timeout}
     */
    public Duration limit() {
        return limit;
    }
}

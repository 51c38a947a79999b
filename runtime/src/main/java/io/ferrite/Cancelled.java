package io.ferrite;

/**
 * Thrown at the suspension point of a cancelled {@code @Async} future, so that the
 * {@code finally} blocks and try-with-resources closes enclosing that point run, innermost
 * first, as Rust runs destructors when a future is dropped.
 *
 * <p>It is an {@link Error}, like {@code ThreadDeath} was, so the usual
 * {@code catch (Exception e)} does not intercept it. Code that catches {@code Throwable} should
 * rethrow it. While a cancelled future unwinds, every {@code await} it reaches throws
 * {@code Cancelled} again at once.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Void> worker(Connection conn) {
 *     try {
 *         while (true) {
 *             handle(await(conn.read()));      // Cancelled is thrown here on cancel()
 *         }
 *     } finally {
 *         conn.close();                        // and this still runs
 *     }
 * }
 * }</pre>
 */
public class Cancelled extends Error {

    private static final long serialVersionUID = 1L;

    /** Creates a {@code Cancelled} with a generic message. */
    public Cancelled() {
        this("the future was cancelled");
    }

    /**
     * Creates a {@code Cancelled} with {@code message}.
     *
     * <p>The stack trace is not filled in: cancellation is control flow, often of many tasks
     * at once, and the trace would only show the runtime's own frames.
     *
     * @param message what was cancelled and why
     */
    public Cancelled(String message) {
        super(message, null, true, false);
    }
}

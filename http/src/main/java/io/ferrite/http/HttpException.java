package io.ferrite.http;

/**
 * A request the server refuses with an HTTP status: thrown by the body reads of a
 * {@link Request} (413 for a body over the limit, 400 for broken chunked framing), and by a
 * handler that wants to answer with a status and stop there. When a handler's future fails with
 * it, the server answers with {@link #status()} and the message as a plain-text body, closes the
 * connection, and logs nothing: the client caused it.
 *
 * <p>It is unchecked so that a handler, an {@code @Async} method or a lambda used as a
 * {@link Handler}, can throw it without declaring it, and so that code around an
 * {@code await} (which declares nothing) can catch it by name.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Response> order(Request request) {
 *     String id = request.pathParam("id");
 *     if (!id.chars().allMatch(Character::isDigit)) {
 *         throw new HttpException(400, "order id must be a number: " + id);
 *     }
 *     return Future.ready(Response.text(200, "order " + id));
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable.
 */
public class HttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status  the status to answer with, 400 to 599
     * @param message the reason, sent to the client as the body
     * @throws IllegalArgumentException if {@code status} is not 400 to 599
     */
    public HttpException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + ": an HttpException carries an error status, 400 to 599");
        }
        this.status = status;
    }

    /**
     * The status the server answers with.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }
}

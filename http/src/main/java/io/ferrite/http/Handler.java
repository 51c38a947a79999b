package io.ferrite.http;

import io.ferrite.Future;

/**
 * Answers a request (hyper's {@code service_fn}): an {@code @Async} method or an async lambda
 * from {@link Request} to a future of {@link Response}. A {@link Router} is a handler that picks
 * another by method and path.
 *
 * <p>The server polls the handler's future inside the connection's own task, as hyper does, so
 * a request costs no extra task; requests on one connection are answered one at a time, in
 * order, and different connections run in parallel on the runtime's workers. Like any
 * {@code @Async} code, a handler must not block its thread: use {@code Time.sleep},
 * {@code Fs}, the channels and {@code Task.spawnBlocking}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Handler hello = request -> Future.ready(Response.text(200, "Hello from Ferrite!"));
 *
 * @Async
 * Future<Response> slow(Request request) {
 *     await(Time.sleep(Duration.ofMillis(100)));     // the worker serves other requests meanwhile
 *     return Future.ready(Response.text(200, "slow"));
 * }
 * }</pre>
 *
 * <h2>Failure</h2>
 * A handler whose future fails (or that throws) is answered with 500 and the connection is
 * closed; the failure is logged once (WARNING, logger {@code io.ferrite.http.HttpServer}) with
 * the request line. An {@link HttpException} is answered with its status instead, and not
 * logged. A failure caused by the client leaving while the handler read the body is not logged
 * either.
 *
 * <h2>Cancellation</h2>
 * When the connection ends before the handler's future completes (the server's shutdown grace
 * ran out, the runtime shut down), the future is cancelled: an {@code @Async} handler resumes
 * with {@link io.ferrite.Cancelled} at its {@code await}, so its {@code finally} blocks run.
 *
 * <h2>Thread safety</h2>
 * One handler serves every connection at once, from several worker threads: keep its shared
 * state thread-safe (atomics, {@code io.ferrite.sync}).
 */
@FunctionalInterface
public interface Handler {

    /**
     * Returns a future of the response to {@code request}.
     *
     * @param request the request
     * @return a future of the response (never null)
     */
    Future<Response> handle(Request request);
}

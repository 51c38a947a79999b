/**
 * An HTTP/1.1 server on Ferrite's runtime. The entry point is
 * {@link io.ferrite.http.HttpServer}: {@code HttpServer.bind(address)}, then
 * {@code serve(handler)} with a {@link io.ferrite.http.Handler} (an {@code @Async} method or
 * async lambda from {@link io.ferrite.http.Request} to a future of
 * {@link io.ferrite.http.Response}), often a {@link io.ferrite.http.Router}; and
 * {@code shutdown(grace)} to stop it gracefully. The model, limits and timeouts are in
 * {@code docs/http.md}.
 */
package io.ferrite.http;

/**
 * Asynchronous streams (Rust's {@code futures::Stream} and {@code StreamExt}): the entry point is
 * {@link io.ferrite.stream.AsyncStream}, a lazy, pull-based sequence whose items are never
 * {@code null}; {@code Poll.ready(null)} and a {@code null} from {@code next()} mean the end.
 */
package io.ferrite.stream;

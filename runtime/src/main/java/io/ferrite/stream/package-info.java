/**
 * Asynchronous streams (Rust's {@code futures::Stream} and {@code StreamExt}): the entry point is
 * {@link io.ferrite.stream.AsyncStream}, a lazy, pull-based sequence whose items are never
 * {@code null}; {@code Poll.ready(null)} and a {@code null} from {@code next()} mean the end.
 *
 * <p>Sources ({@code of}, {@code fromIterable}, {@code range}, {@code unfold}, channel receivers,
 * intervals, {@code Flow.Publisher}s), combinators ({@code map}, {@code filter}, {@code then},
 * {@code bufferUnordered}, {@code merge}, {@code chunksTimeout}, ...) and terminal operations
 * ({@code forEach}, {@code fold}, {@code collect}, ...) are all reached from {@code AsyncStream};
 * {@link io.ferrite.stream.Pair} and {@link io.ferrite.stream.Indexed} are the item types of
 * {@code zip}/{@code unfold} and {@code enumerate}. Everything else in the package is engine.
 * The model, backpressure, cancellation and the Reactive Streams bridge are described in
 * {@code docs/streams.md}.
 */
package io.ferrite.stream;

/**
 * The core contract: {@link io.ferrite.Future}, {@link io.ferrite.Poll},
 * {@link io.ferrite.Context}, {@link io.ferrite.Waker}, {@link io.ferrite.Await} and
 * {@link io.ferrite.Cancelled}.
 *
 * <p>Start with {@link io.ferrite.Future}: a lazy, poll-based computation, as in Rust. Methods
 * marked {@code @io.ferrite.annotations.Async} are rewritten into futures at build time and call
 * {@link io.ferrite.Await#await(io.ferrite.Future)} to wait for other futures.
 *
 * <p>{@link io.ferrite.Futures} runs several futures at once inside one task: {@code join} and
 * {@code tryJoin} (all of them), {@code select} and {@code race} (the first to finish), and
 * {@code mapConcurrent} (many inputs, at most n at a time).
 */
package io.ferrite;

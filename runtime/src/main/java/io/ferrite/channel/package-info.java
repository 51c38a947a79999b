/**
 * Channels between tasks (Tokio's {@code tokio::sync} channels): {@link io.ferrite.channel.Mpsc}
 * (many senders, one receiver, bounded with backpressure or unbounded), the entry point for most
 * uses; {@link io.ferrite.channel.Oneshot} (one message); {@link io.ferrite.channel.Broadcast}
 * (every receiver sees every message; a slow receiver learns how many it missed);
 * {@link io.ferrite.channel.Watch} (the latest value).
 *
 * <p>Conventions shared by all: messages are never {@code null}, and a receive completes with
 * {@code null} once every sender is closed and the messages are drained, so
 * {@code for (T m; (m = await(rx.recv())) != null; ) { ... }} ends cleanly; sending when the
 * receiving side is gone hands the message back in a {@link io.ferrite.channel.SendResult};
 * senders and receivers are {@link java.lang.AutoCloseable}. Receivers expose
 * {@code pollRecv(Context)}, the hook a stream over them will call. Each receive documents its
 * cancel safety.
 */
package io.ferrite.channel;

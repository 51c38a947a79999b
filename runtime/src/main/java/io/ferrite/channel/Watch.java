package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A channel that holds only the latest value (Tokio's {@code tokio::sync::watch}): receivers
 * read the current value at any time and wait for it to change, skipping values they were too
 * slow to see. Configuration, status, progress.
 *
 * <p>Each {@link Receiver} remembers the version it has seen. {@link Receiver#changed()}
 * completes when a newer version exists; {@link Receiver#recv()} completes with the newest
 * unseen value and marks it seen. Values are never {@code null}: once every sender is closed and
 * the receiver has seen the last value, {@code recv()} completes with {@code null} and
 * {@code changed()} with {@code false}, so the usual loops end without an exception.
 * {@link Sender#sendModify} changes the value in one step with no other sender's change in
 * between, and {@link Sender#closed()} tells a producer when nobody watches any more.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Watch.Channel<Config> config = Watch.channel(Config.defaults());
 *
 * @Async
 * Future<Void> follow(Watch.Receiver<Config> rx) {
 *     for (Config c; (c = await(rx.recv())) != null; ) {
 *         apply(c);                 // the latest config; intermediate ones may be skipped
 *     }
 *     return Future.ready(null);    // the config source closed
 * }
 *
 * config.sender().send(reloaded);
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link Receiver#changed()} and {@link Receiver#recv()} are cancel safe: the seen version moves
 * only in the poll that completes, so cancelling loses no change.
 *
 * <h2>Thread safety</h2>
 * Senders may be used from any thread, at once; each receiver belongs to one task.
 */
public final class Watch {

    private Watch() {
    }

    /**
     * Makes a watch channel holding {@code initial}, with one sender and one receiver that has
     * seen the initial value.
     *
     * <pre>{@code
     * Watch.Channel<Status> status = Watch.channel(Status.STARTING);
     * }</pre>
     *
     * @param initial the first value, not null
     * @param <T>     the value type
     * @return the sender and a first receiver
     * @throws NullPointerException if {@code initial} is null
     */
    public static <T> Channel<T> channel(T initial) {
        Shared<T> shared = new Shared<>(requireValue(initial));
        return new Channel<>(new Sender<>(shared), new Receiver<>(shared, 0));
    }

    /**
     * The two ends of a new watch channel.
     *
     * @param sender   the first sender
     * @param receiver the first receiver
     * @param <T>      the value type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    private static <T> T requireValue(T value) {
        return Objects.requireNonNull(value, "Watch channels hold non-null values: recv() completes with null to"
                + " say the channel has ended");
    }

    /** The latest value and its version; every field is guarded by the object's monitor. */
    private static final class Shared<T> extends Multicast {
        T value;
        long version;

        Shared(T value) {
            this.value = value;
        }
    }

    /**
     * The sending end of a watch channel.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * status.sender().send(Status.READY);
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * See {@link #closed()}.
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once.
     *
     * @param <T> the value type
     */
    public static final class Sender<T> extends Multicast.SenderEnd<Shared<T>> {

        Sender(Shared<T> shared) {
            super(shared, "Watch.Sender");
        }

        /**
         * Replaces the value and notifies the receivers.
         *
         * <pre>{@code
         * tx.send(newConfig);
         * }</pre>
         *
         * @param value the new value, not null
         * @return sent, or closed with the value handed back (and not stored) if no receiver
         *         is subscribed
         * @throws NullPointerException  if {@code value} is null
         * @throws IllegalStateException if this sender is closed
         */
        public SendResult<T> send(T value) {
            requireValue(value);
            Shared<T> s = shared;
            synchronized (s) {
                checkOpenLocked();
                if (s.receivers == 0) {
                    return SendResult.closed(value);
                }
                s.value = value;
                s.version++;
            }
            s.changed.notifyWaiters();
            return SendResult.sent();
        }

        /**
         * Replaces the value with {@code modify} applied to the current one, as one step that no
         * other sender's change can come between, and notifies the receivers: Tokio's
         * {@code send_modify}. Unlike {@link #send(Object)}, the value is stored even when no
         * receiver is subscribed, so a receiver subscribed later sees it.
         *
         * <p>{@code modify} runs under the channel's lock: keep it short, and do not send on this
         * channel from it. It usually returns a new value; it may change a mutable value in place
         * and return it, but receivers already holding that value then see it change under them.
         * If it throws, or returns {@code null}, nothing is stored or announced.
         *
         * <pre>{@code
         * Watch.Channel<Integer> connections = Watch.channel(0);
         * connections.sender().sendModify(n -> n + 1);   // no increment lost to a concurrent one
         * }</pre>
         *
         * @param modify computes the new value from the current one; must not return null
         * @return the new value
         * @throws NullPointerException  if {@code modify} is null or returns null
         * @throws IllegalStateException if this sender is closed
         */
        public T sendModify(UnaryOperator<T> modify) {
            Objects.requireNonNull(modify, "Watch.Sender.sendModify(modify): modify is null");
            Shared<T> s = shared;
            T updated;
            synchronized (s) {
                checkOpenLocked();
                updated = Objects.requireNonNull(modify.apply(s.value), "the function given to Watch.Sender.sendModify"
                        + " returned null: Watch channels hold non-null values, so nothing was changed");
                s.value = updated;
                s.version++;
            }
            s.changed.notifyWaiters();
            return updated;
        }

        /**
         * Returns the current value.
         *
         * @return the latest value sent, or the initial one
         */
        public T get() {
            synchronized (shared) {
                return shared.value;
            }
        }

        /**
         * Subscribes a new receiver, which has seen the current value.
         *
         * <pre>{@code
         * Watch.Receiver<Config> rx = tx.subscribe();
         * }</pre>
         *
         * @return a new receiver
         */
        public Receiver<T> subscribe() {
            Shared<T> s = shared;
            synchronized (s) {
                Multicast.ReceiverEnd.retainLocked(s);
                return new Receiver<>(s, s.version);
            }
        }

        /**
         * Returns a future that completes once no receiver is subscribed (every one closed):
         * lets the producer of a value stop computing it when nobody watches any more (Tokio's
         * {@code Sender::closed}). It completes at once if no receiver is subscribed now; a
         * receiver subscribed afterwards does not undo that.
         *
         * <pre>{@code
         * await(Futures.Select.<Void>biased()
         *         .on(tx.closed(), gone -> null)                  // nobody watches: stop
         *         .on(pollStatusForever(tx), done -> null));
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: cancelling only stops the wait.
         *
         * @return a future completing with {@code null} once every receiver is closed
         */
        public Future<Void> closed() {
            return receiversClosed();
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Watch.Sender<Config> forReloader = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public Sender<T> clone() {
            retain();
            return new Sender<>(shared);
        }

        @Override
        public String toString() {
            return "Watch.Sender[" + (isEndClosed() ? "closed" : "open") + "]";
        }
    }

    /**
     * A receiving end of a watch channel.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * while (await(rx.changed())) {
     *     render(rx.get());
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * {@link #changed()} and {@link #recv()} are cancel safe.
     *
     * <h2>Thread safety</h2>
     * Belongs to one task at a time.
     *
     * @param <T> the value type
     */
    public static final class Receiver<T> extends Multicast.ReceiverEnd<Shared<T>> {
        /** The version this receiver has seen; guarded by the shared monitor. */
        private long seen;

        Receiver(Shared<T> shared, long seen) {
            super(shared, "Watch.Receiver");
            this.seen = seen;
        }

        /**
         * Returns the current value without marking it seen.
         *
         * @return the latest value
         */
        public T get() {
            synchronized (shared) {
                return shared.value;
            }
        }

        /**
         * Returns the current value and marks it seen.
         *
         * <pre>{@code
         * Config c = rx.getAndUpdate();
         * }</pre>
         *
         * @return the latest value
         */
        public T getAndUpdate() {
            Shared<T> s = shared;
            synchronized (s) {
                seen = s.version;
                return s.value;
            }
        }

        /**
         * Tells whether a value newer than the last one seen is available.
         *
         * @return {@code true} if {@link #changed()} would complete at once with {@code true}
         */
        public boolean hasChanged() {
            synchronized (shared) {
                return seen != shared.version;
            }
        }

        /**
         * Returns a future that completes with {@code true} when a value newer than the last one
         * seen is available, marking it seen; or with {@code false} once every sender is closed
         * and no unseen value is left.
         *
         * <pre>{@code
         * while (await(rx.changed())) { render(rx.get()); }
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: the version is marked seen only when the future completes.
         *
         * @return a future of whether a change arrived
         */
        public Future<Boolean> changed() {
            return new Multicast.Recv<>(this, true, "Watch.Receiver.changed()");
        }

        /**
         * Returns a future of the newest unseen value, marking it seen; or of {@code null} once
         * every sender is closed and no unseen value is left.
         *
         * <pre>{@code
         * for (Config c; (c = await(rx.recv())) != null; ) { apply(c); }
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: the version is marked seen only when the future completes.
         *
         * @return a future of the next value, or of {@code null} at the end
         */
        public Future<T> recv() {
            return new Multicast.Recv<>(this, false, "Watch.Receiver.recv()");
        }

        /**
         * Polls for a value newer than the last one seen: the building block of {@link #recv()},
         * and what a stream over this receiver calls.
         *
         * @param cx the context of the polling task
         * @return ready with the newest unseen value (now marked seen), ready with {@code null}
         *         at the end, or pending
         */
        public Poll<T> pollRecv(Context cx) {
            return pollNext(cx);
        }

        @Override
        Object next() {
            Shared<T> s = shared;
            if (seen != s.version) {
                seen = s.version;
                return s.value;
            }
            return s.senders == 0 ? Multicast.END : null;
        }

        /**
         * Returns another receiver that has seen what this one has.
         *
         * <pre>{@code
         * Watch.Receiver<Config> copy = rx.clone();
         * }</pre>
         *
         * @return a new receiver
         */
        @Override
        public Receiver<T> clone() {
            Shared<T> s = shared;
            synchronized (s) {
                retainLocked(s);
                return new Receiver<>(s, seen);
            }
        }

        /**
         * Returns the changes this receiver sees as a stream: each value newer than the last one
         * seen; it ends when every sender is closed, and owns the receiver. See
         * {@link io.ferrite.stream.AsyncStream#from(Receiver)}.
         *
         * <pre>{@code
         * await(rx.stream().forEach(config -> apply(config)));
         * }</pre>
         *
         * @return a stream over this receiver
         */
        public io.ferrite.stream.AsyncStream<T> stream() {
            return io.ferrite.stream.AsyncStream.from(this);
        }

        @Override
        public String toString() {
            return "Watch.Receiver[" + (isEndClosed() ? "closed" : hasChanged() ? "changed" : "seen") + "]";
        }
    }
}

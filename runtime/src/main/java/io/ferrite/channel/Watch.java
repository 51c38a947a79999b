package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Notify;
import java.util.Objects;

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

    /** Every field is guarded by the object's monitor. */
    private static final class Shared<T> {
        T value;
        long version;
        int senders = 1;
        int receivers = 1;
        final Notify changed = new Notify();

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
     * <h2>Thread safety</h2>
     * May be used from many threads at once.
     *
     * @param <T> the value type
     */
    public static final class Sender<T> implements AutoCloseable {
        private final Shared<T> shared;
        private boolean closed;

        Sender(Shared<T> shared) {
            this.shared = shared;
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
            synchronized (shared) {
                checkOpen();
                if (shared.receivers == 0) {
                    return SendResult.closed(value);
                }
                shared.value = value;
                shared.version++;
            }
            shared.changed.notifyWaiters();
            return SendResult.sent();
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
            synchronized (shared) {
                shared.receivers++;
                return new Receiver<>(shared, shared.version);
            }
        }

        /**
         * Returns the number of receivers subscribed now.
         *
         * @return the receiver count
         */
        public int receiverCount() {
            synchronized (shared) {
                return shared.receivers;
            }
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
            synchronized (shared) {
                checkOpen();
                shared.senders++;
            }
            return new Sender<>(shared);
        }

        /**
         * Closes this sender; when every sender is closed, receivers that have seen the last
         * value see the end. Only the first call does anything.
         */
        @Override
        public void close() {
            boolean last;
            synchronized (shared) {
                if (closed) {
                    return;
                }
                closed = true;
                last = --shared.senders == 0;
            }
            if (last) {
                shared.changed.notifyWaiters();
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this Watch.Sender is closed: use it (or clone it) before close()");
            }
        }

        @Override
        public String toString() {
            return "Watch.Sender[" + (closed ? "closed" : "open") + "]";
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
    public static final class Receiver<T> implements AutoCloseable {
        private final Shared<T> shared;
        /** The version this receiver has seen; guarded by the shared monitor. */
        private long seen;
        private boolean closed;
        private Future<Void> wait;

        Receiver(Shared<T> shared, long seen) {
            this.shared = shared;
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
            synchronized (shared) {
                seen = shared.version;
                return shared.value;
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
            return new Wait<>(this, false);
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
            return new Wait<>(this, true);
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
            // Cooperative budget (as Tokio's channels): a receiver that always finds a message
            // would otherwise keep its worker forever; when the budget is spent the task is woken
            // and yields, and no message has been taken.
            if (!Task.pollProceed(cx)) {
                return Poll.pending();
            }
            while (true) {
                if (wait == null) {
                    // Made before looking, so a send between the look and the wait is not missed.
                    wait = shared.changed.notified();
                }
                synchronized (shared) {
                    if (closed) {
                        throw new IllegalStateException("this Watch.Receiver is closed");
                    }
                    if (seen != shared.version) {
                        seen = shared.version;
                        T v = shared.value;
                        cancelWait();
                        return Poll.ready(v);
                    }
                    if (shared.senders == 0) {
                        cancelWait();
                        return Poll.ready(null);
                    }
                }
                if (wait.poll(cx).isPending()) {
                    return Poll.pending();
                }
                wait = null;
            }
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
            synchronized (shared) {
                shared.receivers++;
                return new Receiver<>(shared, seen);
            }
        }

        /**
         * Unsubscribes: senders hand values back once no receiver is left. Only the first call
         * does anything.
         */
        @Override
        public void close() {
            synchronized (shared) {
                if (closed) {
                    return;
                }
                closed = true;
                shared.receivers--;
            }
            cancelWait();
        }

        private void cancelWait() {
            Future<Void> w = wait;
            wait = null;
            if (w != null) {
                w.cancel();
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
            return "Watch.Receiver[" + (closed ? "closed" : hasChanged() ? "changed" : "seen") + "]";
        }
    }

    /** The future of {@link Receiver#changed()} and {@link Receiver#recv()}. */
    private static final class Wait<T, R> implements Future<R> {
        private final Receiver<T> receiver;
        private final boolean value;
        private boolean done;

        Wait(Receiver<T> receiver, boolean value) {
            this.receiver = receiver;
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<R> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("a Watch.Receiver future was polled after it completed");
            }
            Poll<T> p = receiver.pollRecv(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            done = true;
            return value ? (Poll<R>) p : (Poll<R>) Poll.ready(p.value() != null);
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                receiver.cancelWait();
            }
        }

        @Override
        public String toString() {
            return value ? "Watch.Receiver.recv()" : "Watch.Receiver.changed()";
        }
    }
}

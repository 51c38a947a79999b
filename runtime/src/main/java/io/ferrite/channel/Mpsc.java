package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.sync.WaitList;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Multi-producer, single-consumer channels (Tokio's {@code tokio::sync::mpsc}): many
 * {@link Sender}s, one {@link Receiver}, messages received in the order they were sent by each
 * sender.
 *
 * <p>{@link #channel(int)} makes a bounded channel: when {@code capacity} messages are waiting,
 * {@link Sender#send(Object)} waits for room, which slows fast producers down to the consumer's
 * pace (backpressure); {@link Sender#reserve()} waits for the room first and hands it out as a
 * {@link Permit}, so the message is made only once it can be sent. {@link #unboundedChannel()}
 * makes one whose sends never wait.
 *
 * <h2>The end of the channel</h2>
 * Messages are never {@code null}: {@link Receiver#recv()} completes with {@code null} when
 * every sender is closed (or the receiver was closed) and every buffered message has been
 * received, so the usual loop ends without an exception. Close every sender, typically with
 * try-with-resources, or the receiver waits for ever. Sending to a channel whose receiver is
 * closed hands the message back in a {@link SendResult}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Mpsc.Channel<String> ch = Mpsc.channel(16);
 *
 * @Async
 * Future<Void> produce(Mpsc.Sender<String> tx) {
 *     try (tx) {
 *         for (String line : lines) {
 *             if (!await(tx.send(line)).isSent()) {
 *                 break;   // the consumer has gone
 *             }
 *         }
 *     }
 *     return Future.ready(null);
 * }
 *
 * @Async
 * Future<Integer> consume(Mpsc.Receiver<String> rx) {
 *     int count = 0;
 *     for (String line; (line = await(rx.recv())) != null; ) {
 *         count += line.length();
 *     }
 *     return Future.ready(count);   // every sender closed and the buffer drained
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * {@link Receiver#recv()} is cancel safe: a message leaves the channel only in the poll that
 * returns it, so cancelling a pending {@code recv()} (in a {@code select} loop, say) loses
 * nothing. {@link Sender#send(Object)} is cancel safe in that a cancelled send leaves no trace:
 * the message was not sent and is still the caller's, and the room it waited for goes to the next
 * sender; only its place in the queue of waiting senders is lost. {@link Sender#reserve()} is
 * cancel safe in the same way, and a {@link Permit} closed unused gives its slot back.
 *
 * <h2>Thread safety</h2>
 * Senders may be used from any thread, at once. The receiver belongs to one consumer at a time.
 */
public final class Mpsc {

    private Mpsc() {
    }

    /**
     * Makes a bounded channel holding up to {@code capacity} messages.
     *
     * <pre>{@code
     * Mpsc.Channel<Job> jobs = Mpsc.channel(64);
     * Mpsc.Sender<Job> tx = jobs.sender();
     * Mpsc.Receiver<Job> rx = jobs.receiver();
     * }</pre>
     *
     * @param capacity how many messages may wait in the channel, at least 1
     * @param <T>      the message type
     * @return the sender and receiver
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or above
     *                                  {@link Semaphore#MAX_PERMITS}
     */
    public static <T> Channel<T> channel(int capacity) {
        if (capacity < 1 || capacity > Semaphore.MAX_PERMITS) {
            throw new IllegalArgumentException("Mpsc.channel(" + capacity + "): the capacity must be from 1 to "
                    + Semaphore.MAX_PERMITS + "; use Mpsc.unboundedChannel() for no limit");
        }
        Chan<T> chan = new Chan<>(capacity);
        return new Channel<>(new Sender<>(chan), new Receiver<>(chan));
    }

    /**
     * Makes a channel with no limit: sends never wait. Prefer {@link #channel(int)} unless the
     * producers are known to be slower than the consumer, or memory grows without bound.
     *
     * <pre>{@code
     * Mpsc.UnboundedChannel<Event> events = Mpsc.unboundedChannel();
     * events.sender().send(new Event("started"));
     * }</pre>
     *
     * @param <T> the message type
     * @return the sender and receiver
     */
    public static <T> UnboundedChannel<T> unboundedChannel() {
        Chan<T> chan = new Chan<>(Integer.MAX_VALUE);
        return new UnboundedChannel<>(new UnboundedSender<>(chan), new Receiver<>(chan));
    }

    /**
     * The two ends of a bounded channel.
     *
     * @param sender   the first sender; {@link Sender#clone()} makes more
     * @param receiver the receiver
     * @param <T>      the message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * The two ends of an unbounded channel.
     *
     * @param sender   the first sender; {@link UnboundedSender#clone()} makes more
     * @param receiver the receiver
     * @param <T>      the message type
     */
    public record UnboundedChannel<T>(UnboundedSender<T> sender, Receiver<T> receiver) {
    }

    /**
     * The state both ends share, all of it guarded by the chan's monitor: the buffer, the room
     * taken ({@code used}), the receiver's waker, the queue of senders waiting for room (the shared
     * {@link WaitList}, each waiter wanting one slot), and the counts and flags that end the
     * channel. One lock for everything makes {@code trySend} and {@code tryRecv} linearizable
     * (never "full" and "empty" at once), costs one lock per send and one per receive (no semaphore
     * beside it, no separate notification word), and makes every decision to wake someone exact: a
     * send wakes the receiver only if it registered a waker (Tokio's "notify only if waiting"), and
     * a receive wakes one waiting sender only when it frees room for it. No waker ever runs under
     * the monitor.
     */
    static final class Chan<T> {
        private final ArrayDeque<T> queue = new ArrayDeque<>();
        /** How much room there is; {@code Integer.MAX_VALUE} for an unbounded channel. */
        private final int capacity;
        /** Messages buffered plus room granted to waiting senders and permits that have not pushed yet. */
        private int used;
        /** The waker of a receive that found nothing; taken (and called) by the next send or end. */
        private Waker rxWaker;
        /** Sends and reserves waiting for room, oldest first, each wanting one slot. */
        private final WaitList waiting = new WaitList();
        private int senders = 1;
        /** Written under the monitor; read without it by {@code isClosed()}. */
        private volatile boolean receiverClosed;

        Chan(int capacity) {
            this.capacity = capacity;
        }

        // -------------------------------------------------------------------------- sending

        /** {@link #offer} and {@link #pollRoom} outcomes. */
        static final int SENT = 0;
        static final int FULL = 1;
        static final int CLOSED = 2;

        /**
         * Takes one slot now if the sender and receiver are open and there is room with nobody
         * waiting for it; pushes {@code value} into it unless it is null (a {@code tryReserve}).
         */
        int offer(SenderBase<T> sender, T value) {
            Waker rx = null;
            synchronized (this) {
                if (sender.closed || receiverClosed) {
                    return CLOSED;
                }
                if (used >= capacity || !waiting.isEmpty()) {
                    return FULL;
                }
                used++;
                if (value != null) {
                    rx = pushLocked(value);
                }
            }
            if (rx != null) {
                rx.wake();
            }
            return SENT;
        }

        /**
         * One poll of a bounded send or reserve: takes the slot granted to it, or a free one with
         * nobody ahead, and pushes {@code value} into it unless it is null (a reserve); or else
         * joins the queue of waiting senders with {@code waker}, or updates its waker there.
         *
         * @return {@link #SENT} (the slot is taken), {@link #CLOSED}, or {@link #FULL} for pending
         */
        int pollRoom(RoomWait<T, ?> wait, T value, Waker waker) {
            Waker rx = null;
            WaitList.Waiter woken;
            int outcome;
            synchronized (this) {
                WaitList.Waiter node = wait.node;
                if (wait.sender.closed || receiverClosed) {
                    // Room granted meanwhile goes to the next sender.
                    woken = node == null ? null : freeRoomLocked(waiting.remove(node));
                    outcome = CLOSED;
                } else if (node == null ? used < capacity && waiting.isEmpty() : node.remaining() == 0) {
                    if (node == null) {
                        used++;
                    } else {
                        waiting.remove(node);   // the granted slot is this send's now
                    }
                    if (value != null) {
                        rx = pushLocked(value);
                    }
                    woken = null;
                    outcome = SENT;
                } else {
                    if (node == null) {
                        node = new SlotWaiter();
                        wait.node = node;
                        waiting.add(node, 1, waker);
                    } else {
                        waiting.updateWaker(node, waker);
                    }
                    woken = null;
                    outcome = FULL;
                }
            }
            wake(rx, woken);
            return outcome;
        }

        /** A cancelled or abandoned wait leaves the queue; room granted to it goes to the next sender. */
        void cancelWait(WaitList.Waiter node) {
            WaitList.Waiter woken;
            synchronized (this) {
                woken = freeRoomLocked(waiting.remove(node));
            }
            WaitList.wake(woken);
        }

        /**
         * Pushes {@code value} into a slot a permit reserved, or, if its sender or the receiver is
         * closed, frees the slot.
         *
         * @return {@link #SENT} or {@link #CLOSED}
         */
        int sendReserved(SenderBase<T> sender, T value) {
            Waker rx = null;
            WaitList.Waiter woken;
            int outcome;
            synchronized (this) {
                if (sender.closed || receiverClosed) {
                    woken = freeRoomLocked(1);
                    outcome = CLOSED;
                } else {
                    rx = pushLocked(value);
                    woken = null;
                    outcome = SENT;
                }
            }
            wake(rx, woken);
            return outcome;
        }

        /** Frees a slot a permit reserved and did not use. */
        void releaseReserved() {
            WaitList.Waiter woken;
            synchronized (this) {
                woken = freeRoomLocked(1);
            }
            WaitList.wake(woken);
        }

        /**
         * Frees {@code n} slots and gives free room to the waiting senders, oldest first.
         *
         * @return the senders to wake once the monitor is released
         */
        private WaitList.Waiter freeRoomLocked(int n) {
            used -= n;
            int free = capacity - used;
            if (free > 0 && !receiverClosed && !waiting.isEmpty()) {
                used += free - waiting.grant(free);
            }
            return waiting.takeWakeups();
        }

        /** Buffers {@code value}; returns the receiver's waker to call once the monitor is released. */
        private Waker pushLocked(T value) {
            queue.add(value);
            return takeRxWakerLocked();
        }

        private static void wake(Waker rx, WaitList.Waiter woken) {
            if (rx != null) {
                rx.wake();
            }
            WaitList.wake(woken);
        }

        /** The room free now. */
        int freeRoom() {
            synchronized (this) {
                return capacity - used;
            }
        }

        int capacity() {
            return capacity;
        }

        private Waker takeRxWakerLocked() {
            Waker w = rxWaker;
            rxWaker = null;
            return w;
        }

        // -------------------------------------------------------------------------- receiving

        /**
         * Takes the next message; if there is none, returns {@link #END} when the channel has
         * ended, else null, after registering {@code waker} (when not null) for the next send.
         */
        @SuppressWarnings("unchecked")
        T poll(Waker waker) {
            T v;
            WaitList.Waiter woken;
            synchronized (this) {
                v = queue.poll();
                if (v == null) {
                    if (senders == 0 || receiverClosed) {
                        rxWaker = null;
                        return (T) END;
                    }
                    if (waker != null) {
                        rxWaker = waker;
                    }
                    return null;
                }
                if (waiting.isEmpty()) {
                    used--;
                    return v;
                }
                woken = freeRoomLocked(1);
            }
            WaitList.wake(woken);
            return v;
        }

        /** A cancelled receive no longer wants to be woken. */
        void forgetRxWaker() {
            synchronized (this) {
                rxWaker = null;
            }
        }

        boolean isEnded() {
            synchronized (this) {
                return (senders == 0 || receiverClosed) && queue.isEmpty();
            }
        }

        // -------------------------------------------------------------------------- ends

        void retain(SenderBase<T> sender) {
            synchronized (this) {
                if (sender.closed) {
                    throw new IllegalStateException("clone() of a closed " + sender.kind() + ": clone it before closing it");
                }
                senders++;
            }
        }

        /** Closes {@code sender}; the last one wakes the receiver, which then sees the end. */
        void release(SenderBase<T> sender) {
            Waker rx = null;
            synchronized (this) {
                if (sender.closed) {
                    return;
                }
                sender.closed = true;
                if (--senders == 0) {
                    rx = takeRxWakerLocked();
                }
            }
            if (rx != null) {
                rx.wake();
            }
        }

        /** Closes the receiving side: every waiting sender is woken to hand its message back. */
        void closeReceiver() {
            WaitList.Waiter woken;
            synchronized (this) {
                if (receiverClosed) {
                    return;
                }
                receiverClosed = true;
                used -= waiting.removeAll();   // their next poll sees the closed receiver
                woken = waiting.takeWakeups();
            }
            WaitList.wake(woken);
        }

        boolean isReceiverClosed() {
            return receiverClosed;
        }

        static <T> T requireMessage(T value) {
            return Objects.requireNonNull(value, "Mpsc channels carry non-null messages: recv() completes with null"
                    + " to say the channel has ended, so send a wrapper or an empty value instead of null");
        }
    }

    /** What both kinds of sender share: cloning, and closing that ends the channel. */
    private abstract static class SenderBase<T> implements AutoCloseable {
        final Chan<T> chan;
        /** Written under the chan's monitor, so a send checks it and pushes in one step. */
        volatile boolean closed;

        SenderBase(Chan<T> chan) {
            this.chan = chan;
        }

        /** The public name of this kind of sender, for messages. */
        abstract String kind();

        final boolean isSenderClosed() {
            return closed;
        }

        /**
         * Closes this sender. When every sender is closed, the receiver, once it has received
         * the buffered messages, sees the end of the channel. Only the first call does anything.
         */
        @Override
        public final void close() {
            chan.release(this);
        }

        /**
         * Tells whether the receiver is closed, so that nothing sent will be received.
         *
         * @return {@code true} once the receiver is closed
         */
        public final boolean isClosed() {
            return chan.isReceiverClosed();
        }

        final String state() {
            return isSenderClosed() ? "closed" : isClosed() ? "receiver closed" : "open";
        }
    }

    /**
     * The sending end of a bounded channel; {@link #clone()} it for each producer, and close
     * each clone when done.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.Sender<Job> tx = jobs.sender().clone()) {
     *     await(tx.send(job));
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * See {@link #send(Object)} and {@link #reserve()}.
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once; close it only when no send on it is pending.
     *
     * @param <T> the message type
     */
    public static final class Sender<T> extends SenderBase<T> {

        Sender(Chan<T> chan) {
            super(chan);
        }

        @Override
        String kind() {
            return "Mpsc.Sender";
        }

        /**
         * Returns a future that waits for room in the channel, then puts {@code value} in it.
         * Senders waiting for room get it in the order they started waiting.
         *
         * <pre>{@code
         * SendResult<String> r = await(tx.send("hello"));
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * A cancelled send has not sent the message and holds no room; the message is still the
         * caller's.
         *
         * @param value the message, not null
         * @return a future of {@link SendResult#isSent() sent}, or of
         *         {@link SendResult#isClosed() closed} with the message handed back when the
         *         receiver is (or becomes, while waiting) closed, or this sender is closed
         * @throws NullPointerException if {@code value} is null
         */
        public Future<SendResult<T>> send(T value) {
            return new Send<>(this, Chan.requireMessage(value));
        }

        /**
         * Puts {@code value} in the channel now if there is room.
         *
         * <pre>{@code
         * if (tx.trySend(event).isFull()) { dropped++; }
         * }</pre>
         *
         * @param value the message, not null
         * @return sent; full; or closed (the receiver or this sender is closed), with the
         *         message handed back
         * @throws NullPointerException if {@code value} is null
         */
        public SendResult<T> trySend(T value) {
            Chan.requireMessage(value);
            return switch (chan.offer(this, value)) {
                case Chan.SENT -> SendResult.sent();
                case Chan.FULL -> SendResult.full(value);
                default -> SendResult.closed(value);
            };
        }

        /**
         * Returns a future that waits for one slot of room, as {@link #send(Object)} does, and
         * completes with a {@link Permit} holding it: the message is then sent without waiting,
         * or the slot given back by closing the permit. Tokio's {@code Sender::reserve}.
         *
         * <pre>{@code
         * try (Mpsc.Permit<Job> slot = await(tx.reserve())) {
         *     if (slot != null) {
         *         slot.send(nextJob());
         *     }
         * }
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: a cancelled reserve holds no room; room granted to it and not yet
         * observed goes to the next waiting sender. Only its place in the queue is lost.
         *
         * @return a future of a permit, or of {@code null} when the receiver is (or becomes,
         *         while waiting) closed, or this sender is closed
         */
        public Future<Permit<T>> reserve() {
            return new Reserve<>(this);
        }

        /**
         * Reserves one slot of room now if there is one and no sender is waiting for room.
         *
         * <pre>{@code
         * Mpsc.Permit<Job> slot = tx.tryReserve();
         * if (slot == null) {
         *     return Future.ready(Response.busy());   // full, or nobody receives any more
         * }
         * try (slot) {
         *     slot.send(job);
         * }
         * }</pre>
         *
         * @return a permit, or {@code null} if the channel is full now, or closed
         *         ({@link #isClosed()} tells whether the receiver is)
         */
        public Permit<T> tryReserve() {
            return chan.offer(this, null) == Chan.SENT ? new Permit<>(this) : null;
        }

        /**
         * Returns the room free now: the capacity less the messages buffered and the slots
         * reserved or granted to waiting senders (Tokio's {@code Sender::capacity}). For
         * diagnostics and heuristics: the answer may be stale at once.
         *
         * <pre>{@code
         * if (tx.capacity() == 0) { metrics.backpressure(); }
         * }</pre>
         *
         * @return the free room, from 0 to {@link #maxCapacity()}
         */
        public int capacity() {
            return chan.freeRoom();
        }

        /**
         * Returns the capacity the channel was made with (Tokio's {@code Sender::max_capacity}).
         *
         * @return the capacity given to {@link Mpsc#channel(int)}
         */
        public int maxCapacity() {
            return chan.capacity();
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Mpsc.Sender<Job> forWorker = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public Sender<T> clone() {
            chan.retain(this);
            return new Sender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.Sender[" + state() + "]";
        }
    }

    /** A send's or reserve's place in the queue of senders waiting for room. */
    private static final class SlotWaiter extends WaitList.Waiter {
    }

    /** Every successful send completes with this one poll, so a send allocates no result. */
    private static final Poll<SendResult<Object>> SENT = Poll.ready(SendResult.sent());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Poll<SendResult<T>> sentPoll() {
        return (Poll) SENT;
    }

    /**
     * What {@link Send} and {@link Reserve} share: the wait for one slot of room, and its place
     * in the queue of waiting senders, allocated only when a poll found the channel full.
     *
     * @param <T> the message type
     * @param <R> the future's value
     */
    abstract static class RoomWait<T, R> implements Future<R> {
        final Sender<T> sender;
        /** Null until a poll found the channel full; then its place in the queue. */
        WaitList.Waiter node;
        /** The waker last handed to the queue; saves the lock when a poll brings the same one. */
        private Waker registered;
        /** Touched by the polling task only. */
        boolean done;

        RoomWait(Sender<T> sender) {
            this.sender = sender;
        }

        /** Takes the room, pushing {@code value} unless it is null: a Chan outcome. */
        final int pollRoom(Context cx, T value) {
            Waker waker = cx.waker();
            WaitList.Waiter n = node;
            if (n != null && waker == registered && n.isQueued()) {
                return Chan.FULL;   // a spurious poll: still queued, and the same waker is registered
            }
            int outcome = sender.chan.pollRoom(this, value, waker);
            if (outcome == Chan.FULL) {
                registered = waker;
            } else {
                done = true;
            }
            return outcome;
        }

        /** Leaves the queue; room granted to this wait and not yet taken goes to the next sender. */
        @Override
        public final void cancel() {
            if (!done) {
                done = true;
                WaitList.Waiter n = node;
                if (n != null) {
                    sender.chan.cancelWait(n);
                }
            }
        }

        final String state() {
            return done ? "done" : node == null ? "not polled" : "waiting for room";
        }
    }

    /** The future of {@link Sender#send(Object)}. */
    static final class Send<T> extends RoomWait<T, SendResult<T>> {
        /** The message until the send completes; touched by the polling task only. */
        private T value;

        Send(Sender<T> sender, T value) {
            super(sender);
            this.value = value;
        }

        @Override
        public Poll<SendResult<T>> poll(Context cx) {
            T v = value;
            if (done || v == null) {
                throw new IllegalStateException("Mpsc.Sender.send() was polled after it completed: call send() again");
            }
            int outcome = pollRoom(cx, v);
            if (outcome == Chan.FULL) {
                return Poll.pending();
            }
            value = null;
            return outcome == Chan.SENT ? sentPoll() : Poll.ready(SendResult.closed(v));
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.send()[" + state() + "]";
        }
    }

    /** The future of {@link Sender#reserve()}. */
    static final class Reserve<T> extends RoomWait<T, Permit<T>> {

        Reserve(Sender<T> sender) {
            super(sender);
        }

        @Override
        public Poll<Permit<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Mpsc.Sender.reserve() was polled after it completed: call reserve() again");
            }
            int outcome = pollRoom(cx, null);
            if (outcome == Chan.FULL) {
                return Poll.pending();
            }
            return Poll.ready(outcome == Chan.SENT ? new Permit<>(sender) : null);
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.reserve()[" + state() + "]";
        }
    }

    /**
     * One slot of room reserved in a bounded channel by {@link Sender#reserve()} or
     * {@link Sender#tryReserve()}: {@link #send(Object)} puts a message in it without waiting;
     * {@link #close()} gives it back unused. Tokio's {@code mpsc::Permit}.
     *
     * <p>Reserving first, then computing the message, is how a producer avoids building a
     * message it then has to hold while it waits for room, or to throw away when the consumer
     * has gone.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.Permit<Report> slot = await(tx.reserve())) {
     *     if (slot == null) {
     *         return Future.ready(null);          // the consumer has gone: nothing was built
     *     }
     *     slot.send(buildReport());               // never waits: the room is ours
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Belongs to one task; use it once.
     *
     * @param <T> the message type
     */
    public static final class Permit<T> implements AutoCloseable {
        private final Sender<T> sender;
        private boolean used;

        Permit(Sender<T> sender) {
            this.sender = sender;
        }

        /**
         * Puts {@code value} in the reserved slot; never waits.
         *
         * <pre>{@code
         * permit.send(job);
         * }</pre>
         *
         * @param value the message, not null
         * @return sent; or closed with the message handed back (and the slot freed) if the
         *         receiver or the permit's sender was closed meanwhile
         * @throws NullPointerException  if {@code value} is null
         * @throws IllegalStateException if the permit was already used or closed
         */
        public SendResult<T> send(T value) {
            Chan.requireMessage(value);
            if (used) {
                throw new IllegalStateException("this Mpsc.Permit was already used or closed: a permit sends one"
                        + " message; reserve() again for the next");
            }
            used = true;
            return sender.chan.sendReserved(sender, value) == Chan.SENT ? SendResult.sent() : SendResult.closed(value);
        }

        /** Gives the slot back unused, to the next waiting sender; does nothing after {@link #send}. */
        @Override
        public void close() {
            if (!used) {
                used = true;
                sender.chan.releaseReserved();
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Permit[" + (used ? "used" : "reserved") + "]";
        }
    }

    /**
     * The sending end of an unbounded channel: sends never wait. {@link #clone()} it for each
     * producer, and close each clone when done.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * try (Mpsc.UnboundedSender<Event> tx = events.sender()) {
     *     tx.send(new Event("started"));
     * }
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * May be used from many threads at once; close it only when no send on it is in progress.
     *
     * @param <T> the message type
     */
    public static final class UnboundedSender<T> extends SenderBase<T> {

        UnboundedSender(Chan<T> chan) {
            super(chan);
        }

        @Override
        String kind() {
            return "Mpsc.UnboundedSender";
        }

        /**
         * Puts {@code value} in the channel; never waits.
         *
         * <pre>{@code
         * tx.send(event);
         * }</pre>
         *
         * @param value the message, not null
         * @return sent, or closed (the receiver or this sender is closed) with the message
         *         handed back
         * @throws NullPointerException if {@code value} is null
         */
        public SendResult<T> send(T value) {
            Chan.requireMessage(value);
            return chan.offer(this, value) == Chan.SENT ? SendResult.sent() : SendResult.closed(value);
        }

        /**
         * Returns another sender on the same channel; the channel ends only when all are closed.
         *
         * <pre>{@code
         * Mpsc.UnboundedSender<Event> forWorker = tx.clone();
         * }</pre>
         *
         * @return a new open sender
         * @throws IllegalStateException if this sender is closed
         */
        @Override
        public UnboundedSender<T> clone() {
            chan.retain(this);
            return new UnboundedSender<>(chan);
        }

        @Override
        public String toString() {
            return "Mpsc.UnboundedSender[" + state() + "]";
        }
    }

    /**
     * The receiving end of an mpsc channel, bounded or not.
     *
     * <h2>Example</h2>
     * <pre>{@code
     * for (Job job; (job = await(rx.recv())) != null; ) {
     *     await(job.run());
     * }
     * }</pre>
     *
     * <h2>Cancellation</h2>
     * {@link #recv()} is cancel safe: no message is lost by cancelling it.
     *
     * <h2>Thread safety</h2>
     * One consumer at a time: do not poll two {@code recv()} futures of one receiver at once.
     *
     * @param <T> the message type
     */
    public static final class Receiver<T> implements AutoCloseable {

        private final Chan<T> chan;

        Receiver(Chan<T> chan) {
            this.chan = chan;
        }

        /**
         * Returns a future of the next message, or of {@code null} once the channel has ended
         * (every sender closed, or this receiver closed, and the buffer drained).
         *
         * <pre>{@code
         * String msg = await(rx.recv());
         * if (msg == null) { return Future.ready(null); }   // no more messages, ever
         * }</pre>
         *
         * <h4>Cancellation</h4>
         * Cancel safe: a message is taken only by the poll that returns it.
         *
         * @return a future of the next message, or of {@code null} at the end
         */
        public Future<T> recv() {
            return new Recv<>(this);
        }

        /**
         * Polls for the next message: the building block of {@link #recv()}, and what a stream
         * over this receiver calls.
         *
         * <pre>{@code
         * Poll<String> p = rx.pollRecv(cx);
         * }</pre>
         *
         * @param cx the context of the polling task; its waker is called when a message arrives
         *           or the channel ends
         * @return ready with the next message, ready with {@code null} at the end, or pending
         */
        public Poll<T> pollRecv(Context cx) {
            // Cooperative budget (as Tokio's channels): a receiver that always finds a message
            // would otherwise keep its worker forever; when the budget is spent the task is woken
            // and yields, and no message has been taken.
            if (!Task.pollProceed(cx)) {
                return Poll.pending();
            }
            T v = chan.poll(cx.waker());
            if (v == null) {
                return Poll.pending();
            }
            return Poll.ready(v == END ? null : v);
        }

        /**
         * Takes the next message now if one is waiting.
         *
         * <pre>{@code
         * for (String m; (m = rx.tryRecv()) != null; ) { batch.add(m); }
         * }</pre>
         *
         * @return the message, or {@code null} if none is waiting (use {@link #isEnded()} to tell
         *         whether one ever will be)
         */
        public T tryRecv() {
            T v = chan.poll(null);
            return v == END ? null : v;
        }

        /**
         * Tells whether the channel has ended: every sender is closed (or this receiver is) and
         * no message is left.
         *
         * <pre>{@code
         * if (rx.tryRecv() == null && rx.isEnded()) { finish(); }
         * }</pre>
         *
         * @return {@code true} once nothing will ever be received
         */
        public boolean isEnded() {
            return chan.isEnded();
        }

        /**
         * Closes the receiving side: later sends, and sends waiting for room, hand their message
         * back as {@linkplain SendResult#isClosed() closed}. Messages already buffered can still
         * be received; then {@link #recv()} completes with {@code null}. Only the first call does
         * anything.
         */
        @Override
        public void close() {
            chan.closeReceiver();
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver[" + (isEnded() ? "ended" : chan.isReceiverClosed() ? "closed" : "open") + "]";
        }
    }

    /** Stands for the end of the channel inside {@link Chan#poll}; never handed out. */
    private static final Object END = new Object();

    /** The future of {@link Receiver#recv()}. */
    private static final class Recv<T> implements Future<T> {
        private final Receiver<T> receiver;
        private boolean done;
        /** This recv registered the receiver's waker and has not completed. */
        private boolean waiting;

        Recv(Receiver<T> receiver) {
            this.receiver = receiver;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Mpsc.Receiver.recv() was polled after it completed: call recv() again");
            }
            Poll<T> p = receiver.pollRecv(cx);
            done = p.isReady();
            waiting = !done;
            return p;
        }

        /**
         * Stops waiting. Nothing is lost: a message is taken only by the poll that returns it,
         * so one that arrived meanwhile is still there for the next {@code recv()}.
         */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                if (waiting) {
                    waiting = false;
                    receiver.chan.forgetRxWaker();
                }
            }
        }

        @Override
        public String toString() {
            return "Mpsc.Receiver.recv()";
        }
    }
}

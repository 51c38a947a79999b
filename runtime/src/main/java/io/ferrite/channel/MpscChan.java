package io.ferrite.channel;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.sync.WaitList;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The engine of {@link Mpsc}, beside its public ends: the state they share, all of it guarded by
 * this object's monitor: the buffer, the room taken ({@code used}), the receiver's waker, the queue
 * of senders waiting for room (the shared {@link WaitList}, each waiter wanting one slot), and the
 * counts and flags that end the channel. One lock for everything makes {@code trySend} and
 * {@code tryRecv} linearizable (never "full" and "empty" at once), costs one lock per send and one per
 * receive (no semaphore beside it, no separate notification word), and makes every decision to wake
 * someone exact: a send wakes the receiver only if it registered a waker (Tokio's "notify only if
 * waiting"), and a receive wakes one waiting sender only when it frees room for it. No waker ever
 * runs under the monitor. The futures of a send, a reserve and a receive live here too.
 */
final class MpscChan<T> {
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

    MpscChan(int capacity) {
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
    int offer(Mpsc.SenderBase<T> sender, T value) {
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
            SlotWaiter node = wait.node;
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
                    waiting.add(node, waker);
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
    int sendReserved(Mpsc.SenderBase<T> sender, T value) {
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

    void retain(Mpsc.SenderBase<T> sender) {
        synchronized (this) {
            if (sender.closed) {
                throw new IllegalStateException("clone() of a closed " + sender.kind() + ": clone it before closing it");
            }
            senders++;
        }
    }

    /** Closes {@code sender}; the last one wakes the receiver, which then sees the end. */
    void release(Mpsc.SenderBase<T> sender) {
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

    /** A send's or reserve's place in the queue of senders waiting for room. */
    static final class SlotWaiter extends WaitList.Waiter {
        SlotWaiter() {
            super(1);
        }
    }

    /** Every successful send completes with this one poll, so a send allocates no result. */
    private static final Poll<SendResult<Object>> SENT_POLL = Poll.ready(SendResult.sent());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Poll<SendResult<T>> sentPoll() {
        return (Poll) SENT_POLL;
    }

    /**
     * What {@link Send} and {@link Reserve} share: the wait for one slot of room, and its place
     * in the queue of waiting senders, allocated only when a poll found the channel full.
     *
     * @param <T> the message type
     * @param <R> the future's value
     */
    abstract static class RoomWait<T, R> implements Future<R> {
        final Mpsc.Sender<T> sender;
        /** Null until a poll found the channel full; then its place in the queue. */
        SlotWaiter node;

        RoomWait(Mpsc.Sender<T> sender) {
            this.sender = sender;
        }

        /** Whether the wait completed or was cancelled; touched by the polling task only. */
        abstract boolean isDone();

        /** Marks the wait completed or cancelled. */
        abstract void finish();

        /** Takes the room, pushing {@code value} unless it is null: a {@link MpscChan} outcome. */
        final int pollRoom(Context cx, T value) {
            int outcome = sender.chan.pollRoom(this, value, cx.waker());
            if (outcome != FULL) {
                finish();
            }
            return outcome;
        }

        /** Leaves the queue; room granted to this wait and not yet taken goes to the next sender. */
        @Override
        public final void cancel() {
            if (!isDone()) {
                finish();
                SlotWaiter n = node;
                if (n != null) {
                    sender.chan.cancelWait(n);
                }
            }
        }

        final String state() {
            return isDone() ? "done" : node == null ? "not polled" : "waiting for room";
        }
    }

    /** The future of {@link Mpsc.Sender#send(Object)}. */
    static final class Send<T> extends RoomWait<T, SendResult<T>> {
        /** The message until the send completes or is cancelled; touched by the polling task only. */
        private T value;

        Send(Mpsc.Sender<T> sender, T value) {
            super(sender);
            this.value = value;
        }

        @Override
        boolean isDone() {
            return value == null;
        }

        @Override
        void finish() {
            value = null;
        }

        @Override
        public Poll<SendResult<T>> poll(Context cx) {
            T v = value;
            if (v == null) {
                throw new IllegalStateException("Mpsc.Sender.send() was polled after it completed: call send() again");
            }
            int outcome = pollRoom(cx, v);
            if (outcome == FULL) {
                return Poll.pending();
            }
            return outcome == SENT ? sentPoll() : Poll.ready(SendResult.closed(v));
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.send()[" + state() + "]";
        }
    }

    /** The future of {@link Mpsc.Sender#reserve()}. */
    static final class Reserve<T> extends RoomWait<T, Mpsc.Permit<T>> {
        /** Touched by the polling task only. */
        private boolean done;

        Reserve(Mpsc.Sender<T> sender) {
            super(sender);
        }

        @Override
        boolean isDone() {
            return done;
        }

        @Override
        void finish() {
            done = true;
        }

        @Override
        public Poll<Mpsc.Permit<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Mpsc.Sender.reserve() was polled after it completed: call reserve() again");
            }
            int outcome = pollRoom(cx, null);
            if (outcome == FULL) {
                return Poll.pending();
            }
            return Poll.ready(outcome == SENT ? new Mpsc.Permit<>(sender) : null);
        }

        @Override
        public String toString() {
            return "Mpsc.Sender.reserve()[" + state() + "]";
        }
    }

    /** Stands for the end of the channel inside {@link #poll}; never handed out. */
    static final Object END = new Object();

    /** The future of {@link Mpsc.Receiver#recv()}. */
    static final class Recv<T> implements Future<T> {
        private final Mpsc.Receiver<T> receiver;
        private boolean done;
        /** This recv registered the receiver's waker and has not completed. */
        private boolean waiting;

        Recv(Mpsc.Receiver<T> receiver) {
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

package io.ferrite.runtime.driver;

import io.ferrite.Waker;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.runtime.scheduler.Waiter;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Arrays;

/**
 * One channel owned by an {@link IoDriver}: its selection key, the tasks waiting for it to
 * become readable or writable, and whether it is closed (Tokio's {@code ScheduledIo}).
 *
 * <h2>Readiness on a level-triggered selector</h2>
 * An operation is always tried first; only when it would block does its task wait here
 * ({@link #await}). The channel meets the selector at that moment, not before: a socket that
 * never blocks never costs an {@code epoll_ctl}. Interest, once set, stays set while someone
 * waits in that direction, so request/response traffic changes nothing between requests. The
 * JDK's selector is level-triggered, so an interest nobody waits on would be reported on every
 * select: when readiness arrives for a direction with no waiter, that interest is dropped, and
 * the next wait sets it again. No wake-up can be lost: the waiter is queued and the interest
 * set under this registration's lock, and the dispatch that finds no waiter drops the interest
 * under the same lock; a socket that became ready meanwhile is reported by the next select,
 * since readiness is a level.
 *
 * <h2>Closing</h2>
 * {@link #close(String)} marks the registration closed, closes the channel and wakes every
 * waiter; their next attempt sees {@link #isClosed()} and fails. The JDK closes the file
 * descriptor of a registered channel only when its selector next deregisters the key, so the
 * driver is nudged to run a select.
 *
 * <p>Thread safety: every method may be called from any thread; the waiter lists, the key and
 * the closed state are guarded by this object's monitor. Wakers are called outside it.
 */
public final class IoRegistration {

    /** The direction of {@code OP_READ} (or {@code OP_ACCEPT}). */
    public static final int READ = 0;
    /** The direction of {@code OP_WRITE} (or {@code OP_CONNECT} while connecting). */
    public static final int WRITE = 1;

    private final IoDriver driver;
    private final SelectableChannel channel;
    private final int readOp;
    private volatile int writeOp;
    /** Null until an operation first would block. Guarded by this. */
    private SelectionKey key;
    private IoWaiter readers;
    private IoWaiter writers;
    private volatile String closedReason;

    IoRegistration(IoDriver driver, SelectableChannel channel, int readOp, int writeOp) {
        this.driver = driver;
        this.channel = channel;
        this.readOp = readOp;
        this.writeOp = writeOp;
    }

    /**
     * The driver that owns the channel.
     *
     * @return the driver
     */
    public IoDriver driver() {
        return driver;
    }

    /**
     * The channel.
     *
     * @return the channel, non-blocking
     */
    public SelectableChannel channel() {
        return channel;
    }

    /**
     * Whether {@link #close(String)} ran (the channel is closed or closing).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closedReason != null;
    }

    /**
     * Why the registration was closed: {@code "closed"} when its owner closed it, or the
     * runtime's shutdown.
     *
     * @return the reason, or null while open
     */
    public String closedReason() {
        return closedReason;
    }

    /**
     * Sets the operation the write direction waits for: {@code OP_CONNECT} while a connection
     * is being made, then {@code OP_WRITE}.
     *
     * @param op the selection operation
     */
    public void writeOp(int op) {
        synchronized (this) {
            int old = writeOp;
            writeOp = op;
            if (key != null && old != op && closedReason == null) {
                try {
                    key.interestOpsAnd(~old);
                } catch (CancelledKeyException closing) {
                    // the channel is being closed; nothing to change
                }
            }
        }
    }

    /**
     * Queues {@code w} to be woken with {@code waker} when {@code direction} is ready, after an
     * operation in that direction would block; sets the selector's interest if it was not set.
     * A node already queued only has its waker replaced.
     *
     * @param direction {@link #READ} or {@link #WRITE}
     * @param w         the waiting node
     * @param waker     what to wake
     * @return false if the registration is closed (nothing was queued): the caller fails
     */
    public boolean await(int direction, IoWaiter w, Waker waker) {
        boolean nudge;
        synchronized (this) {
            if (closedReason != null) {
                return false;
            }
            // A waker the runtime did not make is wrapped for the task polling now, so that if it
            // throws when the driver fires it, that task fails instead of waiting for ever.
            w.waker = Scheduler.waiterFor(waker, w.waker instanceof Waiter previous ? previous : null);
            if (!w.queued) {
                link(direction, w);
            }
            int op = direction == READ ? readOp : writeOp;
            SelectionKey k = key;
            try {
                if (k == null) {
                    key = channel.register(driver.selector, op, this);
                    nudge = true;
                } else {
                    nudge = (k.interestOpsOr(op) & op) == 0;
                }
            } catch (ClosedChannelException | CancelledKeyException e) {
                unlink(w);
                closedReason = "closed";
                return false;
            } catch (ClosedSelectorException e) {
                unlink(w);
                closedReason = driver.closedReason();
                return false;
            }
        }
        if (nudge) {
            driver.unpark();   // a selector blocked in select sees new interest only when woken
        }
        return true;
    }

    /**
     * Takes {@code w} out of its list if it is still there: for a future that is cancelled, or
     * that completed after it was queued. If nobody waits in that direction any more, the
     * interest is released.
     *
     * @param w the node
     */
    public void leave(IoWaiter w) {
        if (!w.queued) {
            return;
        }
        synchronized (this) {
            if (!w.queued) {
                return;
            }
            boolean read = isIn(readers, w);
            unlink(w);
            if ((read ? readers : writers) == null && key != null && closedReason == null) {
                try {
                    key.interestOpsAnd(~(read ? readOp : writeOp));
                } catch (CancelledKeyException closing) {
                    // being closed: the interest goes with the key
                }
            }
        }
    }

    /**
     * Whether a task waits in {@code direction}, for tests and metrics (racy).
     *
     * @param direction {@link #READ} or {@link #WRITE}
     * @return true if a waiter is queued
     */
    public synchronized boolean hasWaiters(int direction) {
        return (direction == READ ? readers : writers) != null;
    }

    /**
     * How many tasks wait in {@code direction}, for tests (racy).
     *
     * @param direction {@link #READ} or {@link #WRITE}
     * @return the count
     */
    public synchronized int waiterCount(int direction) {
        int n = 0;
        for (IoWaiter w = direction == READ ? readers : writers; w != null; w = w.next) {
            n++;
        }
        return n;
    }

    /**
     * The interest currently set on the selector, for tests (0 before the first wait).
     *
     * @return the {@code SelectionKey} interest set, or 0
     */
    public synchronized int interestOps() {
        try {
            return key == null ? 0 : key.interestOps();
        } catch (CancelledKeyException closed) {
            return 0;
        }
    }

    /**
     * Called on the selecting thread: hands the wakers of each ready direction to
     * {@code wakes}, or drops the interest of a ready direction nobody waits on.
     *
     * @return true if an interest was dropped
     */
    boolean ready(SelectionKey k, WakeList wakes) {
        synchronized (this) {
            if (closedReason != null || !k.isValid()) {
                return false;
            }
            int ready = k.readyOps();
            int drop = 0;
            if ((ready & readOp) != 0) {
                if (readers == null) {
                    drop |= readOp;
                } else {
                    readers = takeAll(readers, wakes);
                }
            }
            int wop = writeOp;
            if ((ready & wop) != 0) {
                if (writers == null) {
                    drop |= wop;
                } else {
                    writers = takeAll(writers, wakes);
                }
            }
            if (drop != 0) {
                k.interestOpsAnd(~drop);
            }
            return drop != 0;
        }
    }

    /**
     * Closes the channel and wakes every waiter, whose next attempt fails saying
     * {@code reason}. Closing twice does nothing.
     *
     * @param reason {@code "closed"}, or why the driver closed it
     */
    public void close(String reason) {
        WakeList wakes = new WakeList();
        boolean registered;
        synchronized (this) {
            if (closedReason != null) {
                return;
            }
            closedReason = reason;
            readers = takeAll(readers, wakes);
            writers = takeAll(writers, wakes);
            registered = key != null;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket reports nothing a caller could act on; the descriptor is gone either way
        }
        driver.closed(this, registered);
        wakes.wakeAll();
    }

    private void link(int direction, IoWaiter w) {
        IoWaiter head = direction == READ ? readers : writers;
        w.prev = null;
        w.next = head;
        if (head != null) {
            head.prev = w;
        }
        if (direction == READ) {
            readers = w;
        } else {
            writers = w;
        }
        w.queued = true;
    }

    private void unlink(IoWaiter w) {
        if (w.prev != null) {
            w.prev.next = w.next;
        } else if (readers == w) {
            readers = w.next;
        } else if (writers == w) {
            writers = w.next;
        }
        if (w.next != null) {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.waker = null;
        w.queued = false;
    }

    private static boolean isIn(IoWaiter head, IoWaiter w) {
        for (IoWaiter n = head; n != null; n = n.next) {
            if (n == w) {
                return true;
            }
        }
        return false;
    }

    /** Moves every waker of the list starting at {@code head} to {@code wakes}; returns the empty list. */
    private static IoWaiter takeAll(IoWaiter head, WakeList wakes) {
        for (IoWaiter n = head; n != null; ) {
            IoWaiter next = n.next;
            wakes.add(n.waker);
            n.waker = null;
            n.prev = null;
            n.next = null;
            n.queued = false;
            n = next;
        }
        return null;
    }

    /** The wakers taken under the lock, woken after it is released. */
    static final class WakeList {
        private static final System.Logger LOG = System.getLogger(IoDriver.class.getName());
        private Waker[] wakers = new Waker[8];
        private int size;

        void add(Waker w) {
            if (w == null) {
                return;
            }
            if (size == wakers.length) {
                wakers = Arrays.copyOf(wakers, size * 2);
            }
            wakers[size++] = w;
        }

        /** Wakes and forgets every waker; a waker that throws is logged and the rest are still woken. */
        void wakeAll() {
            for (int i = 0; i < size; i++) {
                Waker w = wakers[i];
                wakers[i] = null;
                try {
                    w.wake();
                } catch (Throwable failure) {
                    LOG.log(System.Logger.Level.WARNING, "a waker woken by the I/O driver threw; its task may not"
                            + " run again: " + w, failure);
                }
            }
            size = 0;
        }

    }
}

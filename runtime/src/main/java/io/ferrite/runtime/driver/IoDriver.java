package io.ferrite.runtime.driver;

import io.ferrite.Context;
import io.ferrite.runtime.scheduler.ParkDriver;
import io.ferrite.runtime.scheduler.Scheduler;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A runtime's I/O driver (Tokio's reactor): one NIO {@link Selector}, the channels made on it,
 * and the turn that waits for readiness and wakes the tasks waiting on it. Internal: not part
 * of Ferrite's API.
 *
 * <h2>Who turns it</h2>
 * {@link #turn(long)} runs one selection: it may be called by any thread, one at a time (a
 * try-lock). By default ({@value #MODE_PROPERTY}{@code =park}) a multi-thread runtime's worker
 * with nothing to run blocks in it instead of {@code LockSupport.park} (Tokio's driver-in-park:
 * one driver, taken by whichever worker parks first; the others park as usual), so readiness
 * wakes tasks into that worker's own queue with no thread hop, and a busy worker polls it
 * without blocking every 61 polls. {@code thread} keeps the first model, a dedicated daemon
 * thread per runtime ({@code <prefix>-io}) that turns it in a loop; the current-thread flavour
 * always uses it, since its one thread also waits for its {@code blockOn} future. The design and
 * the measurements that chose it are in {@code docs/runtime.md}, section "Reactor".
 *
 * <h2>The wake gate</h2>
 * {@link Selector#wakeup()} writes to an event descriptor and costs the selecting thread a
 * return from {@code epoll_wait}, so it is called only when a thread is blocked (or about to
 * block) in the select, and once per select: the turning thread publishes {@code SELECTING}
 * with a full fence before it selects, and {@link #unpark()} moves {@code SELECTING} to
 * {@code WOKEN} with one CAS before calling {@code wakeup()} (Netty's {@code wakenUp} gate). A
 * new interest or a close made while the thread is awake costs nothing: the JDK applies
 * interest changes at the start of every select. That is safe because both sides order a write
 * before a read (the interest update, then the state; the state, then the update queue).
 *
 * <h2>Outside a runtime</h2>
 * Sockets need the driver of a runtime: {@link #of(Context, Object)} fails with a clear message
 * on a thread that belongs to none (a plain {@code BlockOn}, a foreign executor), as Tokio
 * does and as Ferrite's timers do. A hidden process-wide driver would be a thread nobody owns
 * or shuts down, holding sockets no runtime closes.
 *
 * <h2>Shutdown</h2>
 * {@link #close()} (called by the runtime's shutdown, after its workers stopped) stops the
 * turning thread, closes every channel made on this driver, registered with the selector or
 * not, wakes every task waiting on one (it fails with a {@link SocketException} naming the
 * runtime), and closes the selector.
 */
public final class IoDriver implements AutoCloseable, ParkDriver {

    /**
     * System property that selects the driver model: {@code park} (idle workers wait in the
     * selector, the default) or {@code thread} (a dedicated I/O thread per runtime).
     */
    public static final String MODE_PROPERTY = "ferrite.io.driver";
    /** System property: {@code true} prints each driver's {@link #stats()} to standard error when it closes (tuning). */
    public static final String STATS_PROPERTY = "ferrite.io.stats";

    /** {@link #state}: not blocked in a select (turning, or idle). */
    private static final int AWAKE = 0;
    /** {@link #state}: blocked, or about to block, in a select: a change needs {@code wakeup()}. */
    private static final int SELECTING = 1;
    /** {@link #state}: {@code wakeup()} was called for this select; later callers need not. */
    private static final int WOKEN = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(IoDriver.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final System.Logger LOG = System.getLogger(IoDriver.class.getName());

    final Selector selector;
    private final String name;
    /** Every open channel made on this driver, registered or not: closed at shutdown. */
    private final Set<IoRegistration> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock turnLock = new ReentrantLock();
    /** Wakers collected during one select; used only under {@link #turnLock}. */
    private final IoRegistration.WakeList wakes = new IoRegistration.WakeList();
    private volatile int state;
    private volatile boolean closed;
    private volatile long turns;
    private final AtomicLong wakeups = new AtomicLong();
    /** Ready keys handled, and those whose interest was dropped for want of a waiter: written under {@link #turnLock}. */
    private volatile long events;
    private volatile long drops;
    private volatile Thread thread;

    /** A driver turned by a thread of its own, or by whoever calls {@link #turn} (parked workers, tests). */
    IoDriver(String name, boolean dedicatedThread) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        if (dedicatedThread) {
            startThread();
        }
    }

    /** Starts the dedicated thread that turns the driver in a loop ({@code <prefix>-io}). */
    private void startThread() {
        Thread t = new Thread(this::runLoop, name + "-io");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * The driver of the runtime polling {@code cx}, started on first use.
     *
     * @param cx   the context of the poll that needs I/O
     * @param what the operation, for the message
     * @return the driver
     * @throws IllegalStateException outside any runtime, or on a runtime that shut down
     */
    public static IoDriver of(Context cx, Object what) {
        Scheduler s = Scheduler.of(cx);
        if (s == null) {
            throw IoErrors.outsideRuntime(what, "sockets need its I/O driver, which waits for readiness");
        }
        return s.service(IoDriver.class, IoDriver::start);
    }

    private static IoDriver start(Scheduler s) {
        String mode = System.getProperty(MODE_PROPERTY, "park").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("park") && !mode.equals("thread")) {
            throw new IllegalArgumentException("-D" + MODE_PROPERTY + "=" + mode + " is not a driver model: use"
                    + " 'park' (workers with nothing to run wait in the selector, the default) or 'thread' (a"
                    + " dedicated I/O thread per runtime)");
        }
        IoDriver d;
        try {
            d = new IoDriver(s.name(), false);
        } catch (IOException e) {
            throw new IllegalStateException("runtime '" + s.name() + "' could not open its NIO selector: " + e, e);
        }
        // The current-thread flavour's one thread also waits for its blockOn future, whose waker
        // only unparks it: that runtime keeps a thread of its own for the selector.
        if (mode.equals("thread") || !s.parkIn(d)) {
            d.startThread();
        }
        return d;
    }

    /**
     * Takes ownership of {@code channel}, which must be non-blocking: it will be closed when the
     * runtime shuts down. The channel meets the selector only when an operation first would
     * block.
     *
     * @param channel the channel
     * @param readOp  what the read direction waits for ({@code OP_READ} or {@code OP_ACCEPT})
     * @param writeOp what the write direction waits for ({@code OP_WRITE} or {@code OP_CONNECT})
     * @return the channel's registration
     * @throws SocketException if the runtime has shut down (the channel is closed)
     */
    public IoRegistration adopt(SelectableChannel channel, int readOp, int writeOp) throws SocketException {
        IoRegistration r = new IoRegistration(this, channel, readOp, writeOp);
        open.add(r);
        if (closed) {   // close() sets it before sweeping `open`: one of the two sees the other
            r.close(closedReason());
            throw new SocketException("Socket closed: " + closedReason());
        }
        return r;
    }

    /** The reason given to channels closed by {@link #close()}. */
    String closedReason() {
        return "runtime '" + name + "' shut down";
    }

    /** A registration closed: forget it, and let the selector release its descriptor soon. */
    void closed(IoRegistration r, boolean registered) {
        open.remove(r);
        if (registered) {
            unpark();
        }
    }

    /**
     * Runs one selection and wakes the tasks whose channel became ready. Returns at once if
     * another thread is turning the driver.
     *
     * @param timeoutNanos how long to wait for readiness: 0 not at all, negative until
     *                     {@link #unpark()} is called or readiness arrives
     * @return false if another thread held the driver (nothing was done)
     */
    public boolean turn(long timeoutNanos) {
        return turn(timeoutNanos, null);
    }

    @Override
    public boolean turn(long timeoutNanos, BooleanSupplier mayBlock) {
        if (!turnLock.tryLock()) {
            return false;
        }
        try {
            if (closed) {
                return true;
            }
            if (timeoutNanos == 0) {
                selector.selectNow(this::dispatch);   // never blocks: unpark() need not know
            } else {
                STATE.getAndSet(this, SELECTING);   // full fence: see "The wake gate"
                try {
                    if (mayBlock != null && !mayBlock.getAsBoolean()) {
                        selector.selectNow(this::dispatch);   // notified meanwhile: do not block
                    } else {
                        long millis = timeoutNanos < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                        selector.select(this::dispatch, millis);
                    }
                } finally {
                    state = AWAKE;
                }
            }
            wakes.wakeAll();
        } catch (IOException | RuntimeException failure) {
            if (!(failure instanceof ClosedSelectorException) || !closed) {
                LOG.log(System.Logger.Level.ERROR, "I/O driver of runtime '" + name + "': select failed; retrying",
                        failure);
                LockSupport.parkNanos(1_000_000L);   // a broken selector must not spin a core
            }
        } finally {
            turns++;
            turnLock.unlock();
        }
        return true;
    }

    private void dispatch(SelectionKey k) {
        Object r = k.attachment();
        if (r instanceof IoRegistration reg) {
            events++;
            if (reg.ready(k, wakes)) {
                drops++;
            }
        }
    }

    /**
     * Makes a thread blocked in {@link #turn(long)} return, if one is blocked or about to
     * block; does nothing (no system call) otherwise. Safe from any thread.
     */
    public void unpark() {
        if (state == SELECTING && STATE.compareAndSet(this, SELECTING, WOKEN)) {
            wakeups.incrementAndGet();
            selector.wakeup();
        }
    }

    /**
     * How many times {@link #unpark()} had to call {@code Selector.wakeup()}; at most one per
     * turn. For tests and metrics.
     *
     * @return the count
     */
    public long wakeupCount() {
        return wakeups.get();
    }

    /**
     * How many turns have completed. For tests and metrics.
     *
     * @return the count
     */
    public long turnCount() {
        return turns;
    }

    /**
     * Counters of the driver, for tests, metrics and tuning: turns, {@code wakeup()} calls, ready
     * keys handled, and ready keys nobody waited on (their interest was dropped; a level-triggered
     * selector would report them again at once).
     *
     * @return a one-line summary
     */
    public String stats() {
        return "turns=" + turns + " wakeups=" + wakeups.get() + " events=" + events + " unwanted=" + drops
                + " open=" + open.size();
    }

    /** Whether a thread is blocked (or about to block) in a select that {@link #unpark()} would wake; for tests. */
    boolean isSelecting() {
        return state == SELECTING;
    }

    /**
     * Waits until the driver has completed a whole turn that started after this call, so every
     * channel closed before it has released its file descriptor. For tests; never call it from
     * the thread that turns the driver.
     */
    public void awaitTurn() {
        long target = turns + 2;   // the turn in progress may have started before the call
        while (turns < target && !closed) {
            selector.wakeup();
            LockSupport.parkNanos(100_000L);
        }
    }

    /**
     * How many channels made on this driver are open, for tests and metrics.
     *
     * @return the count
     */
    public int openCount() {
        return open.size();
    }

    private void runLoop() {
        while (!closed) {
            turn(-1);
        }
    }

    /**
     * Stops the turning thread, closes every channel made on this driver (waking their waiters
     * with a failure that names the runtime), and closes the selector. Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Boolean.getBoolean(STATS_PROPERTY)) {
            System.err.println("I/O driver of runtime '" + name + "': " + stats());
        }
        selector.wakeup();
        Thread thread = this.thread;
        if (thread != null && thread != Thread.currentThread()) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        String reason = closedReason();
        for (IoRegistration r : open) {
            r.close(reason);
        }
        turnLock.lock();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "I/O driver of runtime '" + name + "': closing the selector failed", e);
        } finally {
            turnLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "IoDriver[" + name + ", " + open.size() + " open channels" + (closed ? ", closed" : "") + "]";
    }
}

package io.ferrite.runtime.scheduler;

import io.ferrite.Waker;
import io.ferrite.time.TimeSource;
import io.ferrite.time.VirtualTimeSource;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A hierarchical timing wheel with 1 ms resolution (as in Tokio and Kafka): six levels of 64
 * slots, each level's slot as long as the whole level below (1 ms, 64 ms, 4.1 s, 4.4 min,
 * 4.7 h, 12.4 days), so registering and removing a timer cost O(1) and finding the next
 * deadline costs one bit scan per level. A timer sits in the level where its deadline first
 * differs from the current tick; when the wheel reaches its slot it fires, or moves down a
 * level (cascades). Deadlines more than about 2.2 years away wait in the top level and are
 * re-examined each time round.
 *
 * <p>The workers drive it: a worker about to park becomes the wheel's driver and parks until the
 * next deadline; busy workers fire due timers every few dozen polls. A registration that is
 * earlier than the driver's wake-up time unparks the driver. With a {@link VirtualTimeSource},
 * {@link VirtualTimeSource#advance} fires due timers itself and workers never park on a timeout.
 *
 * <p>Thread safety: one lock guards the slots; the next deadline is also kept in a volatile
 * field so that busy workers can check it without the lock.
 */
public final class TimerWheel {

    private static final int LEVELS = 6;
    private static final int SLOT_BITS = 6;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final long MAX_SPAN = 1L << (LEVELS * SLOT_BITS);
    private static final long NANOS_PER_TICK = 1_000_000L;
    /** No deadline: park without a timeout. */
    static final long NONE = Long.MAX_VALUE;

    /**
     * The virtual clocks and the wheel each drives (one each). Weak at both ends: the wheel holds
     * its clock, so a strong value would keep its own key, and every runtime ever built on a
     * clock, alive for good. A closed runtime removes its entry; one dropped without closing
     * loses it to the collector.
     */
    private static final Map<VirtualTimeSource, WeakReference<TimerWheel>> VIRTUAL = new WeakHashMap<>();

    private final TimeSource clock;
    private final boolean virtual;
    private final long origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final TimerEntry[] heads = new TimerEntry[LEVELS * SLOTS];
    private final long[] occupied = new long[LEVELS];
    /** The last tick processed; every entry is due after it. Guarded by the lock. */
    private long elapsed;
    private int count;
    /** The earliest deadline tick in the wheel (never later than the true one), or {@link #NONE}. */
    private volatile long nextTick = NONE;
    /** The thread parked as driver and the tick it will wake at, for registrations to cut short. */
    private volatile Thread driver;
    private volatile long driverWakeTick = NONE;
    /** Wakes the driving thread for an earlier deadline: a worker blocked in the I/O driver needs more than an unpark. */
    private volatile Consumer<Thread> unparker = LockSupport::unpark;

    /**
     * Creates a wheel reading {@code clock}; a virtual clock can drive only one wheel.
     *
     * @throws IllegalStateException if {@code clock} is virtual and already drives a wheel
     */
    TimerWheel(TimeSource clock) {
        this.clock = clock;
        this.virtual = clock instanceof VirtualTimeSource;
        this.origin = clock.nanoTime();
        if (clock instanceof VirtualTimeSource v) {
            synchronized (VIRTUAL) {
                if (wheelOf(v) != null) {
                    throw new IllegalStateException(v + " already drives another runtime's timers:"
                            + " give each runtime its own VirtualTimeSource, or close the other runtime first");
                }
                VIRTUAL.put(v, new WeakReference<>(this));
            }
        }
    }

    /**
     * Fires the timers of the wheel {@code source} drives that became due; called by
     * {@link VirtualTimeSource#advance}. Internal: not part of Ferrite's API.
     *
     * @param source the clock that moved
     */
    public static void timeAdvanced(VirtualTimeSource source) {
        TimerWheel wheel;
        synchronized (VIRTUAL) {
            wheel = wheelOf(source);
        }
        if (wheel != null) {
            wheel.fireDue(true);
        }
    }

    /** Releases a virtual clock at shutdown so a new runtime may use it. */
    void detach() {
        if (clock instanceof VirtualTimeSource v) {
            synchronized (VIRTUAL) {
                if (wheelOf(v) == this) {
                    VIRTUAL.remove(v);
                }
            }
        }
    }

    /** The live wheel {@code v} drives, or null; under the {@code VIRTUAL} lock. */
    private static TimerWheel wheelOf(VirtualTimeSource v) {
        WeakReference<TimerWheel> ref = VIRTUAL.get(v);
        return ref == null ? null : ref.get();
    }

    /**
     * The clock this wheel reads.
     *
     * @return the time source
     */
    public TimeSource clock() {
        return clock;
    }

    /**
     * Now, in the clock's nanoseconds.
     *
     * @return the time
     */
    public long now() {
        return clock.nanoTime();
    }

    private long nowTick() {
        return Math.floorDiv(clock.nanoTime() - origin, NANOS_PER_TICK);
    }

    /** The first tick at or after {@code deadlineNanos}: a timer never fires early. */
    private long tickOf(long deadlineNanos) {
        long d = deadlineNanos - origin;
        return d <= 0 ? 0 : (d - 1) / NANOS_PER_TICK + 1;
    }

    // ------------------------------------------------------------------ entries

    /**
     * Puts {@code entry} (armed: its deadline set) into the wheel with {@code waker}. A waker the
     * runtime did not make is kept with the task polling now, which fails if it throws when the
     * timer fires (see {@link Waiter}); the firing thread carries on.
     *
     * @param entry the timer
     * @param waker what to wake when it fires
     * @return false if the deadline has already passed (nothing was registered)
     */
    public boolean register(TimerEntry entry, Waker waker) {
        entry.waker = Scheduler.waiterFor(waker, entry.waker);
        long when = tickOf(entry.deadline);
        Thread wake = null;
        lock.lock();
        try {
            if (entry.position >= 0) {
                return true;  // already in: only the waker changed
            }
            if (when <= elapsed || when <= nowTick()) {
                return false;
            }
            entry.wheel = this;
            place(entry, when);
            count++;
            if (when < nextTick) {
                nextTick = when;
                if (when < driverWakeTick) {
                    wake = driver;
                }
            }
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            unparker.accept(wake);
        }
        return true;
    }

    /**
     * Takes {@code entry} out of the wheel if it is in it; harmless otherwise.
     *
     * @param entry the timer
     */
    public void cancel(TimerEntry entry) {
        if (entry.position < 0) {
            return;
        }
        lock.lock();
        try {
            if (entry.position >= 0) {
                unlink(entry);
                entry.position = TimerEntry.IDLE;
                count--;
            }
        } finally {
            lock.unlock();
        }
    }

    private void place(TimerEntry entry, long when) {
        long w = Math.min(when, elapsed + MAX_SPAN - 1);
        long masked = Math.min((elapsed ^ w) | (SLOTS - 1), MAX_SPAN - 1);
        int level = (63 - Long.numberOfLeadingZeros(masked)) / SLOT_BITS;
        int slot = (int) ((w >>> (level * SLOT_BITS)) & (SLOTS - 1));
        int index = level * SLOTS + slot;
        TimerEntry head = heads[index];
        entry.prev = null;
        entry.next = head;
        if (head != null) {
            head.prev = entry;
        }
        heads[index] = entry;
        occupied[level] |= 1L << slot;
        entry.position = index;
    }

    private void unlink(TimerEntry entry) {
        int index = entry.position;
        TimerEntry p = entry.prev;
        TimerEntry n = entry.next;
        if (p != null) {
            p.next = n;
        } else {
            heads[index] = n;
            if (n == null) {
                occupied[index / SLOTS] &= ~(1L << (index % SLOTS));
            }
        }
        if (n != null) {
            n.prev = p;
        }
        entry.prev = null;
        entry.next = null;
    }

    // ------------------------------------------------------------------ firing

    /**
     * The earliest occupied slot as {@code (tick << 12) | index}... returned through the two
     * out-parameters instead; -1 if the wheel is empty. Lock held.
     */
    private long nextExpiration(int[] indexOut) {
        for (int level = 0; level < LEVELS; level++) {
            long occ = occupied[level];
            if (occ == 0) {
                continue;
            }
            int shift = level * SLOT_BITS;
            long slotRange = 1L << shift;
            long levelRange = slotRange << SLOT_BITS;
            int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
            int slot = (Long.numberOfTrailingZeros(Long.rotateRight(occ, nowSlot)) + nowSlot) & (SLOTS - 1);
            long deadline = (elapsed & ~(levelRange - 1)) + slot * slotRange;
            if (deadline <= elapsed && level > 0) {
                deadline += levelRange;  // wrapped round the top level
            }
            indexOut[0] = level * SLOTS + slot;
            return deadline;
        }
        return -1;
    }

    /** Whether a timer may be due now: a cheap check for busy workers. */
    boolean maybeDue() {
        long t = nextTick;
        return t != NONE && t <= nowTick();
    }

    /**
     * Fires every timer due by now and wakes their tasks (after releasing the lock). A worker
     * ({@code wait} false) returns at once if the lock is busy, and fires them at its next check;
     * a clock that was just advanced waits, so every timer due is fired before it returns.
     */
    void fireDue(boolean wait) {
        if (wait) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return;
        }
        ArrayList<Waiter> wakers = null;
        try {
            long now = nowTick();
            int[] index = new int[1];
            while (true) {
                long deadline = nextExpiration(index);
                if (deadline < 0 || deadline > now) {
                    break;
                }
                int i = index[0];
                TimerEntry e = heads[i];
                heads[i] = null;
                occupied[i / SLOTS] &= ~(1L << (i % SLOTS));
                elapsed = Math.max(elapsed, deadline);
                while (e != null) {
                    TimerEntry n = e.next;
                    e.prev = null;
                    e.next = null;
                    long when = tickOf(e.deadline);
                    if (when <= elapsed) {
                        e.position = TimerEntry.FIRED;
                        count--;
                        Waiter w = e.waker;
                        if (w != null) {
                            if (wakers == null) {
                                wakers = new ArrayList<>();
                            }
                            wakers.add(w);
                        }
                    } else {
                        place(e, when);
                    }
                    e = n;
                }
            }
            elapsed = Math.max(elapsed, now);
            long next = nextExpiration(index);
            nextTick = next < 0 ? NONE : next;
        } finally {
            lock.unlock();
        }
        if (wakers != null) {
            for (Waiter w : wakers) {
                TaskCell.wakeSafely(w);
            }
        }
    }

    // ------------------------------------------------------------------ driving

    /**
     * Called by a thread about to park: makes it the driver if there is none.
     *
     * @return nanoseconds to park before the next deadline, 0 if one is due now, or
     *         {@link #NONE} to park until woken (no timers, virtual time, or another driver)
     */
    long beginPark(Thread parker) {
        if (virtual || (driver != null && driver != parker)) {
            return NONE;
        }
        driver = parker;
        long next = nextTick;
        driverWakeTick = next;
        if (next == NONE) {
            return NONE;
        }
        long wakeAt = origin + next * NANOS_PER_TICK;
        return Math.max(0, wakeAt - clock.nanoTime());
    }

    /**
     * Sets how the driving thread is woken for an earlier deadline (the scheduler's, once its
     * workers may park in the I/O driver).
     */
    void unparker(Consumer<Thread> wake) {
        unparker = wake;
    }

    /**
     * Whether {@code parker} drives the wheel and a timer due before the time it parks for was
     * registered since {@link #beginPark}: it must not block.
     */
    boolean deadlineMovedUp(Thread parker) {
        return driver == parker && nextTick < driverWakeTick;
    }

    /** Called by the parker after it wakes: gives up driving. */
    void endPark(Thread parker) {
        if (driver == parker) {
            driverWakeTick = NONE;
            driver = null;
        }
    }

    /** For the auto-advancing virtual clock: the next deadline in nanoseconds, or {@link #NONE}. */
    long nextDeadlineNanos() {
        long next = nextTick;
        return next == NONE ? NONE : origin + next * NANOS_PER_TICK;
    }

    /** How many timers are registered. */
    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}

package io.ferrite.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One worker: a local run queue, a LIFO slot, a cooperative budget, and the loop that runs
 * them. In a multi-thread runtime each worker has its own {@link WorkerThread}; a current-thread
 * runtime has one worker, driven by whichever thread is inside {@code blockOn} and holds the
 * core.
 *
 * <p>Where a woken task goes: a task woken while this worker polls another one goes into the
 * LIFO slot and runs right after that poll, on this thread and with warm caches (a message and
 * its receiver stay together: the ping-pong case). The task it displaces, and every other wake,
 * goes to the back of the local queue. The LIFO slot is not stealable; a chain of LIFO runs is
 * cut after {@link #MAX_LIFO_POLLS} polls or when the budget is spent, so queued tasks are not
 * starved.
 *
 * <p>Idle: before parking, the worker looks for work (stealing half of another worker's queue,
 * or a batch from the injection queue) for a short spin, since on virtual machines an OS-level
 * park/unpark round trip costs tens of microseconds. Then it parks; the first worker to park
 * drives the timer wheel and parks only until the next deadline.
 *
 * <p>All fields except {@link #parkState}, {@link #thread} and the counters are touched only by
 * the thread that drives the worker.
 */
final class Worker {

    /** Ready operations a task may make in one poll before {@code Task.pollProceed} says yield. */
    static final int BUDGET = 128;
    /** LIFO-slot polls in a row before the slot's task goes to the back of the queue. */
    static final int MAX_LIFO_POLLS = 32;
    /** Polls between checks of the injection queue and the timers (Tokio and Go use 61). */
    static final int MAINTENANCE_INTERVAL = 61;
    /**
     * Rounds of looking for work before parking; one round is a few tens of nanoseconds. Tuning
     * switch {@code -Dferrite.scheduler.spins} (internal, for measurements).
     */
    static final int SPINS = Integer.getInteger("ferrite.scheduler.spins", 512);
    /**
     * Every this many rounds of the spin, {@code Thread.yield()}: on a shared machine the spinning
     * worker then gives its core to a runnable thread (another worker with work, another
     * process) instead of burning its time slice. 0: never. Tuning switch
     * {@code -Dferrite.scheduler.spinYield} (internal, for measurements).
     */
    static final int SPIN_YIELD = Integer.getInteger("ferrite.scheduler.spinYield", 0);

    /** {@link #parkState}: running (or about to park). */
    static final int AWAKE = 0;
    /** {@link #parkState}: in the scheduler's sleeper list. */
    static final int PARKED = 1;
    /** {@link #parkState}: taken off the sleeper list by a notifier, which counted it as searching. */
    static final int NOTIFIED = 2;

    static final int POLLS = 0;
    static final int STEALS = 1;
    static final int PARKS = 2;
    static final int SPAWNED = 3;
    static final int COMPLETED = 4;
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);

    final Scheduler scheduler;
    final int index;
    final LocalQueue queue = new LocalQueue();
    /** The tasks that suspended on this worker and are not finished, for shutdown. */
    final TaskRegistry tasks;
    /** Written only by the owner, read racily by metrics; padded so two workers' counters never share a cache line. */
    private final long[] counters = new long[PAD + 5 + PAD];
    private static final int PAD = 8;
    /** Keeps the hot fields below off the cache line of the object allocated just before. */
    long p01, p02, p03, p04, p05, p06, p07, p08;
    private RawTask<?> lifo;
    /** True while this worker polls a task: wakes then go to the LIFO slot, and the budget counts. */
    boolean polling;
    /** The task being polled, while {@link #polling}: the waiter that answers for foreign wakers it registers. */
    Waiter current;
    int budget;
    private int tick;
    private int seed;
    /** Counted in the scheduler's searching workers. */
    boolean searching;
    /** The thread driving this worker (fixed for multi-thread; the core holder for current-thread). */
    volatile Thread thread;
    /** {@link #AWAKE}, {@link #PARKED} or {@link #NOTIFIED}; changed under the scheduler's idle lock. */
    volatile int parkState;
    /** True while this worker parks in the scheduler's {@link ParkDriver}: unparking it takes the driver's unpark. */
    volatile boolean inDriver;
    /** Asked by the driver once it published that it blocks: still nothing to do? */
    private final BooleanSupplier mayBlock = this::mayBlockInDriver;

    Worker(Scheduler scheduler, int index, int registryBits) {
        this.scheduler = scheduler;
        this.index = index;
        this.tasks = new TaskRegistry(index, registryBits);
        this.seed = 0x9E3779B9 * (index + 1);
    }

    // ------------------------------------------------------------------ counters

    void count(int which, long n) {
        COUNTERS.setOpaque(counters, PAD + which, (long) COUNTERS.getOpaque(counters, PAD + which) + n);
    }

    long counter(int which) {
        return (long) COUNTERS.getOpaque(counters, PAD + which);
    }

    void stolen(int n) {
        count(STEALS, n);
    }

    void taskCompleted() {
        count(COMPLETED, 1);
    }

    // ------------------------------------------------------------------ scheduling on this worker

    /** Schedules a task woken or spawned on this worker's thread. */
    void schedule(RawTask<?> task) {
        if (polling) {
            RawTask<?> previous = lifo;
            lifo = task;
            if (previous == null) {
                return;
            }
            task = previous;
        }
        requeue(task);
    }

    /**
     * Puts {@code task} at the back of the local queue and lets an idle worker know, unless the
     * task is the only one queued and the LIFO slot is empty: this worker pops it next (a task
     * woken during its own poll, one readiness event, one timer), and waking another worker to
     * steal it would cost a futex wake, or a selector wakeup, for no parallelism.
     */
    void requeue(RawTask<?> task) {
        queue.push(task, scheduler.inject);
        if (lifo != null || queue.size() > 1) {
            scheduler.notifyParked();
        }
    }

    // ------------------------------------------------------------------ the loop

    /** The body of a multi-thread worker's thread. */
    void runLoop() {
        Scheduler s = scheduler;
        while (!s.isShutdown()) {
            RawTask<?> t = nextTask();
            if (t == null) {
                t = search();
            }
            if (t == null) {
                park(null);
            } else {
                runTask(t);
            }
        }
        if (searching) {
            searching = false;
            s.endSearching();
        }
        stopAfterShutdown();
    }

    /**
     * Hands what this worker still holds to the shutdown (its LIFO slot and queue, which only
     * its driving thread may pop), then tells the scheduler it stopped. Called by the thread that
     * drives the worker, once it no longer polls.
     */
    void stopAfterShutdown() {
        RawTask<?> t = lifo;
        lifo = null;
        if (t != null) {
            scheduler.scheduleAfterShutdown(t);
        }
        while ((t = queue.pop()) != null) {
            scheduler.scheduleAfterShutdown(t);
        }
        scheduler.workerStopped();
    }

    /** The next task from this worker's own queues (and, now and then, the injection queue first). */
    RawTask<?> nextTask() {
        if (++tick % MAINTENANCE_INTERVAL == 0) {
            maintenance();
            RawTask<?> t = scheduler.inject.pop();
            if (t != null) {
                return t;
            }
        }
        RawTask<?> t = queue.pop();
        if (t != null) {
            return t;
        }
        return scheduler.inject.popBatch(queue, scheduler.workers.length);
    }

    /** Fires due timers; their tasks land in this worker's queue. */
    private void fireTimers() {
        TimerWheel timers = scheduler.timers;
        if (timers.maybeDue()) {
            timers.fireDue(false);
        }
    }

    /**
     * Fires due timers, and polls the I/O driver without blocking if no parked worker is in it
     * (as Tokio's maintenance does), so sockets are served while every worker is busy; the
     * tasks land in this worker's queue.
     */
    void maintenance() {
        fireTimers();
        ParkDriver io = scheduler.parkDriver;
        if (io != null) {
            io.turn(0, null);   // returns at once if a parked worker holds it
        }
    }

    /** Polls {@code task}, then whatever it put in the LIFO slot, within the budget. */
    void runTask(RawTask<?> task) {
        if (searching) {
            searching = false;
            if (scheduler.endSearching() && (!queue.isEmpty() || !scheduler.inject.isEmpty())) {
                // The last searcher found work and sees more: wake another worker for it. With
                // nothing more in sight, waking one would only have it search and park again,
                // a futex round trip per wake (tens of microseconds here) for no parallelism.
                scheduler.notifyParked();
            }
        }
        budget = BUDGET;
        int lifoPolls = 0;
        polling = true;
        try {
            while (true) {
                current = task;
                task.run(this);
                count(POLLS, 1);
                RawTask<?> next = lifo;
                if (next == null) {
                    return;
                }
                lifo = null;
                if (++lifoPolls > MAX_LIFO_POLLS || budget <= 0 || scheduler.isShutdown()) {
                    requeue(next);
                    return;
                }
                task = next;
            }
        } finally {
            polling = false;
            current = null;   // a finished task must not stay reachable from here
        }
    }

    /** Looks for work elsewhere for a short while; null if none turned up. */
    private RawTask<?> search() {
        Scheduler s = scheduler;
        if (!searching) {
            if (!s.beginSearching()) {
                return null;
            }
            searching = true;
        }
        for (int i = 0; i < SPINS; i++) {
            RawTask<?> t = steal();
            if (t != null) {
                return t;
            }
            if (s.isShutdown()) {
                return null;
            }
            if ((i & 15) == 15) {
                fireTimers();
                t = queue.pop();
                if (t != null) {
                    return t;
                }
            }
            if (SPIN_YIELD > 0 && i % SPIN_YIELD == SPIN_YIELD - 1) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        return null;
    }

    /** Steals half of another worker's queue, or takes a batch from the injection queue. */
    RawTask<?> steal() {
        Worker[] all = scheduler.workers;
        int n = all.length;
        if (n > 1) {
            int start = nextRandom(n);
            for (int i = 0; i < n; i++) {
                Worker victim = all[(start + i) % n];
                if (victim != this) {
                    RawTask<?> t = victim.queue.stealInto(queue, this);
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        return scheduler.inject.popBatch(queue, n);
    }

    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % bound;
    }

    /**
     * Parks until work arrives, the next timer is due, or shutdown; for a current-thread runtime
     * also until {@code mainWaker} (the blockOn future's waker) is woken.
     */
    void park(ThreadWaker mainWaker) {
        Scheduler s = scheduler;
        if (searching) {
            searching = false;
            s.endSearching();
        }
        s.addSleeper(this);
        VarHandle.fullFence();
        // Re-check after announcing the sleep: a producer either saw us in the list or its work is visible now.
        if (s.isShutdown() || s.hasWork() || (mainWaker != null && mainWaker.isWoken())) {
            s.cancelSleep(this);
            return;
        }
        count(PARKS, 1);
        Thread me = Thread.currentThread();
        TimerWheel timers = s.timers;
        while (parkState == PARKED && !s.isShutdown() && (mainWaker == null || !mainWaker.isWoken())) {
            long nanos = timers.beginPark(me);
            if (nanos == 0) {
                break;
            }
            ParkDriver io = mainWaker == null ? s.parkDriver : null;
            if (io != null && parkInDriver(io, nanos)) {
                if (!queue.isEmpty()) {
                    break;   // readiness woke tasks into this worker's queue
                }
            } else if (io != null && (parkState != PARKED || s.isShutdown())) {
                // Notified while it tried the driver: the notifier may have spent its wake on
                // the driver, or on a park inside the attempt; do not wait for another.
                break;
            } else if (nanos == TimerWheel.NONE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, nanos);
            }
            if (timers.maybeDue()) {
                break;
            }
        }
        timers.endPark(me);
        s.cancelSleep(this);
        fireTimers();   // not the driver: this worker may have just turned it, and an empty select is a system call
    }

    /**
     * Blocks in the I/O driver until readiness, the next timer, or an unpark; false if another
     * worker holds the driver (then this one parks as usual).
     */
    private boolean parkInDriver(ParkDriver io, long nanos) {
        inDriver = true;   // before the driver publishes that it selects: see Scheduler.wake
        try {
            return io.turn(nanos == TimerWheel.NONE ? -1 : nanos, mayBlock);
        } finally {
            inDriver = false;
        }
    }

    private boolean mayBlockInDriver() {
        Thread me = Thread.currentThread();
        return parkState == PARKED && !scheduler.isShutdown() && !scheduler.timers.deadlineMovedUp(me);
    }

    /** Local queue depth, for metrics (racy). */
    int queueDepth() {
        return queue.size();
    }
}

package io.ferrite.runtime.scheduler;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.time.TimeSource;
import io.ferrite.time.VirtualTimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The engine behind {@code AsyncRuntime}: workers, the injection queue, the idle-worker
 * protocol, the timer wheel, the blocking pool, and shutdown. Internal: not part of Ferrite's
 * API, and it may change in any release.
 *
 * <h2>Waking idle workers without losing a wake-up</h2>
 * A worker about to park first enters the sleeper list, then (after a full fence) looks at every
 * queue once more; a producer first publishes its task, then (after a full fence) looks at the
 * sleeper list. One of the two must see the other. A producer wakes nobody while a worker is
 * searching, since that worker will find the task; a searcher that gives up re-checks the queues
 * on its way to parking. Pushes to a worker's own queue skip the fence: that worker runs the task
 * itself anyway, so a missed notification only costs parallelism, never the task.
 *
 * <h2>Shutdown: every handle completes</h2>
 * Closing sets {@code shutdown}; from then on nothing is queued on a worker: a spawn is refused
 * (its handle is cancelled at once) and a woken task goes to the injection queue. Each worker,
 * when its last poll returns, hands its own queue and LIFO slot over ({@link Worker#stopAfterShutdown})
 * and counts itself stopped. The sweep ({@link #sweep}) cancels what the queues and the
 * registries hold, claiming each task first so no worker polls it meanwhile, and a task a worker
 * is still polling stays in its registry for later. The sweep ends ({@code terminated}) only
 * when the injection queue is empty and no worker stopped since it started its last round; a
 * worker that stops after that sweeps for itself, and a task woken after it is cancelled on the
 * spot. A sweep that runs past {@code shutdownTimeout}'s deadline hands the rest to a thread of
 * its own. Once terminated, every {@code blockOn} still waiting is woken: it polls its future a
 * last time and, if still pending, cancels it and throws {@code Cancelled}.
 */
public final class Scheduler {

    private static final VarHandle CORE;

    static {
        try {
            CORE = MethodHandles.lookup().findVarHandle(Worker.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The façade object ({@code AsyncRuntime}) that owns this scheduler. */
    private final Object owner;
    private final String name;
    final boolean multiThread;
    final Worker[] workers;
    /** How many bits of a task's registry index name its worker (see {@link TaskRegistry}). */
    final int registryBits;
    final InjectQueue inject = new InjectQueue();
    final TimerWheel timers;
    private final BlockingPool blocking;
    private final BiConsumer<? super JoinHandle<?>, ? super Throwable> failureHandler;

    private final Object idleLock = new Object();
    private final Worker[] sleepers;
    private int sleeperCount;
    private volatile int numSleepers;
    private final AtomicInteger numSearching = new AtomicInteger();
    /** Where a worker with nothing to run blocks, if not in {@code LockSupport.park}: the I/O driver. */
    volatile ParkDriver parkDriver;

    /** Worker and blocking thread stack size in bytes, 0 for the JVM's default. */
    final long threadStackSize;
    /** Why a task is cancelled at shutdown; built once, since a sweep may cancel millions. */
    private final String shutDownMessage;

    /**
     * Guards {@link #closed}, {@link #terminated} and {@link #stops}, and every push to the
     * injection queue after shutdown, so the sweep cannot end with a task left behind.
     */
    private final Object closeLock = new Object();
    private boolean closed;
    private volatile boolean shutdown;
    /** The sweep is over: a task found after it is cancelled where it is found. */
    private volatile boolean terminated;
    /** Workers that stopped after shutdown; a change means the sweep must look again. */
    private volatile int stops;
    /** The waker of every {@code blockOn} in progress, woken when shutdown is over. */
    private final ConcurrentLinkedQueue<ThreadWaker> blockOnCalls = new ConcurrentLinkedQueue<>();
    private final AtomicLong externalSpawned = new AtomicLong();
    private final AtomicLong completedElsewhere = new AtomicLong();
    private final ConcurrentLinkedQueue<Thread> coreWaiters = new ConcurrentLinkedQueue<>();
    private final List<WorkerThread> threads = new ArrayList<>();
    /** What the runtime owns beside its threads (the I/O driver): made on first use, closed at shutdown. */
    private final ConcurrentHashMap<Class<?>, AutoCloseable> services = new ConcurrentHashMap<>();

    /**
     * Creates a scheduler; {@link #start()} starts its threads. Internal.
     *
     * @param owner           the façade object, returned by {@link #owner()}
     * @param multiThread     false for the current-thread flavour (one worker, no threads)
     * @param workerCount     worker threads for the multi-thread flavour
     * @param name            thread name prefix
     * @param maxBlocking     bound of the blocking pool
     * @param keepAlive       idle time after which a blocking thread exits
     * @param failureHandler  called with each task that fails
     * @param clock           the time source of the timers
     * @param threadStackSize stack size of the runtime's threads in bytes, 0 for the JVM's default
     */
    public Scheduler(Object owner, boolean multiThread, int workerCount, String name, int maxBlocking,
            Duration keepAlive, BiConsumer<? super JoinHandle<?>, ? super Throwable> failureHandler,
            TimeSource clock, long threadStackSize) {
        this.owner = owner;
        this.name = name;
        this.multiThread = multiThread;
        this.threadStackSize = threadStackSize;
        this.shutDownMessage = "was cancelled because runtime '" + name + "' shut down";
        int n = multiThread ? workerCount : 1;
        this.workers = new Worker[n];
        this.registryBits = TaskRegistry.bitsFor(n);
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i, registryBits);
        }
        this.sleepers = new Worker[n];
        this.timers = new TimerWheel(clock);
        this.blocking = new BlockingPool(this, maxBlocking, keepAlive.toNanos(), name + "-blocking-", threadStackSize);
        this.failureHandler = failureHandler;
    }

    /** Starts the worker threads (multi-thread flavour). */
    public void start() {
        if (multiThread) {
            for (Worker w : workers) {
                WorkerThread t = new WorkerThread(w, name + "-worker-" + w.index, threadStackSize);
                w.thread = t;
                threads.add(t);
            }
            for (WorkerThread t : threads) {
                t.start();
            }
        }
    }

    /**
     * The façade object that owns this scheduler.
     *
     * @return the {@code AsyncRuntime}
     */
    public Object owner() {
        return owner;
    }

    /**
     * The thread name prefix, which names the runtime in messages.
     *
     * @return the prefix
     */
    public String name() {
        return name;
    }

    /**
     * Whether this is the multi-thread flavour.
     *
     * @return true for multi-thread
     */
    public boolean isMultiThread() {
        return multiThread;
    }

    boolean isShutdown() {
        return shutdown;
    }

    /**
     * Whether shutdown is over: every task it found was cancelled, and {@code blockOn} calls
     * still waiting give up.
     *
     * @return true once the sweep is done
     */
    public boolean isTerminated() {
        return terminated;
    }

    /**
     * The timer wheel of this runtime.
     *
     * @return the wheel
     */
    public TimerWheel timers() {
        return timers;
    }

    /**
     * The service of type {@code type} this runtime owns (the I/O driver), made by {@code create}
     * on first use and closed at shutdown, after the workers stopped and the tasks left were
     * cancelled (if {@code shutdownTimeout} expires first: at its deadline, while the shutdown
     * thread cancels the rest). Internal: the one hook through which the I/O driver belongs to a
     * runtime.
     *
     * @param type   the service's class, its key
     * @param create makes the service, called at most once per runtime
     * @param <S>    the service type
     * @return the service
     * @throws IllegalStateException if the runtime has shut down and the service was never made
     */
    public <S extends AutoCloseable> S service(Class<S> type, Function<? super Scheduler, ? extends S> create) {
        AutoCloseable s = services.get(type);
        if (s == null) {
            synchronized (closeLock) {
                if (closed) {
                    throw new IllegalStateException(type.getSimpleName() + " was needed on runtime '" + name
                            + "' after it shut down: use a runtime that is still open");
                }
                s = services.computeIfAbsent(type, k -> create.apply(this));
            }
        }
        return type.cast(s);
    }

    // ------------------------------------------------------------------ which runtime is current

    /**
     * The scheduler of the calling thread: the runtime of a worker or blocking-pool thread, or
     * the one whose {@code blockOn} the thread is inside; null elsewhere.
     *
     * @return the scheduler, or null
     */
    public static Scheduler current() {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread rt) {
            return rt.scheduler;
        }
        return blockOnScheduler();
    }

    /** The scheduler whose {@code blockOn} the calling thread is inside, or null. */
    private static Scheduler blockOnScheduler() {
        PollFrame f = PollFrame.get();
        return f == null ? null : f.scheduler;
    }

    /**
     * The scheduler of {@code cx}'s task if it is one of ours, else of the calling thread.
     *
     * @param cx a poll's context
     * @return the scheduler, or null outside any runtime
     */
    public static Scheduler of(Context cx) {
        if (cx instanceof TaskCell<?> task && task.scheduler != null) {
            return task.scheduler;
        }
        return current();
    }

    /** The worker the calling thread is driving for this scheduler, or null. */
    Worker localWorker() {
        Thread t = Thread.currentThread();
        if (multiThread) {
            return t instanceof WorkerThread wt && wt.scheduler == this ? wt.worker : null;
        }
        Worker w = workers[0];
        return w.thread == t ? w : null;
    }

    /** The worker the calling thread drives, of any scheduler, or null (for the budget). */
    private static Worker anyLocalWorker() {
        Thread t = Thread.currentThread();
        if (t instanceof WorkerThread wt) {
            return wt.worker;
        }
        Scheduler s = blockOnScheduler();
        return s == null ? null : s.localWorker();
    }

    // ------------------------------------------------------------------ who is polling

    /** The waiter whose poll is running on this thread: a worker's task, a blockOn call, a local task. */
    static Waiter currentPoller() {
        Worker w = anyLocalWorker();
        if (w != null && w.polling) {
            return w.current;
        }
        PollFrame f = PollFrame.get();
        return f == null ? null : f.current;
    }

    /**
     * Returns the waiter to register for {@code waker}: the waker itself if the runtime made it,
     * else {@code previous} if it wraps the same waker, else a new wrapper owned by the waiter
     * polling now (see {@link Waiter}).
     *
     * @param waker    a waker handed to the runtime by a poll
     * @param previous the waiter registered for it last time, or null
     * @return a waiter that never lets the waker's exception out
     */
    public static Waiter waiterFor(Waker waker, Waiter previous) {
        if (waker instanceof Waiter w) {
            return w;
        }
        if (previous instanceof ForeignWaker f && f.waker == waker) {
            return f;
        }
        Waiter owner = currentPoller();
        return new ForeignWaker(waker, owner, owner != null ? owner : Thread.currentThread());
    }

    /** Who is awaiting, for a registration made now: the polling waiter, or this thread. */
    static Object currentAwaiterKey() {
        Waiter w = currentPoller();
        return w != null ? w : Thread.currentThread();
    }

    /**
     * Makes {@code waiter} the one polling on this thread, with a fresh budget, until
     * {@link #exitPoll}; for a {@code LocalSet} polling its tasks inside another poll. Internal.
     *
     * @param waiter the task about to be polled
     * @return what {@link #exitPoll} restores
     */
    public static Object enterPoll(Waiter waiter) {
        Worker w = anyLocalWorker();
        if (w != null && w.polling) {
            Object[] saved = {w, w.current, w.budget};
            w.current = waiter;
            w.budget = Worker.BUDGET;
            return saved;
        }
        PollFrame f = PollFrame.get();
        boolean own = f == null;
        if (own) {
            f = PollFrame.enter(null, null);
        }
        Object[] saved = {f, f.current, f.beginPoll(), own};
        f.current = waiter;
        return saved;
    }

    /**
     * Restores what {@link #enterPoll} changed.
     *
     * @param token its result
     */
    public static void exitPoll(Object token) {
        Object[] saved = (Object[]) token;
        if (saved[0] instanceof Worker w) {
            w.current = (Waiter) saved[1];
            w.budget = (Integer) saved[2];
            return;
        }
        PollFrame f = (PollFrame) saved[0];
        f.current = (Waiter) saved[1];
        f.endPoll((Long) saved[2]);
        if ((Boolean) saved[3]) {
            f.exit();
        }
    }

    /**
     * Describes {@code o} by its {@code toString}, or by its class if that throws: a user's
     * {@code toString} must not fail the runtime's own bookkeeping.
     *
     * @param o anything
     * @return a description
     */
    public static String describeSafely(Object o) {
        try {
            return String.valueOf(o);
        } catch (Throwable broken) {
            return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o))
                    + " (its toString threw " + broken.getClass().getName() + ")";
        }
    }

    // ------------------------------------------------------------------ cooperative budget

    /**
     * Spends one unit of the running task's budget. Internal: see {@code Task.pollProceed}.
     * A task polled by a worker spends the worker's budget; {@code blockOn}'s own future and a
     * {@code LocalSet}'s tasks spend their frame's, so they too yield when it runs out.
     *
     * @param cx the context of the poll
     * @return false if the task used up its budget and should return pending (it was woken)
     */
    public static boolean pollProceed(Context cx) {
        Worker w = cx instanceof RawTask<?> task ? task.scheduler.localWorker() : anyLocalWorker();
        if (w != null && w.polling) {
            if (--w.budget >= 0) {
                return true;
            }
        } else {
            PollFrame f = PollFrame.get();
            if (f == null || !f.polling || --f.budget >= 0) {
                return true;
            }
        }
        cx.waker().wake();
        return false;
    }

    /**
     * Whether the running task has budget left. Internal: see {@code Task}.
     *
     * @return false once the budget is spent
     */
    public static boolean hasBudgetRemaining() {
        Worker w = anyLocalWorker();
        if (w != null && w.polling) {
            return w.budget > 0;
        }
        PollFrame f = PollFrame.get();
        return f == null || !f.polling || f.budget > 0;
    }

    /**
     * Runs {@code check} with the budget switched off (Tokio's {@code coop::with_unconstrained}),
     * for a timer checked after the future it limits spent the budget. Internal.
     *
     * @param check the check to run
     * @return what {@code check} returned
     */
    public static boolean unconstrained(java.util.function.BooleanSupplier check) {
        Worker w = anyLocalWorker();
        if (w != null && w.polling) {
            int saved = w.budget;
            w.budget = Integer.MAX_VALUE;
            try {
                return check.getAsBoolean();
            } finally {
                w.budget = saved;
            }
        }
        PollFrame f = PollFrame.get();
        if (f == null || !f.polling) {
            return check.getAsBoolean();
        }
        int saved = f.budget;
        f.budget = Integer.MAX_VALUE;
        try {
            return check.getAsBoolean();
        } finally {
            f.budget = saved;
        }
    }

    // ------------------------------------------------------------------ spawning

    /**
     * Spawns {@code future} as a task. On a worker of this runtime it goes to that worker's LIFO
     * slot or queue; from anywhere else to the injection queue. After shutdown the task is
     * cancelled at once (its handle fails with {@code Cancelled}).
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return the task, which is its own join handle
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "spawn(null): pass the future to run as a task");
        RawTask<T> task = new RawTask<>(this, future);
        Worker w = localWorker();
        if (w != null && !shutdown) {
            w.count(Worker.SPAWNED, 1);
            w.schedule(task);
            return task;
        }
        synchronized (closeLock) {
            if (closed) {
                task.completeCancelled("was spawned after runtime '" + name + "' shut down");
                cancelQuietly(future);
                return task;
            }
            externalSpawned.incrementAndGet();
            inject.push(task);  // under the lock, so the shutdown sweep cannot miss it
        }
        VarHandle.fullFence();
        notifyParked();
        return task;
    }

    /**
     * Runs {@code callable} on the blocking pool.
     *
     * @param callable the blocking work
     * @param <T>      its value type
     * @return the task's join handle
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> callable) {
        Objects.requireNonNull(callable, "spawnBlocking(null): pass the blocking work to run");
        BlockingTask<T> task = new BlockingTask<>(this, callable);
        blocking.submit(task);
        return task;
    }

    /** Schedules a task that a wake (or abort) just marked {@code NOTIFIED}. */
    void schedule(RawTask<?> task) {
        if (shutdown) {
            scheduleAfterShutdown(task);
            return;
        }
        Worker w = localWorker();
        if (w != null) {
            w.schedule(task);
        } else {
            inject.push(task);
            VarHandle.fullFence();
            notifyParked();
        }
    }

    /**
     * After shutdown: leaves a task that is owed a run to the sweep, or, once the sweep is
     * over, cancels it here, on the calling thread.
     */
    void scheduleAfterShutdown(RawTask<?> task) {
        synchronized (closeLock) {
            if (!terminated) {
                inject.push(task);
                return;
            }
        }
        if (task.claim() == TaskCell.CLAIMED) {
            task.cancelFuture(null, shutDownMessage);
        }
    }

    // ------------------------------------------------------------------ idle workers

    /** Wakes one parked worker if none is searching (see the class comment). */
    void notifyParked() {
        if (numSleepers == 0 || numSearching.get() != 0) {
            return;
        }
        Worker w;
        synchronized (idleLock) {
            if (sleeperCount == 0 || numSearching.get() != 0) {
                return;
            }
            int i = pickSleeper();
            if (i < 0) {
                return;
            }
            w = sleepers[i];
            sleepers[i] = sleepers[--sleeperCount];
            sleepers[sleeperCount] = null;
            numSleepers = sleeperCount;
            w.parkState = Worker.NOTIFIED;
            if (multiThread) {
                numSearching.incrementAndGet();
            }
        }
        wake(w.thread);
    }

    /**
     * The sleeper to notify: the most recent one parked outside the I/O driver (waking the one in
     * {@code select} costs a {@code wakeup()} and leaves the sockets unwatched), else the one in
     * it; never the calling thread's own worker, which turned the driver and is on its way out of
     * its park anyway. -1 if there is none. Called under the idle lock.
     */
    private int pickSleeper() {
        Thread me = Thread.currentThread();
        int inDriver = -1;
        for (int i = sleeperCount - 1; i >= 0; i--) {
            Worker w = sleepers[i];
            if (w.thread == me) {
                continue;
            }
            if (!w.inDriver) {
                return i;
            }
            inDriver = i;
        }
        return inDriver;
    }

    /**
     * Unparks {@code t}, a worker thread (or the timer-driving thread), and the I/O driver too if
     * it may be blocked in it. A worker sets {@code inDriver} before the driver publishes that it
     * selects and asks whether it may block, so a reader that sees it unset has its news seen.
     * Seen set, it may be stale (the worker found the driver taken and is on its way to
     * {@code LockSupport.park}), so the thread is unparked as well: a spare permit only costs a
     * spurious return, which the park loop re-checks.
     */
    private void wake(Thread t) {
        if (t instanceof WorkerThread wt && wt.worker.inDriver) {
            ParkDriver d = parkDriver;
            if (d != null) {
                d.unpark();
            }
        }
        LockSupport.unpark(t);
    }

    /**
     * Lets the workers of a multi-thread runtime park in {@code driver} (one at a time; the
     * others park as before) rather than in {@code LockSupport.park}. A sleeping worker is
     * unparked so one of them takes the driver at once. Internal: the I/O driver's hook.
     *
     * @param driver the runtime's I/O driver
     * @return false for the current-thread flavour, whose thread also waits in {@code blockOn}
     *         and so cannot block in the driver: the caller turns it some other way
     */
    public boolean parkIn(ParkDriver driver) {
        if (!multiThread) {
            return false;
        }
        parkDriver = driver;
        timers.unparker(this::wake);
        Worker w;
        synchronized (idleLock) {
            w = sleeperCount == 0 ? null : sleepers[sleeperCount - 1];
        }
        if (w != null) {
            LockSupport.unpark(w.thread);   // still PARKED: it loops and takes the driver
        }
        return true;
    }

    /** At most half the workers search at once, so a burst does not wake everyone (as in Tokio). */
    boolean beginSearching() {
        int n = numSearching.get();
        while (2 * n < workers.length) {
            if (numSearching.compareAndSet(n, n + 1)) {
                return true;
            }
            n = numSearching.get();
        }
        return false;
    }

    /** Returns true if the caller was the last searching worker. */
    boolean endSearching() {
        return numSearching.decrementAndGet() == 0;
    }

    void addSleeper(Worker w) {
        synchronized (idleLock) {
            w.parkState = Worker.PARKED;
            sleepers[sleeperCount++] = w;
            numSleepers = sleeperCount;
        }
    }

    /** Leaves the sleeper list; if a notifier took the worker off it first, the worker is now searching. */
    void cancelSleep(Worker w) {
        synchronized (idleLock) {
            if (w.parkState == Worker.PARKED) {
                for (int i = 0; i < sleeperCount; i++) {
                    if (sleepers[i] == w) {
                        sleepers[i] = sleepers[--sleeperCount];
                        sleepers[sleeperCount] = null;
                        numSleepers = sleeperCount;
                        break;
                    }
                }
            } else if (multiThread) {
                w.searching = true;
            }
            w.parkState = Worker.AWAKE;
        }
    }

    /** Whether any queue holds a task (for a worker about to park). */
    boolean hasWork() {
        if (!inject.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (!w.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ blockOn

    /**
     * Runs {@code future} to completion on the calling thread. Internal: see
     * {@code AsyncRuntime.blockOn}.
     *
     * @param future the future
     * @param <T>    its value type
     * @return its value
     */
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "blockOn(null): pass the future to run");
        refuseInsideRuntime("blockOn");
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        PollFrame frame = PollFrame.enter(this, waker);
        blockOnCalls.add(waker);   // before reading shutdown: either it sees it, or shutdown wakes us
        try {
            if (shutdown) {
                throw new IllegalStateException("blockOn was called on runtime '" + name + "' after it was closed:"
                        + " build a new runtime");
            }
            return multiThread ? drive(future, waker, frame, this) : blockOnCore(future, waker, frame);
        } finally {
            blockOnCalls.remove(waker);
            frame.exit();
        }
    }

    /**
     * Polls {@code future} on the calling thread, parking between wakes, until it completes:
     * {@code BlockOn} (no frame, no runtime) and the multi-thread runtime's {@code blockOn}.
     *
     * @throws Cancelled if the thread is interrupted, or the runtime shut down, while it waits
     */
    static <T> T drive(Future<T> future, ThreadWaker waker, PollFrame frame, Scheduler runtime) {
        Context cx = Context.of(waker);
        while (true) {
            boolean last = runtime != null && runtime.terminated;
            Poll<T> poll = pollOwnFuture(future, cx, frame);
            if (poll.isReady()) {
                return poll.value();
            }
            if (last) {
                throw runtime.closedWhileBlocked(future);
            }
            if (!waker.awaitWake()) {
                throw interrupted(future);
            }
            waker.rethrowWakeFailure(future);
        }
    }

    /** Polls the future of a blockOn call within a budget of its own, so it yields like a task. */
    private static <T> Poll<T> pollOwnFuture(Future<T> future, Context cx, PollFrame frame) {
        if (frame == null) {
            return future.poll(cx);
        }
        long saved = frame.beginPoll();
        try {
            return future.poll(cx);
        } finally {
            frame.endPoll(saved);
        }
    }

    private static Cancelled interrupted(Future<?> future) {
        Cancelled c = new Cancelled("blockOn was interrupted while " + describeSafely(future) + " was pending");
        cancelAfterGivingUp(future, c);
        return c;
    }

    private Cancelled closedWhileBlocked(Future<?> future) {
        Cancelled c = new Cancelled("blockOn gave up on " + describeSafely(future) + ": runtime '" + name
                + "' was closed while it was pending, and nothing will complete it now");
        cancelAfterGivingUp(future, c);
        return c;
    }

    /** Cancels a future blockOn gives up on; what its unwinding throws travels with {@code why}. */
    static void cancelAfterGivingUp(Future<?> future, Throwable why) {
        try {
            future.cancel();
        } catch (Cancelled expected) {
            // Unwound to the top.
        } catch (Throwable unwinding) {
            why.addSuppressed(unwinding);
        }
    }

    /**
     * Throws if the calling thread is a worker or inside {@code blockOn}, where blocking would
     * stall the tasks it should be running.
     *
     * @param what the operation, for the message
     * @throws IllegalStateException on such a thread
     */
    public static void refuseInsideRuntime(String what) {
        Thread t = Thread.currentThread();
        Scheduler s = t instanceof WorkerThread wt ? wt.scheduler : blockOnScheduler();
        if (s != null) {
            throw new IllegalStateException(what + " was called on thread '" + t.getName() + "', which is running"
                    + " tasks of runtime '" + s.name + "': blocking it would stall every task queued there and can"
                    + " deadlock. Inside a task, await the future instead (or spawn it and await its JoinHandle);"
                    + " for blocking code, use Task.spawnBlocking and call " + what + " from there.");
        }
    }

    /** The current-thread flavour: drive the single worker while waiting, if the core is free. */
    private <T> T blockOnCore(Future<T> future, ThreadWaker mainWaker, PollFrame frame) {
        Thread me = Thread.currentThread();
        Context cx = Context.of(mainWaker);
        Worker w = workers[0];
        boolean pollMain = true;
        boolean haveCore = false;
        try {
            while (true) {
                if (pollMain || mainWaker.consume()) {
                    pollMain = false;
                    boolean last = terminated;
                    Poll<T> poll = pollOwnFuture(future, cx, frame);
                    if (poll.isReady()) {
                        return poll.value();
                    }
                    if (last) {
                        throw closedWhileBlocked(future);
                    }
                }
                mainWaker.rethrowWakeFailure(future);
                if (me.isInterrupted()) {
                    throw interrupted(future);
                }
                if (!haveCore && !shutdown) {
                    haveCore = CORE.compareAndSet(w, (Thread) null, me);
                }
                if (!haveCore || shutdown) {
                    if (haveCore) {
                        releaseCore(w);
                        haveCore = false;
                    }
                    waitForCoreOrWake(mainWaker, w);
                    continue;
                }
                // Like Tokio, run a batch before polling the main future again, even if it was
                // woken: a main future that yields lets queued tasks run.
                int ran = 0;
                while (ran < Worker.MAINTENANCE_INTERVAL) {
                    RawTask<?> t = w.nextTask();
                    if (t == null) {
                        break;
                    }
                    w.runTask(t);
                    ran++;
                }
                w.maintenance();
                if (ran > 0 || mainWaker.isWoken() || !w.queue.isEmpty() || !inject.isEmpty()) {
                    continue;
                }
                if (autoAdvance()) {
                    continue;
                }
                w.park(mainWaker);
            }
        } finally {
            if (haveCore) {
                releaseCore(w);
            }
        }
    }

    /** With an auto-advancing virtual clock and nothing else to do, jumps to the next deadline. */
    private boolean autoAdvance() {
        if (!(timers.clock() instanceof VirtualTimeSource v) || !v.isAutoAdvancing() || blocking.busy()) {
            return false;
        }
        long next = timers.nextDeadlineNanos();
        if (next == TimerWheel.NONE) {
            return false;
        }
        v.advance(Duration.ofNanos(Math.max(0, next - v.nanoTime())));
        return true;
    }

    /** Gives the core up; after shutdown, first hands what the worker holds to the sweep. */
    private void releaseCore(Worker w) {
        if (shutdown) {
            w.stopAfterShutdown();
        }
        w.thread = null;
        for (Thread t : coreWaiters) {
            LockSupport.unpark(t);
        }
    }

    /** Parks a blockOn thread that does not hold the core until its future is woken or the core is free. */
    private void waitForCoreOrWake(ThreadWaker mainWaker, Worker w) {
        Thread me = Thread.currentThread();
        coreWaiters.add(me);
        try {
            while (!mainWaker.isWoken() && (shutdown || w.thread != null)) {
                LockSupport.park(this);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } finally {
            coreWaiters.remove(me);
        }
    }

    // ------------------------------------------------------------------ failures and counters

    /** Hands a task failure to the handler; a failing handler cannot kill a worker either. */
    void reportFailure(TaskCell<?> task, Throwable failure) {
        try {
            failureHandler.accept(task, failure);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(failure);
            System.err.println("Ferrite runtime '" + name + "': the task failure handler itself failed:");
            handlerFailure.printStackTrace();
        }
    }

    void taskCompletedElsewhere() {
        completedElsewhere.incrementAndGet();
    }

    /**
     * Tasks spawned so far.
     *
     * @return the count
     */
    public long spawnedTasks() {
        long n = externalSpawned.get();
        for (Worker w : workers) {
            n += w.counter(Worker.SPAWNED);
        }
        return n;
    }

    /**
     * Tasks spawned and not finished.
     *
     * @return the count
     */
    public long aliveTasks() {
        long done = completedElsewhere.get();
        for (Worker w : workers) {
            done += w.counter(Worker.COMPLETED);
        }
        return Math.max(0, spawnedTasks() - done);
    }

    /**
     * The number of workers.
     *
     * @return the count
     */
    public int workerCount() {
        return workers.length;
    }

    /**
     * A worker's counter.
     *
     * @param worker the worker's index
     * @param which  {@code 0} polls, {@code 1} steals, {@code 2} parks
     * @return the counter's value
     */
    public long workerCounter(int worker, int which) {
        return workers[worker].counter(which);
    }

    /**
     * A worker's local queue depth.
     *
     * @param worker the worker's index
     * @return the depth
     */
    public int workerQueueDepth(int worker) {
        return workers[worker].queueDepth();
    }

    /**
     * The injection queue depth.
     *
     * @return the depth
     */
    public int injectDepth() {
        return inject.size();
    }

    /**
     * Blocking pool threads alive.
     *
     * @return the count
     */
    public int blockingThreads() {
        return blocking.threadCount();
    }

    /**
     * Blocking pool threads waiting for work.
     *
     * @return the count
     */
    public int idleBlockingThreads() {
        return blocking.idleCount();
    }

    /**
     * Callables waiting for a blocking thread.
     *
     * @return the depth
     */
    public int blockingQueueDepth() {
        return blocking.queueDepth();
    }

    /**
     * Timers registered on the wheel.
     *
     * @return the count
     */
    public int timerCount() {
        return timers.size();
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops accepting tasks, stops the workers, cancels every task left (on the calling thread,
     * once no worker runs), and waits for the blocking pool. Internal: see
     * {@code AsyncRuntime.close}.
     *
     * @param timeoutNanos how long to wait for threads, or {@link Long#MAX_VALUE} for ever
     * @return true if every thread ended in time
     */
    public boolean shutdown(long timeoutNanos) {
        refuseInsideRuntime("close");
        if (Thread.currentThread() instanceof RuntimeThread rt && rt.scheduler == this) {
            throw new IllegalStateException("close was called on thread '" + Thread.currentThread().getName()
                    + "' of runtime '" + name + "' itself, and closing waits for every thread of the runtime to end:"
                    + " close the runtime from a thread it does not own");
        }
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        synchronized (closeLock) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        shutdown = true;
        try {
            return stopEverything(deadline);
        } finally {
            timers.detach();   // even if a cancel threw: the virtual clock may drive a new runtime
            closeServices();
        }
    }

    private boolean stopEverything(long deadline) {
        boolean allEnded = true;
        if (multiThread) {
            for (WorkerThread t : threads) {
                LockSupport.unpark(t);
            }
            ParkDriver d = parkDriver;
            if (d != null) {
                d.unpark();   // after `shutdown` is set, which the worker in it checks before it blocks
            }
            allEnded = joinAll(threads, remaining(deadline));
        } else {
            allEnded = takeCore(deadline);
        }
        allEnded &= blocking.shutdown(remaining(deadline));
        if (!sweep(deadline)) {
            // Past the deadline with tasks left: they are cancelled on a thread of their own.
            ShutdownThread sweeper = new ShutdownThread();
            sweeper.start();
            allEnded = false;
        }
        return allEnded;
    }

    /**
     * Current-thread flavour: takes the core from whichever blockOn holds it (it lets go once it
     * sees the shutdown, after its poll) and stops the worker; false if the deadline came first,
     * in which case the holder stops it when it lets go.
     */
    private boolean takeCore(long deadline) {
        Worker core = workers[0];
        Thread me = Thread.currentThread();
        LockSupport.unpark(core.thread);
        coreWaiters.add(me);
        try {
            while (!CORE.compareAndSet(core, (Thread) null, me)) {
                long left = remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, 1_000_000L));
            }
        } finally {
            coreWaiters.remove(me);
        }
        core.stopAfterShutdown();
        return true;
    }

    /** Closes what {@link #service} made; a service that fails to close is reported, and the others still close. */
    private void closeServices() {
        for (AutoCloseable s : services.values()) {
            try {
                s.close();
            } catch (Throwable failure) {
                System.err.println("Ferrite runtime '" + name + "': closing " + s + " failed:");
                failure.printStackTrace();
            }
        }
    }

    private static long remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    /** A worker stopped after shutdown; if the sweep is already over, it sweeps what it left. */
    void workerStopped() {
        boolean late;
        synchronized (closeLock) {
            stops++;
            late = terminated;
        }
        if (late) {
            sweep(Long.MAX_VALUE);
        }
    }

    /**
     * Cancels every task still alive, each future's cancel running on this thread: queued tasks
     * are found in the injection queue (workers hand theirs over when they stop), suspended ones
     * in the registries. Cancelling may wake or spawn more tasks; those are rejected or found on
     * the next round. Any number of threads may sweep at once.
     *
     * @param deadline when to give up ({@link System#nanoTime()}), or {@link Long#MAX_VALUE}
     * @return true if it finished; false if the deadline came first
     */
    private boolean sweep(long deadline) {
        PollFrame frame = Thread.currentThread() instanceof RuntimeThread ? null : PollFrame.enter(this, null);
        try {
            while (true) {
                int stopsSeen = stops;
                TaskCell<?> t;
                while ((t = inject.pop()) != null) {
                    if (t.claim() == TaskCell.CLAIMED && !cancelClaimed(t, deadline)) {
                        return false;
                    }
                }
                for (Worker w : workers) {
                    while ((t = w.tasks.claimForShutdown()) != null) {
                        if (!cancelClaimed(t, deadline)) {
                            return false;
                        }
                    }
                }
                synchronized (closeLock) {
                    if (!inject.isEmpty() || stopsSeen != stops) {
                        continue;
                    }
                    terminated = true;
                }
                break;
            }
        } finally {
            if (frame != null) {
                frame.exit();
            }
        }
        for (ThreadWaker w : blockOnCalls) {
            w.wake();
        }
        return true;
    }

    /** Cancels a claimed task; false if the deadline has passed since. */
    private boolean cancelClaimed(TaskCell<?> task, long deadline) {
        ((RawTask<?>) task).cancelFuture(null, shutDownMessage);
        return deadline == Long.MAX_VALUE || System.nanoTime() - deadline < 0;
    }

    private static void cancelQuietly(Future<?> future) {
        try {
            future.cancel();
        } catch (Throwable ignored) {
            // A never-polled future has nothing to unwind.
        }
    }

    /** Finishes a sweep that ran past {@code shutdownTimeout}'s deadline. */
    private final class ShutdownThread extends RuntimeThread {
        ShutdownThread() {
            super(Scheduler.this, name + "-shutdown", threadStackSize);
        }

        @Override
        public void run() {
            sweep(Long.MAX_VALUE);
        }
    }

    static boolean joinAll(Collection<? extends Thread> threads, long timeoutNanos) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        boolean all = true;
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = remaining(deadline);
                if (left <= 0) {
                    all = false;
                    break;
                }
                try {
                    if (left == Long.MAX_VALUE) {
                        t.join();
                    } else {
                        t.join(Math.max(1, left / 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}

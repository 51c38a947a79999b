package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Ferrite's runtime: a scheduler that polls tasks, a timer wheel that drives
 * {@link io.ferrite.time.Time}, and a pool for blocking code (Tokio's {@code Runtime}).
 *
 * <p>Two flavours, chosen on the {@link Builder}:
 * <ul>
 *   <li>{@linkplain #multiThread() Multi-thread} (the default): worker threads (one per
 *       processor unless set), each with a local run queue; idle workers steal half of a busy
 *       worker's queue. A task woken by the task a worker is polling runs next on that worker
 *       (its LIFO slot), so message passing stays on one thread.</li>
 *   <li>{@linkplain #currentThread() Current-thread}: no worker threads; tasks run on the thread
 *       that calls {@link #blockOn}, and only while it is inside {@code blockOn}. Deterministic
 *       order (FIFO), no parallelism: good for tests and for single-threaded programs.</li>
 * </ul>
 * Each task gets a cooperative budget per poll ({@link Task#pollProceed}): a task that keeps
 * finding ready work is made to yield, so it cannot starve the others.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(4).threadNamePrefix("orders").build()) {
 *     JoinHandle<Receipt> receipt = rt.spawn(orders.checkout(cart));
 *     System.out.println(rt.blockOn(receipt));
 * }
 * }</pre>
 *
 * <h2>Blocking inside a task stalls a worker</h2>
 * A task runs on a worker thread until its poll returns. {@code Thread.sleep}, blocking I/O,
 * {@code Object.wait}, a long computation, or {@code CompletableFuture.join} inside a task keeps
 * that worker from running any other task (and on the current-thread flavour, every task). Use
 * the async equivalents ({@link io.ferrite.time.Time#sleep}, {@code await} on a future) and move
 * blocking or heavy work to {@link #spawnBlocking(Callable)} / {@link Task#spawnBlocking}, which
 * runs on separate threads. {@link #blockOn} refuses to run on a worker for the same reason.
 *
 * <h2>Cancellation</h2>
 * {@link #close()} cancels every task still alive: the future of each runs its
 * {@link Future#cancel()} (its {@code finally} blocks), and awaiting its handle throws
 * {@link Cancelled}. Every handle completes after shutdown (ran, failed, or cancelled), and a
 * {@link #blockOn} still waiting on another thread throws {@link Cancelled} (see
 * {@code docs/runtime.md}, "Shutdown").
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread, except that {@link #blockOn} and {@link #close()}
 * refuse to run on the runtime's own workers.
 */
public final class AsyncRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AsyncRuntime.class.getName());

    private final Scheduler scheduler;

    private AsyncRuntime(Builder b) {
        this.scheduler = new Scheduler(this, b.multiThread, b.workerThreads, b.threadNamePrefix, b.maxBlockingThreads,
                b.blockingKeepAlive, b.failureHandler, b.timeSource, b.threadStackSize);
        scheduler.start();
    }

    /**
     * Returns a builder for a multi-thread runtime; same as {@link #multiThread()}.
     *
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.builder().build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return multiThread();
    }

    /**
     * Returns a builder for a multi-thread, work-stealing runtime (Tokio's
     * {@code Builder::new_multi_thread}).
     *
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder multiThread() {
        return new Builder(true);
    }

    /**
     * Returns a builder for a current-thread runtime, which runs its tasks on the thread that
     * calls {@link #blockOn} (Tokio's {@code Builder::new_current_thread}).
     *
     * <pre>{@code
     * try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
     *     rt.blockOn(main());
     * }
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder currentThread() {
        return new Builder(false);
    }

    /**
     * Returns the runtime of the calling thread: the one whose worker, blocking thread, or
     * {@code blockOn} the thread is running (Tokio's {@code Handle::current}).
     *
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.current();   // inside a task
     * }</pre>
     *
     * @return the current runtime
     * @throws IllegalStateException if the calling thread belongs to no runtime
     */
    public static AsyncRuntime current() {
        Scheduler s = Scheduler.current();
        if (s == null) {
            throw noRuntime("AsyncRuntime.current()");
        }
        return (AsyncRuntime) s.owner();
    }

    static IllegalStateException noRuntime(String what) {
        return new IllegalStateException(what + " was called on thread '" + Thread.currentThread().getName()
                + "', which belongs to no Ferrite runtime: call it from a task or from inside AsyncRuntime.blockOn,"
                + " or use the methods of an AsyncRuntime instance (runtime.spawn(...)).");
    }

    /**
     * Runs {@code future} to completion and returns its value, blocking the calling thread:
     * the bridge from synchronous code (a {@code main} method, a test) into async code. Tasks
     * spawned inside it run on this runtime. On a current-thread runtime the calling thread also
     * runs the runtime's tasks while it waits.
     *
     * <pre>{@code
     * int answer = rt.blockOn(Future.ready(42));
     * }</pre>
     *
     * <p>The future gets the cooperative budget a task gets: once it has made 128 ready
     * operations in one poll, {@link Task#pollProceed} makes it yield, so on a current-thread
     * runtime a future that always finds work (a channel that is never empty) still lets the
     * spawned tasks run.
     *
     * <p>Cancellation: if the thread is interrupted while waiting, the future is cancelled and
     * {@link Cancelled} is thrown. If the runtime is closed (from another thread) while the
     * future is pending, {@code blockOn} does not wait for what can no longer happen: once the
     * shutdown has cancelled the runtime's tasks it polls the future a last time, returns its
     * value if it is ready, and otherwise cancels it and throws {@link Cancelled} at once.
     *
     * @param future the future to run
     * @param <T>    its value type
     * @return the future's value; its failure is rethrown unwrapped
     * @throws Cancelled             if the thread was interrupted, or the runtime closed, while
     *                               the future was pending
     * @throws IllegalStateException if called on a worker of any runtime or inside another
     *                               {@code blockOn} (blocking there stalls tasks and can
     *                               deadlock), or after {@link #close()}
     */
    public <T> T blockOn(Future<T> future) {
        return scheduler.blockOn(future);
    }

    /**
     * Starts {@code future} as a task on this runtime and returns its handle (Tokio's
     * {@code Handle::spawn}). The task runs whether or not the handle is awaited.
     *
     * <pre>{@code
     * JoinHandle<String> h = rt.spawn(Future.ready("hi"));
     * }</pre>
     *
     * <p>After {@link #close()}, the future is not run: its handle fails with {@link Cancelled}.
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return the task's handle
     * @throws NullPointerException if {@code future} is null
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return scheduler.spawn(future);
    }

    /**
     * Runs blocking or CPU-heavy code on the runtime's blocking pool, off the workers, and
     * returns a handle to await its result (Tokio's {@code spawn_blocking}). The pool starts
     * threads on demand up to {@link Builder#maxBlockingThreads(int)}; beyond that, callables
     * wait their turn.
     *
     * <pre>{@code
     * JoinHandle<byte[]> bytes = rt.spawnBlocking(() -> Files.readAllBytes(path));
     * }</pre>
     *
     * <p>Cancellation: {@link JoinHandle#abort()} only stops a callable that has not started.
     *
     * @param callable the blocking work; its exception becomes the handle's failure
     * @param <T>      its value type
     * @return the handle
     * @throws NullPointerException if {@code callable} is null
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> callable) {
        return scheduler.spawnBlocking(callable);
    }

    /**
     * Returns a live view of the runtime's counters and queue depths.
     *
     * <pre>{@code
     * long alive = rt.metrics().numAliveTasks();
     * }</pre>
     *
     * @return the metrics view
     */
    public RuntimeMetrics metrics() {
        return new RuntimeMetrics(scheduler);
    }

    /**
     * Shuts the runtime down and waits for it: stops accepting tasks, lets each worker finish the
     * poll it is in, cancels every task still alive (their futures' {@code cancel()} runs on the
     * closing thread, after every worker stopped, so never concurrently with a poll), cancels
     * blocking callables not yet started and waits for running ones, and joins every thread. No
     * thread of the runtime outlives this call, and every handle has completed when it returns.
     * A task spawned or woken after the shutdown began is cancelled, never left in a queue; a
     * {@link #blockOn} waiting on another thread throws {@link Cancelled}. Closing twice does
     * nothing.
     *
     * <pre>{@code
     * try (AsyncRuntime rt = AsyncRuntime.builder().build()) { ... }   // close() at the end
     * }</pre>
     *
     * @throws IllegalStateException if called from one of the runtime's own tasks or threads
     */
    @Override
    public void close() {
        scheduler.shutdown(Long.MAX_VALUE);
    }

    /**
     * Shuts down like {@link #close()}, but returns after about {@code timeout}: a worker stuck in
     * a poll, or a blocking callable that does not return, is left running. Every handle still
     * completes: a task a worker was polling is cancelled by that worker once its poll returns
     * pending (and a task it spawns or wakes then is cancelled too), and if cancelling the tasks
     * left (running their {@code finally} blocks) takes past the timeout, the rest is cancelled
     * on a thread named {@code <prefix>-shutdown} while this method returns false. The timeout
     * is checked between two cancellations: one {@code cancel()} that blocks delays the return
     * by as long as it blocks.
     *
     * <pre>{@code
     * boolean clean = rt.shutdownTimeout(Duration.ofSeconds(5));
     * }</pre>
     *
     * @param timeout the longest wait for the runtime's threads
     * @return true if every thread ended, and every task was cancelled, in time
     * @throws IllegalStateException if called from one of the runtime's own tasks or threads
     */
    public boolean shutdownTimeout(Duration timeout) {
        return scheduler.shutdown(Math.max(0, saturatedNanos(timeout)));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "AsyncRuntime[" + scheduler.name() + ", " + (scheduler.isMultiThread()
                ? scheduler.workerCount() + " workers" : "current-thread") + "]";
    }

    /**
     * Configures and builds an {@link AsyncRuntime} (Tokio's {@code runtime::Builder}).
     *
     * <h2>Example</h2>
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.multiThread()
     *         .workerThreads(4)
     *         .threadNamePrefix("api")
     *         .maxBlockingThreads(64)
     *         .blockingKeepAlive(Duration.ofSeconds(30))
     *         .taskFailureHandler((task, error) -> log.warn("task failed: " + task, error))
     *         .build();
     * }</pre>
     *
     * <h2>Thread safety</h2>
     * Not thread-safe; a builder may build several runtimes.
     */
    public static final class Builder {

        private final boolean multiThread;
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private String threadNamePrefix = "ferrite";
        private int maxBlockingThreads = 512;
        private Duration blockingKeepAlive = Duration.ofSeconds(10);
        private BiConsumer<? super JoinHandle<?>, ? super Throwable> failureHandler = AsyncRuntime::logFailure;
        private TimeSource timeSource = TimeSource.system();
        private long threadStackSize;

        private Builder(boolean multiThread) {
            this.multiThread = multiThread;
        }

        /**
         * Sets the number of worker threads of a multi-thread runtime; the default is the
         * number of available processors. A current-thread runtime has no workers and ignores
         * it.
         *
         * <pre>{@code
         * AsyncRuntime.builder().workerThreads(2).build();
         * }</pre>
         *
         * @param n the number of workers, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder workerThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workerThreads(" + n + "): a runtime needs at least one worker");
            }
            this.workerThreads = n;
            return this;
        }

        /**
         * Sets the prefix of the runtime's thread names: workers are named
         * {@code prefix-worker-N}, blocking threads {@code prefix-blocking-N}. The default is
         * {@code ferrite}.
         *
         * <pre>{@code
         * AsyncRuntime.builder().threadNamePrefix("orders").build();
         * }</pre>
         *
         * @param prefix the prefix
         * @return this builder
         * @throws NullPointerException if {@code prefix} is null
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the most threads the blocking pool may start; the default is 512. When all are
         * busy, further {@code spawnBlocking} callables wait in a queue.
         *
         * <pre>{@code
         * AsyncRuntime.builder().maxBlockingThreads(16).build();
         * }</pre>
         *
         * @param n the bound, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder maxBlockingThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBlockingThreads(" + n + "): the blocking pool needs at least"
                        + " one thread");
            }
            this.maxBlockingThreads = n;
            return this;
        }

        /**
         * Sets how long an idle blocking thread waits for work before it exits; the default is
         * 10 seconds.
         *
         * <pre>{@code
         * AsyncRuntime.builder().blockingKeepAlive(Duration.ofSeconds(1)).build();
         * }</pre>
         *
         * @param keepAlive the idle time, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code keepAlive} is zero or negative
         */
        public Builder blockingKeepAlive(Duration keepAlive) {
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("blockingKeepAlive(" + keepAlive + "): must be positive");
            }
            this.blockingKeepAlive = keepAlive;
            return this;
        }

        /**
         * Sets what to do when a task fails: the handler receives the task's handle and the
         * exception, on the thread that ran the task, for every task (async or blocking) that
         * fails with anything but {@link Cancelled}, for an exception thrown by a future's
         * {@code cancel()} while it unwinds, and for an exception thrown by a waker the task
         * registered (the task fails with it). A task's failure is handed to the handler before
         * the handle completes (the handle's {@code toString} names the failed future and says
         * {@code [failed]}), and is then kept in the handle for whoever awaits it. A handler that
         * throws is reported on {@code System.err}; it never stops a worker.
         *
         * <p>The default logs through {@link System.Logger} (logger
         * {@code io.ferrite.runtime.AsyncRuntime}), as Tokio reports a task's error only to whoever
         * awaits its handle and prints only what nobody awaits: a failure that nobody awaits
         * ({@link JoinHandle#isAwaited()} false when it is reported) is a {@code WARNING} with the
         * stack trace, so no failure goes unnoticed; a failure that an awaiting task, a
         * {@code blockOn} call or a {@code CompletableFuture} receives is logged at {@code DEBUG},
         * since the awaiter handles it or fails with it in turn (and that failure is reported
         * the same way). A task that fails before anyone awaits it counts as not awaited. A
         * handler of your own can make the same distinction with {@code task.isAwaited()}.
         *
         * <pre>{@code
         * AsyncRuntime.builder().taskFailureHandler((task, error) -> metrics.increment("task.failed")).build();
         * }</pre>
         *
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder taskFailureHandler(BiConsumer<? super JoinHandle<?>, ? super Throwable> handler) {
            this.failureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the clock of the runtime's timers; the default is {@link TimeSource#system()}.
         * Tests pass a {@link io.ferrite.time.VirtualTimeSource} and move time by hand.
         *
         * <pre>{@code
         * VirtualTimeSource clock = new VirtualTimeSource();
         * AsyncRuntime rt = AsyncRuntime.builder().timeSource(clock).build();
         * }</pre>
         *
         * @param source the time source; a virtual one may serve one runtime at a time
         * @return this builder
         * @throws NullPointerException if {@code source} is null
         */
        public Builder timeSource(TimeSource source) {
            this.timeSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the stack size of the runtime's threads, workers and blocking threads, in bytes
         * (Tokio's {@code thread_stack_size}); the default, 0, is the JVM's ({@code -Xss}, 1 MiB
         * on 64-bit Linux). A poll of nested futures goes as deep as their nesting (an
         * {@code @Async} method awaiting itself recursively polls the whole chain), so deep
         * recursion needs a larger stack; {@code docs/runtime.md} says how deep the default goes.
         * The JVM may round the size or, on some platforms, ignore it, as
         * {@link Thread#Thread(ThreadGroup, Runnable, String, long)} says. A current-thread
         * runtime runs its tasks on the thread that calls {@code blockOn}, whose stack its creator
         * chose: the setting applies only to its blocking threads.
         *
         * <pre>{@code
         * AsyncRuntime.builder().threadStackSize(16 * 1024 * 1024).build();   // 16 MiB per worker
         * }</pre>
         *
         * @param bytes the stack size, positive, or 0 for the JVM's default
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder threadStackSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threadStackSize(" + bytes + "): a stack size is a number of bytes,"
                        + " positive, or 0 for the JVM's default");
            }
            this.threadStackSize = bytes;
            return this;
        }

        /**
         * Builds the runtime and starts its worker threads.
         *
         * <pre>{@code
         * try (AsyncRuntime rt = AsyncRuntime.builder().build()) { ... }
         * }</pre>
         *
         * @return a running runtime
         * @throws IllegalStateException if the virtual time source already serves a runtime
         *                               that is not closed
         */
        public AsyncRuntime build() {
            return new AsyncRuntime(this);
        }
    }

    /** The default failure handler; see {@link Builder#taskFailureHandler}. */
    static void logFailure(JoinHandle<?> task, Throwable error) {
        if (task != null && task.isAwaited()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Ferrite " + task + ": the failure went to the awaiter of its"
                    + " handle", error);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Ferrite " + task + ", and nothing awaits its handle (set"
                    + " AsyncRuntime.Builder.taskFailureHandler to handle task failures yourself)", error);
        }
    }
}

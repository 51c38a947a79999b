package io.ferrite.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.scheduler.LocalScheduler;
import java.util.Objects;

/**
 * A set of tasks that all run on one thread (Tokio's {@code LocalSet}): for work that must not
 * change threads, such as code built on thread-confined objects ({@code ThreadLocal} state, a
 * non-thread-safe client, a UI toolkit's objects). Its tasks are spawned with
 * {@link #spawnLocal} or, from code the set is running, {@link Task#spawnLocal}; they run only
 * while the set is being polled, on the thread polling it.
 *
 * <p>Drive a set with {@link #runUntil(Future)}, which polls a future of yours and the set's
 * tasks until that future completes, or await the set itself, which completes once every task of
 * it has finished. Where that polling happens:
 * <ul>
 *   <li>Multi-thread runtime: from a thread of your own, with
 *       {@code runtime.blockOn(localSet.runUntil(main()))}. The local tasks run on that thread,
 *       beside the workers; they may {@link Task#spawn} work onto the workers, await it, and
 *       use timers. A task on a worker cannot drive a set (it may move to another worker at its
 *       next poll): polling a set there throws {@link IllegalStateException}.</li>
 *   <li>Current-thread runtime: with {@code blockOn} as above, or from any of its tasks, since
 *       they all run on the one thread.</li>
 * </ul>
 * The set is pinned to the first thread that polls it; polling it from another thread throws
 * {@link IllegalStateException}. A set is not tied to a runtime: its tasks use the runtime of
 * the thread that polls them (timers, {@code Task.spawn}, the failure handler), and a set run by
 * the runtime-free {@link BlockOn} reports failures the way the default failure handler does.
 *
 * <p>Each local task is a task like any other: a {@link JoinHandle} any number of tasks may
 * await (from any thread), {@code abort()}, and the cooperative budget on each poll. The set
 * polls at most 61 of them per poll of its own, then yields to its driver, so a busy set does not
 * starve the driving future or the runtime it runs in.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // A client that must stay on one thread, used by several tasks at once.
 * try (AsyncRuntime rt = AsyncRuntime.builder().build(); LocalSet local = new LocalSet()) {
 *     NotThreadSafeClient client = new NotThreadSafeClient();
 *     int total = rt.blockOn(local.runUntil(sumOfLookups(client, List.of("a", "bb", "ccc"))));
 * }
 *
 * @Async
 * Future<Integer> sumOfLookups(NotThreadSafeClient client, List<String> keys) {
 *     List<JoinHandle<Integer>> lookups = new ArrayList<>();
 *     for (String key : keys) {
 *         lookups.add(Task.spawnLocal(client.lookup(key)));   // on this thread, concurrently
 *     }
 *     int total = 0;
 *     for (JoinHandle<Integer> lookup : lookups) {
 *         total += await(lookup);
 *     }
 *     return Future.ready(total);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a {@code runUntil} future cancels the future it runs; the set's tasks stay in the
 * set, to run the next time it is polled. {@link #close()} cancels every task of the set on the
 * calling thread (their {@code finally} blocks run there): use try-with-resources, since a set
 * that is never closed keeps tasks that nothing polls any more, and their handles then never
 * complete. The runtime's shutdown does not reach a set's tasks (they are not the runtime's);
 * it makes the {@code blockOn} that drives the set throw, and the set's {@code close()} at the
 * end of the try block then cancels them.
 *
 * <h2>Thread safety</h2>
 * {@link #spawnLocal} may be called from any thread (the task still runs on the set's thread).
 * Poll the set, and close it, from its thread.
 */
public final class LocalSet implements Future<Void>, AutoCloseable {

    private final LocalScheduler engine = new LocalScheduler(this, AsyncRuntime::logFailure);

    /**
     * Creates an empty set, not pinned to a thread until it is first polled.
     *
     * <pre>{@code
     * LocalSet local = new LocalSet();
     * }</pre>
     */
    public LocalSet() {
    }

    /**
     * Spawns {@code future} as a task of this set; it runs on the set's thread, the next time the
     * set is polled (Tokio's {@code LocalSet::spawn_local}). Like every task it runs whether or
     * not its handle is awaited.
     *
     * <pre>{@code
     * JoinHandle<Void> ui = local.spawnLocal(refreshLoop());
     * }</pre>
     *
     * <p>After {@link #close()}, the future is not run: its handle fails with
     * {@link io.ferrite.Cancelled}.
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return the task's handle
     * @throws NullPointerException if {@code future} is null
     */
    public <T> JoinHandle<T> spawnLocal(Future<T> future) {
        return engine.spawn(future);
    }

    /**
     * Returns a future that polls {@code future} and runs this set's tasks, on the thread that
     * polls it, until {@code future} completes; it completes like {@code future}. While it runs,
     * {@link Task#spawnLocal} from {@code future} or from the set's tasks spawns onto this set.
     * Tasks still running when {@code future} completes stay in the set.
     *
     * <pre>{@code
     * String answer = runtime.blockOn(local.runUntil(main()));
     * }</pre>
     *
     * <p>Cancellation: cancelling it cancels {@code future}; the set's tasks are left as they
     * are.
     *
     * @param future the future to run to completion
     * @param <T>    its value type
     * @return a single-use future of {@code future}'s value
     * @throws NullPointerException if {@code future} is null
     */
    public <T> Future<T> runUntil(Future<T> future) {
        return new RunUntil<>(Objects.requireNonNull(future, "future"));
    }

    /**
     * Runs the set's tasks; completes once every one of them has finished (awaiting the set
     * is Tokio's {@code local_set.await}).
     *
     * @param cx the context of the polling task
     * @return ready once the set has no task left
     * @throws IllegalStateException if polled on a worker of a multi-thread runtime, or on
     *                               another thread than the one that polled the set first
     */
    @Override
    public Poll<Void> poll(Context cx) {
        Object token = engine.enter(cx);
        try {
            if (engine.tick()) {
                cx.waker().wake();
                return Poll.pending();
            }
            return engine.size() == 0 ? Poll.ready(null) : Poll.pending();
        } finally {
            engine.exit(token);
        }
    }

    /**
     * Tells how many of the set's tasks have not finished yet.
     *
     * <pre>{@code
     * if (local.size() == 0) { ... every task has finished ... }
     * }</pre>
     *
     * @return the number of live tasks
     */
    public int size() {
        return engine.size();
    }

    /**
     * Cancels every task of the set that has not finished, on the calling thread (their
     * {@code finally} blocks run here, and their handles fail with {@link io.ferrite.Cancelled});
     * a task spawned afterwards is cancelled at once. Closing twice does nothing more.
     *
     * <pre>{@code
     * try (LocalSet local = new LocalSet()) { ... }   // leftover tasks cancelled here
     * }</pre>
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "LocalSet@" + Integer.toHexString(System.identityHashCode(this)) + "[" + engine.size() + " tasks"
                + (engine.isClosed() ? ", closed]" : "]");
    }

    /** The future of {@link #runUntil}. */
    private final class RunUntil<T> implements Future<T> {
        private final Future<T> future;

        RunUntil(Future<T> future) {
            this.future = future;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Object token = engine.enter(cx);
            try {
                Poll<T> p = future.poll(cx);
                if (p.isReady()) {
                    return p;
                }
                if (engine.tick()) {
                    cx.waker().wake();
                }
                return Poll.pending();
            } finally {
                engine.exit(token);
            }
        }

        @Override
        public void cancel() {
            future.cancel();
        }

        @Override
        public String toString() {
            return LocalSet.this + ".runUntil(" + future + ")";
        }
    }
}

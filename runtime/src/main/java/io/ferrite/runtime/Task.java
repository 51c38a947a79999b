package io.ferrite.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.scheduler.LocalScheduler;
import io.ferrite.runtime.scheduler.Scheduler;
import java.util.concurrent.Callable;

/**
 * Task operations on the runtime the calling code runs on (Tokio's {@code tokio::task} and
 * {@code tokio::spawn}): spawn from inside a task without passing the runtime around, yield, and
 * take part in the cooperative budget.
 *
 * <p>"The current runtime" is the one whose worker or blocking thread is calling, or whose
 * {@link AsyncRuntime#blockOn} the calling thread is inside.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> sumAll(List<Integer> xs) {
 *     List<JoinHandle<Integer>> parts = new ArrayList<>();
 *     for (int x : xs) {
 *         parts.add(Task.spawn(square(x)));      // runs concurrently on the same runtime
 *     }
 *     int sum = 0;
 *     for (JoinHandle<Integer> p : parts) {
 *         sum += await(p);
 *     }
 *     return Future.ready(sum);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * The futures of {@link #yieldNow()} and {@link #consumeBudget()} hold nothing: cancelling them
 * has nothing to undo. A spawned task is stopped with {@link JoinHandle#abort()}.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread of a runtime.
 */
public final class Task {

    private Task() {
    }

    /**
     * Spawns {@code future} as a task on the current runtime. From a worker it is queued on that
     * worker (and runs right after the current poll if nothing else was woken).
     *
     * <pre>{@code
     * JoinHandle<Void> h = Task.spawn(handle(connection));
     * }</pre>
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return the task's handle
     * @throws IllegalStateException if the calling thread belongs to no runtime
     * @throws NullPointerException  if {@code future} is null
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        return current("Task.spawn").spawn(future);
    }

    /**
     * Spawns {@code future} onto the {@link LocalSet} that is running the calling code (Tokio's
     * {@code task::spawn_local}): the task runs on the set's thread, never on a worker, so it
     * may use objects confined to that thread. The calling code is a future run by
     * {@link LocalSet#runUntil} or one of the set's own tasks.
     *
     * <pre>{@code
     * JoinHandle<Integer> lookup = Task.spawnLocal(client.lookup(key));
     * }</pre>
     *
     * @param future the task's future
     * @param <T>    its value type
     * @return the task's handle
     * @throws IllegalStateException if no {@code LocalSet} is running the calling code
     * @throws NullPointerException  if {@code future} is null
     */
    public static <T> JoinHandle<T> spawnLocal(Future<T> future) {
        LocalScheduler set = LocalScheduler.current();
        if (set == null) {
            throw new IllegalStateException("Task.spawnLocal was called on thread '" + Thread.currentThread().getName()
                    + "' outside any LocalSet: call it from a future run by localSet.runUntil(...) (for instance"
                    + " runtime.blockOn(localSet.runUntil(main()))) or from one of the set's tasks, or call"
                    + " localSet.spawnLocal(...) directly");
        }
        return set.spawn(future);
    }

    /**
     * Runs {@code callable} on the current runtime's blocking pool; see
     * {@link AsyncRuntime#spawnBlocking(Callable)}. This is where blocking calls belong: made in
     * a task, they stall its worker (see "Blocking inside a task stalls a worker" on
     * {@link AsyncRuntime}).
     *
     * <pre>{@code
     * String text = await(Task.spawnBlocking(() -> Files.readString(path)));
     * }</pre>
     *
     * @param callable the blocking work
     * @param <T>      its value type
     * @return the handle
     * @throws IllegalStateException if the calling thread belongs to no runtime
     * @throws NullPointerException  if {@code callable} is null
     */
    public static <T> JoinHandle<T> spawnBlocking(Callable<T> callable) {
        return current("Task.spawnBlocking").spawnBlocking(callable);
    }

    /**
     * Returns a future that, awaited, lets the other tasks run first: its first poll wakes its
     * own task and returns pending, so the task goes to the back of its worker's queue; its
     * second poll completes (Tokio's {@code yield_now}).
     *
     * <pre>{@code
     * for (Item item : hugeList) {
     *     process(item);
     *     await(Task.yieldNow());
     * }
     * }</pre>
     *
     * @return a new single-use future
     */
    public static Future<Void> yieldNow() {
        return new YieldNow();
    }

    /**
     * Returns a future that spends one unit of the task's cooperative budget, and yields if the
     * budget is used up (Tokio's {@code consume_budget}): for loops of CPU work between awaits
     * that could otherwise hold a worker too long.
     *
     * <pre>{@code
     * for (Row row : rows) {
     *     await(Task.consumeBudget());
     *     total += row.amount();
     * }
     * }</pre>
     *
     * @return a new single-use future
     */
    public static Future<Void> consumeBudget() {
        return new ConsumeBudget();
    }

    /**
     * Spends one unit of the polling task's cooperative budget; for futures written by hand that
     * can complete without ever returning pending (a channel with queued messages, a finished
     * task's handle). Call it just before returning a ready value; if it returns false, the
     * budget is used up and the task was already woken: return {@link Poll#pending()} instead,
     * and the task is polled again after the others had their turn. Each poll of a task starts
     * with 128 units. Outside a runtime worker it always returns true.
     *
     * <pre>{@code
     * public Poll<T> poll(Context cx) {
     *     T item = queue.peek();
     *     if (item != null) {
     *         if (!Task.pollProceed(cx)) {
     *             return Poll.pending();
     *         }
     *         return Poll.ready(queue.poll());
     *     }
     *     ...
     * }
     * }</pre>
     *
     * @param cx the context of the current poll
     * @return true to go ahead, false to return pending
     */
    public static boolean pollProceed(Context cx) {
        return Scheduler.pollProceed(cx);
    }

    /**
     * Tells whether the running task still has cooperative budget; true outside a runtime.
     *
     * <pre>{@code
     * if (!Task.hasBudgetRemaining()) { ... do the cheap thing ... }
     * }</pre>
     *
     * @return false once the current poll has used up its budget
     */
    public static boolean hasBudgetRemaining() {
        return Scheduler.hasBudgetRemaining();
    }

    private static Scheduler current(String what) {
        Scheduler s = Scheduler.current();
        if (s == null) {
            throw AsyncRuntime.noRuntime(what);
        }
        return s;
    }

    /** Pending once, after waking its own task. */
    private static final class YieldNow implements Future<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded) {
                return Poll.ready(null);
            }
            yielded = true;
            cx.waker().wake();
            return Poll.pending();
        }

        @Override
        public String toString() {
            return "Task.yieldNow()";
        }
    }

    /** Ready at once while there is budget; otherwise yields once. */
    private static final class ConsumeBudget implements Future<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded || Scheduler.pollProceed(cx)) {
                return Poll.ready(null);
            }
            yielded = true;
            return Poll.pending();
        }

        @Override
        public String toString() {
            return "Task.consumeBudget()";
        }
    }
}

package io.ferrite.runtime;

import io.ferrite.runtime.scheduler.Scheduler;

/**
 * A live view of a runtime's counters and queue depths (Tokio's {@code RuntimeMetrics}). Every
 * read is a fresh, unsynchronized snapshot of counters that workers update without locks: the
 * values are exact once the runtime is quiet, and approximate while it runs.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * RuntimeMetrics m = rt.metrics();
 * System.out.printf("%d spawned, %d alive, %d polls, %d stolen, %d queued globally%n",
 *         m.spawnedTasksCount(), m.numAliveTasks(), m.pollCount(), m.stealCount(), m.globalQueueDepth());
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * May be read from any thread, also after the runtime closed.
 */
public final class RuntimeMetrics {

    private static final int POLLS = 0;
    private static final int STEALS = 1;
    private static final int PARKS = 2;

    private final Scheduler scheduler;

    RuntimeMetrics(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Returns the number of workers: the worker threads of a multi-thread runtime, 1 for a
     * current-thread one.
     *
     * @return the number of workers
     */
    public int numWorkers() {
        return scheduler.workerCount();
    }

    /**
     * Returns how many tasks were spawned since the runtime started (blocking callables not
     * included).
     *
     * @return the number of spawns
     */
    public long spawnedTasksCount() {
        return scheduler.spawnedTasks();
    }

    /**
     * Returns how many spawned tasks have not finished yet.
     *
     * @return the number of alive tasks
     */
    public long numAliveTasks() {
        return scheduler.aliveTasks();
    }

    /**
     * Returns how many task polls all workers made.
     *
     * @return the total number of polls
     */
    public long pollCount() {
        long n = 0;
        for (int i = 0; i < numWorkers(); i++) {
            n += workerPollCount(i);
        }
        return n;
    }

    /**
     * Returns how many task polls worker {@code worker} made.
     *
     * @param worker the worker's index, from 0 to {@code numWorkers() - 1}
     * @return its number of polls
     * @throws IndexOutOfBoundsException if there is no such worker
     */
    public long workerPollCount(int worker) {
        return scheduler.workerCounter(worker, POLLS);
    }

    /**
     * Returns how many tasks all workers stole from other workers' queues.
     *
     * @return the total number of stolen tasks
     */
    public long stealCount() {
        long n = 0;
        for (int i = 0; i < numWorkers(); i++) {
            n += workerStealCount(i);
        }
        return n;
    }

    /**
     * Returns how many tasks worker {@code worker} stole from others.
     *
     * @param worker the worker's index
     * @return its number of stolen tasks
     * @throws IndexOutOfBoundsException if there is no such worker
     */
    public long workerStealCount(int worker) {
        return scheduler.workerCounter(worker, STEALS);
    }

    /**
     * Returns how many times worker {@code worker} parked (went to sleep for lack of work).
     *
     * @param worker the worker's index
     * @return its number of parks
     * @throws IndexOutOfBoundsException if there is no such worker
     */
    public long workerParkCount(int worker) {
        return scheduler.workerCounter(worker, PARKS);
    }

    /**
     * Returns how many tasks wait in the global injection queue (scheduled from outside the
     * workers, or overflowed from a full local queue).
     *
     * @return the global queue depth
     */
    public int globalQueueDepth() {
        return scheduler.injectDepth();
    }

    /**
     * Returns how many tasks wait in worker {@code worker}'s local queue.
     *
     * @param worker the worker's index
     * @return its local queue depth
     * @throws IndexOutOfBoundsException if there is no such worker
     */
    public int workerLocalQueueDepth(int worker) {
        return scheduler.workerQueueDepth(worker);
    }

    /**
     * Returns how many threads the blocking pool has.
     *
     * @return the number of blocking threads
     */
    public int numBlockingThreads() {
        return scheduler.blockingThreads();
    }

    /**
     * Returns how many blocking threads wait for work.
     *
     * @return the number of idle blocking threads
     */
    public int numIdleBlockingThreads() {
        return scheduler.idleBlockingThreads();
    }

    /**
     * Returns how many blocking callables wait for a thread.
     *
     * @return the blocking queue depth
     */
    public int blockingQueueDepth() {
        return scheduler.blockingQueueDepth();
    }

    /**
     * Returns how many timers (sleeps, timeouts, intervals) are registered.
     *
     * @return the number of pending timers
     */
    public int numTimers() {
        return scheduler.timerCount();
    }

    @Override
    public String toString() {
        return "RuntimeMetrics[workers=" + numWorkers() + ", spawned=" + spawnedTasksCount() + ", alive="
                + numAliveTasks() + ", polls=" + pollCount() + ", steals=" + stealCount() + ", global queue="
                + globalQueueDepth() + "]";
    }
}

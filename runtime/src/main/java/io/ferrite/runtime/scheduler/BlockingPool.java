package io.ferrite.runtime.scheduler;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that run {@code spawnBlocking} callables, apart from the workers so blocking code
 * never stalls async tasks. Threads are started on demand up to a bound, and an idle thread
 * exits after the keep-alive time; beyond the bound, callables wait in a FIFO queue.
 */
final class BlockingPool {

    private final Scheduler scheduler;
    private final int maxThreads;
    private final long keepAliveNanos;
    private final String namePrefix;
    private final long stackSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final ArrayDeque<BlockingTask<?>> queue = new ArrayDeque<>();
    private final Set<Thread> threads = new HashSet<>();
    private int idle;
    private int running;
    private int nextId;
    private boolean shutdown;

    BlockingPool(Scheduler scheduler, int maxThreads, long keepAliveNanos, String namePrefix, long stackSize) {
        this.stackSize = stackSize;
        this.scheduler = scheduler;
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAliveNanos;
        this.namePrefix = namePrefix;
    }

    void submit(BlockingTask<?> task) {
        Thread start = null;
        lock.lock();
        try {
            if (shutdown) {
                task.completeCancelled("was submitted after the runtime shut down");
                return;
            }
            queue.add(task);
            if (idle >= queue.size()) {
                workAvailable.signal();
            } else if (threads.size() < maxThreads) {
                start = new BlockingThread(namePrefix + nextId++);
                threads.add(start);
            }
        } finally {
            lock.unlock();
        }
        if (start != null) {
            start.start();
        }
    }

    private void work() {
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            while (true) {
                BlockingTask<?> task = queue.poll();
                if (task != null) {
                    running++;
                    lock.unlock();
                    try {
                        task.run();
                    } finally {
                        lock.lock();
                        running--;
                    }
                    continue;
                }
                if (shutdown) {
                    break;
                }
                idle++;
                long left;
                try {
                    left = workAvailable.awaitNanos(keepAliveNanos);
                } catch (InterruptedException e) {
                    left = 0;  // shutdownTimeout gave up waiting: leave
                } finally {
                    idle--;
                }
                if (left <= 0 && queue.isEmpty()) {
                    break;
                }
            }
            threads.remove(me);
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking callables, cancels the queued ones and waits for running ones. */
    boolean shutdown(long timeoutNanos) {
        Set<Thread> toJoin;
        lock.lock();
        try {
            shutdown = true;
            BlockingTask<?> t;
            while ((t = queue.poll()) != null) {
                t.completeCancelled("was cancelled before it started because the runtime shut down");
            }
            workAvailable.signalAll();
            toJoin = new HashSet<>(threads);
        } finally {
            lock.unlock();
        }
        return Scheduler.joinAll(toJoin, timeoutNanos);
    }

    int threadCount() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    int idleCount() {
        lock.lock();
        try {
            return idle;
        } finally {
            lock.unlock();
        }
    }

    int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a callable is queued or running (auto-advancing clocks wait for them). */
    boolean busy() {
        lock.lock();
        try {
            return running > 0 || !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** A pool thread. */
    private final class BlockingThread extends RuntimeThread {
        BlockingThread(String name) {
            super(BlockingPool.this.scheduler, name, stackSize);
        }

        @Override
        public void run() {
            work();
        }
    }
}

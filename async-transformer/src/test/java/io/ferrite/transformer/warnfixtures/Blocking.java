package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;
import io.ferrite.runtime.Task;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

class Blocking {

    /** A user's own lock: matched through the class hierarchy. */
    static final class AuditedLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;
    }

    static final CompletableFuture<String> DONE = CompletableFuture.completedFuture("done");

    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<String> anyQueue = new LinkedBlockingDeque<>();
    private final LinkedBlockingDeque<String> deque = new LinkedBlockingDeque<>();
    private final Object monitor = new Object();
    private final CountDownLatch latch = new CountDownLatch(0);
    private final Semaphore permits = new Semaphore(4);
    private final AuditedLock lock = new AuditedLock();
    private final java.util.concurrent.Future<String> task = DONE;

    @Async
    static Future<String> sleeps(Future<String> f) throws InterruptedException {
        Thread.sleep(1); // WARNING blocking-call-in-async
        return Future.ready(await(f));
    }

    @Async
    static Future<String> joins() {
        return Future.ready(DONE.join()); // WARNING blocking-call-in-async
    }

    @Async
    Future<String> gets() throws InterruptedException, ExecutionException, TimeoutException {
        String a = DONE.get(); // WARNING blocking-call-in-async
        return Future.ready(a + task.get(1, TimeUnit.SECONDS)); // WARNING blocking-call-in-async
    }

    @Async
    Future<String> queues() throws InterruptedException {
        queue.put("x"); // WARNING blocking-call-in-async
        anyQueue.put("y"); // WARNING blocking-call-in-async
        deque.putFirst("z"); // WARNING blocking-call-in-async
        String polled = anyQueue.poll(1, TimeUnit.MILLISECONDS); // WARNING blocking-call-in-async
        String taken = queue.take(); // WARNING blocking-call-in-async
        return Future.ready(taken + polled + deque.takeLast()); // WARNING blocking-call-in-async
    }

    @Async
    Future<Void> waits() throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1); // WARNING blocking-call-in-async
        }
        latch.await(); // WARNING blocking-call-in-async
        permits.acquire(); // WARNING blocking-call-in-async
        LockSupport.parkNanos(1); // WARNING blocking-call-in-async
        return Future.ready(null);
    }

    @Async
    Future<Integer> locks(Future<Integer> f) {
        lock.lock(); // WARNING blocking-call-in-async
        int held;
        try {
            held = lock.getHoldCount();
        } finally {
            lock.unlock();
        }
        return Future.ready(held + await(f));
    }

    @Async
    static Future<String> blocksOn(Future<String> f) {
        return Future.ready(BlockOn.blockOn(f)); // WARNING blocking-call-in-async
    }

    @Async
    static Future<String> inFinally(Future<String> f) {
        try {
            return Future.ready(await(f));
        } finally {
            LockSupport.parkNanos(1); // WARNING blocking-call-in-async
        }
    }

    static Supplier<Future<String>> asyncLambda(Future<String> f) {
        return () -> {
            LockSupport.parkNanos(1); // WARNING blocking-call-in-async
            return Future.ready(await(f));
        };
    }

    // Nothing below is reported: not async code, or not blocking.

    String notAsync() throws InterruptedException {
        Thread.sleep(1);
        return queue.take() + DONE.join();
    }

    @Async
    Future<String> offloads() {
        return Task.spawnBlocking(() -> {
            Thread.sleep(1);
            return queue.take();
        });
    }

    @Async
    Future<Boolean> nonBlockingVariants() {
        boolean offered = queue.offer("x") && queue.poll() != null;
        boolean acquired = permits.tryAcquire();
        if (lock.tryLock()) {
            lock.unlock();
        }
        return Future.ready(offered && acquired && DONE.isDone() && DONE.getNow("") != null);
    }

    @Async
    static Future<Integer> ferriteSemaphore(io.ferrite.sync.Semaphore semaphore, Future<Integer> f) {
        try (io.ferrite.sync.Semaphore.Permit permit = await(semaphore.acquire())) {
            return Future.ready(await(f) + permit.hashCode() * 0);
        }
    }
}

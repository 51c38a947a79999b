package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

class LockAcrossAwait {

    private final Lock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int count;

    @Async
    Future<Integer> heldAcross(Future<Integer> f) {
        lock.lock(); // WARNING blocking-call-in-async
        try {
            count += await(f); // WARNING lock-held-across-await
            return Future.ready(count);
        } finally {
            lock.unlock();
        }
    }

    @Async
    Future<Integer> tried(Future<Integer> f) {
        if (lock.tryLock()) {
            try {
                count += await(f); // WARNING lock-held-across-await
            } finally {
                lock.unlock();
            }
        }
        return Future.ready(count + await(f));
    }

    @Async
    Future<Integer> notTried(Future<Integer> f) {
        if (!lock.tryLock()) {
            return Future.ready(await(f));
        }
        try {
            return Future.ready(count + await(f)); // WARNING lock-held-across-await
        } finally {
            lock.unlock();
        }
    }

    @Async
    Future<Integer> writeLock(Future<Integer> f) throws InterruptedException {
        rw.writeLock().lockInterruptibly(); // WARNING blocking-call-in-async
        int value = await(f); // WARNING lock-held-across-await
        rw.writeLock().unlock();
        return Future.ready(value);
    }

    @Async
    Future<Integer> inLoop(Future<Integer> f) {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            lock.lock(); // WARNING blocking-call-in-async
            try {
                sum += await(f); // WARNING lock-held-across-await
            } finally {
                lock.unlock();
            }
        }
        return Future.ready(sum + await(f));
    }

    // Nothing below is reported at an await: the lock is released first, or not held on every path.

    @Async
    Future<Integer> releasedBefore(Future<Integer> f) {
        int before;
        lock.lock(); // WARNING blocking-call-in-async
        try {
            before = count;
        } finally {
            lock.unlock();
        }
        return Future.ready(before + await(f));
    }

    @Async
    Future<Integer> heldOnOnePathOnly(Future<Integer> f, boolean exclusive) {
        if (exclusive) {
            lock.lock(); // WARNING blocking-call-in-async
        }
        int value = await(f);
        if (exclusive) {
            lock.unlock();
        }
        return Future.ready(value);
    }

    @Async
    Future<Integer> triedAndKept(Future<Integer> f) {
        boolean locked = lock.tryLock();
        int value = await(f);
        if (locked) {
            lock.unlock();
        }
        return Future.ready(value);
    }
}

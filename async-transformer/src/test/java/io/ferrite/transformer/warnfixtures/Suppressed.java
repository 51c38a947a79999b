package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.annotations.Suppress;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

class Suppressed {

    private final ReentrantLock lock = new ReentrantLock();

    static Future<String> send(String to) {
        return Future.ready(to);
    }

    @Async
    @Suppress("blocking-call-in-async")
    static Future<String> allowedSleep(Future<String> f) throws InterruptedException {
        Thread.sleep(1);
        send("a"); // WARNING future-never-polled
        return Future.ready(await(f));
    }

    @Async
    @Suppress({"blocking-call-in-async", "lock-held-across-await"})
    Future<Integer> allowedLock(Future<Integer> f) {
        lock.lock();
        try {
            return Future.ready(await(f));
        } finally {
            lock.unlock();
        }
    }

    @Async
    @Suppress("future-never-polled")
    static Future<Void> otherCode() throws InterruptedException {
        send("b");
        Thread.sleep(1); // WARNING blocking-call-in-async
        return Future.ready(null);
    }

    @Suppress("future-never-polled")
    static Runnable lambdaInside() {
        return () -> send("c");
    }

    @Suppress("future-never-polled")
    static Supplier<Runnable> nestedLambda() {
        return () -> () -> send("d");
    }

    @Suppress("blocking-call-in-async")
    static Supplier<Future<String>> asyncLambdaInside(Future<String> f) {
        return () -> {
            java.util.concurrent.locks.LockSupport.parkNanos(1);
            return Future.ready(await(f));
        };
    }

    @Suppress("future-never-polled")
    Suppressed() {
        send("e");
    }

    static void notSuppressed() {
        send("f"); // WARNING future-never-polled
    }
}

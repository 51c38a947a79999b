package io.ferrite.sample;

import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;

/**
 * The Ferrite sample application.
 *
 * <p>Today it shows what exists: the core {@link Future} contract driven by
 * {@link io.ferrite.runtime.BlockOn}, with a hand-written future that is completed from another
 * thread. The {@code @Async} demos (join, select with a timeout, spawn, channels, semaphores,
 * retry, graceful shutdown) arrive with the transformer, the plugin and the runtime.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the sample.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("Ferrite sample");
        System.out.println("--------------");
        long start = System.nanoTime();
        String value = blockOn(new CompletedByTimerThread("hello from another thread", 50));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("blockOn(hand-written future) -> \"%s\" after %d ms (the waker was called off the main thread)%n",
                value, millis);
        System.out.println();
        System.out.println("Not here yet: @Async methods with await(...) need the transformer and the Maven plugin,");
        System.out.println("and join/select/spawn/channels need the multi-threaded runtime. See the README's status table.");
    }

    /** Pending until a helper thread, started on the first poll, completes it and calls the waker. */
    private static final class CompletedByTimerThread implements Future<String> {
        private final String value;
        private final long delayMillis;
        private volatile boolean done;
        private Thread timer;

        CompletedByTimerThread(String value, long delayMillis) {
            this.value = value;
            this.delayMillis = delayMillis;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (done) {
                return Poll.ready(value);
            }
            if (timer == null) {
                Waker waker = cx.waker();
                timer = new Thread(() -> {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done = true;
                    waker.wake();
                }, "sample-timer");
                timer.setDaemon(true);
                timer.start();
            }
            return Poll.pending();
        }
    }
}

package io.ferrite.runtime;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A future completed by hand from the test: pending until {@link #complete(Object)}, which wakes
 * the last waker it was polled with. Records polls, cancels, and the threads involved; detects a
 * poll that overlaps another poll or a cancel.
 */
final class ManualFuture<T> implements Future<T> {

    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final CountDownLatch firstPoll = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    volatile Thread pollThread;
    volatile Thread cancelThread;
    private final AtomicInteger inside = new AtomicInteger();
    private volatile Waker waker;
    private volatile boolean done;
    private volatile T value;
    private volatile Runnable onCancel = () -> { };

    @Override
    public Poll<T> poll(Context cx) {
        enter();
        try {
            polls.incrementAndGet();
            pollThread = Thread.currentThread();
            waker = cx.waker();
            firstPoll.countDown();
            return done ? Poll.ready(value) : Poll.pending();
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public void cancel() {
        enter();
        try {
            cancelThread = Thread.currentThread();
            cancels.incrementAndGet();
            onCancel.run();
            cancelled.countDown();
        } finally {
            inside.decrementAndGet();
        }
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
    }

    /** Runs {@code r} inside {@code cancel()}, as a {@code finally} block would run. */
    void onCancel(Runnable r) {
        onCancel = r;
    }

    /** Completes with {@code v} and wakes the task that polled last. */
    void complete(T v) {
        value = v;
        done = true;
        wake();
    }

    /** Wakes the task that polled last, without completing. */
    void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}

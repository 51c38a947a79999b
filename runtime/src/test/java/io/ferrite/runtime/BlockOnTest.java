package io.ferrite.runtime;

import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlockOnTest {

    /** Pending until another thread sets the value and calls the waker it was given. */
    static final class CompletedElsewhere implements Future<String> {
        final AtomicInteger polls = new AtomicInteger();
        final AtomicReference<Thread> wakingThread = new AtomicReference<>();
        volatile String value;
        Thread completer;

        @Override
        public Poll<String> poll(Context cx) {
            polls.incrementAndGet();
            if (value != null) {
                return Poll.ready(value);
            }
            if (completer == null) {
                Waker waker = cx.waker();
                completer = new Thread(() -> {
                    value = "from another thread";
                    wakingThread.set(Thread.currentThread());
                    waker.wake();
                    waker.wake();  // a second wake must be harmless
                }, "completer");
                completer.start();
            }
            return Poll.pending();
        }
    }

    @Test
    void blockOn_should_return_value_when_future_is_completed_from_another_thread() throws Exception {
        CompletedElsewhere future = new CompletedElsewhere();
        assertEquals("from another thread", blockOn(future));
        future.completer.join();
        assertNotSame(Thread.currentThread(), future.wakingThread.get());
        assertTrue(future.polls.get() >= 2, "polled again after the wake");
    }

    @Test
    void blockOn_should_return_at_once_when_future_is_ready() {
        assertEquals(42, blockOn(Future.ready(42)));
    }

    @Test
    void blockOn_should_rethrow_same_exception_when_future_fails() {
        IOException error = new IOException("boom");
        Throwable thrown = assertThrows(IOException.class, () -> blockOn(Future.failed(error)));
        assertSame(error, thrown);
    }

    @Test
    void blockOn_should_rethrow_when_future_fails_after_pending() {
        IllegalArgumentException error = new IllegalArgumentException("late");
        AtomicBoolean first = new AtomicBoolean(true);
        Future<Integer> future = cx -> {
            if (first.getAndSet(false)) {
                cx.waker().wake();  // woken during its own poll: the executor must poll again
                return Poll.pending();
            }
            throw error;
        };
        assertSame(error, assertThrows(IllegalArgumentException.class, () -> blockOn(future)));
    }

    @Test
    void blockOn_should_cancel_future_when_thread_is_interrupted() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        CountDownLatch polled = new CountDownLatch(1);
        Future<String> never = new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                polled.countDown();
                return Poll.pending();
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            try {
                blockOn(never);
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        runner.start();
        polled.await();
        runner.interrupt();
        runner.join();
        assertTrue(thrown.get() instanceof Cancelled, String.valueOf(thrown.get()));
        assertEquals(1, cancels.get());
        assertTrue(stillInterrupted.get());
    }
}

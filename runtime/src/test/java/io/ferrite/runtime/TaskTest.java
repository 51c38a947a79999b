package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.testing.ManualFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scheduling semantics, made deterministic by the current-thread runtime's single FIFO worker. */
class TaskTest {

    static AsyncRuntime single() {
        return AsyncRuntime.currentThread().taskFailureHandler((t, e) -> { }).build();
    }

    /** Runs {@code step} on each poll; pending until {@code step} returns true. */
    static <T> Future<T> steps(java.util.function.Function<Context, Boolean> step) {
        return cx -> step.apply(cx) ? Poll.ready(null) : Poll.pending();
    }

    @Test
    void spawn_should_throw_ise_naming_the_thread_when_called_outside_a_runtime() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.spawn(Future.ready(1)));
        assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("runtime.spawn"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Task.spawnBlocking(() -> 1));
    }

    @Test
    void spawn_should_use_the_runtime_of_the_calling_task() {
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            JoinHandle<Integer> outer = rt.spawn(new Future<Integer>() {
                JoinHandle<Integer> inner;

                @Override
                public Poll<Integer> poll(Context cx) {
                    if (inner == null) {
                        inner = Task.spawn(Future.ready(21));
                    }
                    Poll<Integer> p = inner.poll(cx);
                    return p.isReady() ? Poll.ready(p.value() * 2) : Poll.pending();
                }
            });
            assertEquals(42, rt.blockOn(outer));
            assertEquals(2, rt.metrics().spawnedTasksCount());
        }
    }

    @Test
    void wake_should_schedule_task_once_when_woken_many_times() {
        try (AsyncRuntime rt = single()) {
            AtomicInteger polls = new AtomicInteger();
            AtomicReference<Waker> waker = new AtomicReference<>();
            JoinHandle<Object> h = rt.spawn(steps(cx -> {
                waker.set(cx.waker());
                return polls.incrementAndGet() == 2;
            }));
            rt.blockOn(Task.yieldNow());  // first poll
            assertEquals(1, polls.get());
            for (int i = 0; i < 5; i++) {
                waker.get().wake();
            }
            assertEquals(1, rt.metrics().globalQueueDepth());
            rt.blockOn(h);
            assertEquals(2, polls.get());
            waker.get().wake();  // after completion: ignored
            rt.blockOn(Task.yieldNow());
            assertEquals(2, polls.get());
            assertEquals(0, rt.metrics().globalQueueDepth());
        }
    }

    @Test
    void wake_during_own_poll_should_requeue_task_behind_queued_tasks() {
        Ordering order = new Ordering();
        try (AsyncRuntime rt = single()) {
            AtomicInteger polls = new AtomicInteger();
            JoinHandle<Object> a = rt.spawn(steps(cx -> {
                if (polls.incrementAndGet() == 1) {
                    order.expect(1);
                    cx.waker().wake();
                    cx.waker().wake();
                    return false;
                }
                order.expect(3);
                return true;
            }));
            JoinHandle<Object> b = rt.spawn(steps(cx -> {
                order.expect(2);
                return true;
            }));
            rt.blockOn(a);
            rt.blockOn(b);
            order.finish(4);
            assertEquals(2, polls.get());
        }
    }

    @Test
    void task_woken_by_running_task_should_run_next_before_queued_tasks() {
        Ordering order = new Ordering();
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> waitingFor = new ManualFuture<>();
            JoinHandle<String> receiver = rt.spawn(cx -> {
                Poll<String> p = waitingFor.poll(cx);
                if (p.isReady()) {
                    order.expect(2);
                }
                return p;
            });
            rt.blockOn(Task.yieldNow());  // the receiver suspends
            JoinHandle<Object> sender = rt.spawn(steps(cx -> {
                order.expect(1);
                waitingFor.complete("message");  // wakes the receiver into the LIFO slot
                return true;
            }));
            JoinHandle<Object> bystander = rt.spawn(steps(cx -> {
                order.expect(3);
                return true;
            }));
            assertEquals("message", rt.blockOn(receiver));
            rt.blockOn(sender);
            rt.blockOn(bystander);
            order.finish(4);
        }
    }

    @Test
    void yieldNow_should_let_queued_tasks_run_first() {
        Ordering order = new Ordering();
        try (AsyncRuntime rt = single()) {
            Future<Void> y = Task.yieldNow();
            JoinHandle<Void> yielding = rt.spawn(cx -> {
                Poll<Void> p = y.poll(cx);
                order.expect(p.isPending() ? 1 : 3);
                return p;
            });
            JoinHandle<Object> other = rt.spawn(steps(cx -> {
                order.expect(2);
                return true;
            }));
            rt.blockOn(yielding);
            rt.blockOn(other);
            order.finish(4);
        }
    }

    @Test
    void pollProceed_should_make_task_yield_after_its_budget_of_128() {
        try (AsyncRuntime rt = single()) {
            List<Integer> proceedsPerPoll = new ArrayList<>();
            JoinHandle<Object> greedy = rt.spawn(steps(cx -> {
                int n = 0;
                while (Task.pollProceed(cx)) {
                    n++;
                    if (n > 1000) {
                        break;
                    }
                }
                proceedsPerPoll.add(n);
                assertFalse(Task.hasBudgetRemaining());
                return proceedsPerPoll.size() == 2;
            }));
            rt.blockOn(greedy);
            assertEquals(List.of(128, 128), proceedsPerPoll);
            assertTrue(Task.pollProceed(io.ferrite.Context.noop()), "outside a task there is no budget");
        }
    }

    @Test
    void consumeBudget_should_yield_when_budget_is_spent() {
        try (AsyncRuntime rt = single()) {
            AtomicInteger polls = new AtomicInteger();
            JoinHandle<Object> h = rt.spawn(new Future<Object>() {
                int consumed;
                Future<Void> current;

                @Override
                public Poll<Object> poll(Context cx) {
                    polls.incrementAndGet();
                    while (consumed < 300) {
                        if (current == null) {
                            current = Task.consumeBudget();
                        }
                        if (current.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        current = null;
                        consumed++;
                    }
                    return Poll.ready(consumed);
                }
            });
            assertEquals(300, rt.blockOn(h));
            assertEquals(3, polls.get());  // 128 + 128 + 44
        }
    }

    @Test
    void abort_should_cancel_suspended_future_on_a_worker_and_fail_handle_with_cancelled() {
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            ManualFuture<String> f = new ManualFuture<>();
            AtomicInteger finallyRan = new AtomicInteger();
            f.onCancel(finallyRan::incrementAndGet);
            JoinHandle<String> h = rt.spawn(f);
            AsyncRuntimeTest.await(f.firstPoll());
            h.abort();
            h.abort();
            Cancelled c = assertThrows(Cancelled.class, () -> rt.blockOn(h));
            assertTrue(c.getMessage().contains("aborted"), c.getMessage());
            assertEquals(1, finallyRan.get());
            assertTrue(f.cancelThread().getName().startsWith("ferrite-worker-"), f.cancelThread().getName());
            assertEquals(0, f.overlaps());
            assertTrue(h.isFinished());
        }
    }

    @Test
    void abort_should_cancel_without_polling_when_task_never_ran() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            h.abort();
            assertThrows(Cancelled.class, () -> rt.blockOn(h));
            assertEquals(0, f.polls());
            assertEquals(1, f.cancels());
        }
    }

    @Test
    void abort_during_poll_should_cancel_after_the_poll_returns() {
        try (AsyncRuntime rt = single()) {
            AtomicReference<JoinHandle<Object>> self = new AtomicReference<>();
            AtomicInteger cancelsDuringPoll = new AtomicInteger();
            AtomicInteger cancels = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            JoinHandle<Object> h = rt.spawn(new Future<Object>() {
                boolean inPoll;

                @Override
                public Poll<Object> poll(Context cx) {
                    inPoll = true;
                    polls.incrementAndGet();
                    self.get().abort();
                    inPoll = false;
                    return Poll.pending();
                }

                @Override
                public void cancel() {
                    if (inPoll) {
                        cancelsDuringPoll.incrementAndGet();
                    }
                    cancels.incrementAndGet();
                }
            });
            self.set(h);
            assertThrows(Cancelled.class, () -> rt.blockOn(h));
            assertEquals(1, polls.get());
            assertEquals(1, cancels.get());
            assertEquals(0, cancelsDuringPoll.get());
        }
    }

    @Test
    void abort_should_keep_result_when_task_already_finished() {
        try (AsyncRuntime rt = single()) {
            JoinHandle<String> h = rt.spawn(Future.ready("kept"));
            assertEquals("kept", rt.blockOn(h));
            h.abort();
            assertEquals("kept", rt.blockOn(h));
        }
    }

    @Test
    void cancel_should_detach_handle_without_stopping_task() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            AtomicInteger joinWakes = new AtomicInteger();
            rt.blockOn(Task.yieldNow());
            assertTrue(h.poll(Context.of(joinWakes::incrementAndGet)).isPending());
            h.cancel();
            f.complete("done");
            rt.blockOn(Task.yieldNow());
            assertTrue(h.isFinished());
            assertEquals(0, joinWakes.get(), "the detached waker is not called");
            assertEquals(0, f.cancels());
            assertEquals("done", rt.blockOn(h));
        }
    }

    @Test
    void joinHandle_should_wake_latest_waker_when_polled_with_a_new_one() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            AtomicInteger first = new AtomicInteger();
            AtomicInteger second = new AtomicInteger();
            assertTrue(h.poll(Context.of(first::incrementAndGet)).isPending());
            assertTrue(h.poll(Context.of(second::incrementAndGet)).isPending());
            rt.blockOn(Task.yieldNow());
            f.complete("x");
            rt.blockOn(Task.yieldNow());
            assertEquals(0, first.get());
            assertEquals(1, second.get());
            assertSame("x", h.poll(Context.noop()).value());
        }
    }

    @Test
    void toString_should_describe_task_state() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            assertTrue(h.toString().contains("scheduled"), h.toString());
            rt.blockOn(Task.yieldNow());
            assertTrue(h.toString().contains("idle"), h.toString());
            f.complete("x");
            rt.blockOn(h);
            assertTrue(h.toString().contains("finished"), h.toString());
        }
    }

    /** Awaits {@code handle} and returns its value plus a suffix; counts down {@code waiting} once pending. */
    static Future<String> awaiting(JoinHandle<String> handle, String suffix, java.util.concurrent.CountDownLatch waiting) {
        return cx -> {
            Poll<String> p = handle.poll(cx);
            if (p.isPending()) {
                waiting.countDown();
                return Poll.pending();
            }
            return Poll.ready(p.value() + suffix);
        };
    }

    @Test
    void joinHandle_awaited_by_two_tasks_should_wake_and_complete_both_on_a_current_thread_runtime() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> shared = rt.spawn(work);
            java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(2);
            JoinHandle<String> a = rt.spawn(awaiting(shared, "/a", waiting));
            JoinHandle<String> b = rt.spawn(awaiting(shared, "/b", waiting));
            rt.blockOn(Task.yieldNow());
            assertEquals(0, waiting.getCount());
            work.complete("v");
            for (int round = 0; round < 10 && !(a.isFinished() && b.isFinished()); round++) {
                rt.blockOn(Task.yieldNow());
            }
            assertTrue(a.isFinished() && b.isFinished(), "an awaiter of the shared handle was never woken");
            assertEquals("v/a", rt.blockOn(a));
            assertEquals("v/b", rt.blockOn(b));
            assertEquals("v", rt.blockOn(shared), "the handle may be awaited again");
        }
    }

    @Test
    void joinHandle_awaited_by_two_tasks_should_wake_and_complete_both_on_a_multi_thread_runtime()
            throws Exception {
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> shared = rt.spawn(work);
            java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(2);
            JoinHandle<String> a = rt.spawn(awaiting(shared, "/a", waiting));
            JoinHandle<String> b = rt.spawn(awaiting(shared, "/b", waiting));
            waiting.await();
            work.complete("v");
            assertEquals("v/a", io.ferrite.testing.Eventually.get(a.toCompletableFuture(), "the first awaiter"));
            assertEquals("v/b", io.ferrite.testing.Eventually.get(b.toCompletableFuture(), "the second awaiter"));
        }
    }

    @Test
    void joinHandle_should_keep_one_registration_per_awaiting_task_when_it_repolls_with_new_wakers() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> work = new ManualFuture<>();
            JoinHandle<String> shared = rt.spawn(work);
            AtomicInteger oldWakes = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            // One task polls the handle with a new waker each time; only the latest must be woken.
            JoinHandle<String> task = rt.spawn(cx -> {
                polls.incrementAndGet();
                Waker own = cx.waker();
                Poll<String> p = shared.poll(Context.of(() -> {
                    own.wake();
                }));
                if (p.isPending() && polls.get() < 3) {
                    shared.poll(Context.of(oldWakes::incrementAndGet));   // replaced by the next poll
                    own.wake();
                }
                return p;
            });
            for (int i = 0; i < 5; i++) {
                rt.blockOn(Task.yieldNow());
            }
            work.complete("v");
            assertEquals("v", rt.blockOn(task));
            assertEquals(0, oldWakes.get(), "a waker replaced by the same task's later poll was woken");
        }
    }
}

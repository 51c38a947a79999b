package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.ManualFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AsyncRuntimeTest {

    static AsyncRuntime multi() {
        return AsyncRuntime.multiThread().workerThreads(2).taskFailureHandler((t, e) -> { }).build();
    }

    static AsyncRuntime single() {
        return AsyncRuntime.currentThread().taskFailureHandler((t, e) -> { }).build();
    }

    static Set<String> liveThreadNames(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    @Test
    void javadocExample_should_spawn_and_join_when_runtime_is_built_with_defaults() {
        try (AsyncRuntime rt = AsyncRuntime.builder().build()) {
            JoinHandle<Integer> handle = rt.spawn(Future.ready(42));
            int answer = rt.blockOn(handle);
            assertEquals(42, answer);
        }
    }

    @Test
    void blockOn_should_return_value_when_future_completes_on_either_flavour() {
        try (AsyncRuntime m = multi(); AsyncRuntime s = single()) {
            assertEquals("a", m.blockOn(Future.ready("a")));
            assertEquals("b", s.blockOn(Future.ready("b")));
        }
    }

    @Test
    void blockOn_should_rethrow_same_exception_when_task_fails() {
        IOException boom = new IOException("boom");
        try (AsyncRuntime rt = multi()) {
            JoinHandle<Object> h = rt.spawn(cx -> {
                throw sneaky(boom);
            });
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(h)));
        }
    }

    @Test
    void blockOn_should_throw_ise_when_called_on_a_worker() {
        try (AsyncRuntime rt = multi()) {
            JoinHandle<Object> h = rt.spawn(cx -> Poll.ready(rt.blockOn(Future.ready(1))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertTrue(e.getMessage().contains("ferrite-worker-"), e.getMessage());
            assertTrue(e.getMessage().contains("spawnBlocking"), e.getMessage());
        }
    }

    @Test
    void blockOn_should_throw_ise_when_nested_inside_current_thread_blockOn() {
        try (AsyncRuntime rt = single()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(cx -> Poll.ready(rt.blockOn(Future.ready(1)))));
            assertTrue(e.getMessage().contains("blockOn"), e.getMessage());
        }
    }

    @Test
    void blockOn_should_throw_ise_when_runtime_is_closed() {
        AsyncRuntime rt = multi();
        rt.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(Future.ready(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void spawn_should_run_task_on_named_worker_thread() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix("orders").build()) {
            String name = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread().getName())));
            assertEquals("orders-worker-0", name);
        }
    }

    @Test
    void currentThread_should_run_tasks_on_blockOn_thread() {
        try (AsyncRuntime rt = single()) {
            Thread me = Thread.currentThread();
            Thread ran = rt.blockOn(rt.spawn(cx -> Poll.ready(Thread.currentThread())));
            assertSame(me, ran);
        }
    }

    @Test
    void workerThreads_should_throw_when_zero() {
        assertThrows(IllegalArgumentException.class, () -> AsyncRuntime.builder().workerThreads(0));
        assertThrows(IllegalArgumentException.class, () -> AsyncRuntime.builder().maxBlockingThreads(0));
    }

    @Test
    void close_should_leave_no_thread_of_the_runtime_alive() throws Exception {
        String prefix = "counted-" + System.nanoTime();
        AsyncRuntime rt = AsyncRuntime.builder().workerThreads(3).threadNamePrefix(prefix).build();
        List<JoinHandle<String>> blocking = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocking.add(rt.spawnBlocking(() -> Thread.currentThread().getName()));
        }
        for (JoinHandle<String> h : blocking) {
            assertTrue(rt.blockOn(h).startsWith(prefix + "-blocking-"));
        }
        Set<String> during = liveThreadNames(prefix);
        assertTrue(during.containsAll(Set.of(prefix + "-worker-0", prefix + "-worker-1", prefix + "-worker-2")),
                during.toString());
        rt.close();
        assertEquals(Set.of(), liveThreadNames(prefix));
    }

    @Test
    void close_should_cancel_suspended_tasks_running_their_cancel_once() {
        AsyncRuntime rt = multi();
        List<ManualFuture<String>> futures = new ArrayList<>();
        List<JoinHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ManualFuture<String> f = new ManualFuture<>();
            futures.add(f);
            handles.add(rt.spawn(f));
        }
        for (ManualFuture<String> f : futures) {
            await(f.firstPoll());
        }
        rt.close();
        for (int i = 0; i < 10; i++) {
            assertEquals(1, futures.get(i).cancels());
            assertEquals(0, futures.get(i).overlaps());
            JoinHandle<String> h = handles.get(i);
            assertTrue(h.isFinished());
            Cancelled c = assertThrows(Cancelled.class, () -> BlockOn.blockOn(h));
            assertTrue(c.getMessage().contains("shut down"), c.getMessage());
        }
        assertEquals(0, rt.metrics().numAliveTasks());
    }

    @Test
    void close_should_cancel_queued_tasks_without_polling_them() {
        AsyncRuntime rt = single();  // nothing runs outside blockOn
        ManualFuture<String> f = new ManualFuture<>();
        JoinHandle<String> h = rt.spawn(f);
        assertEquals(1, rt.metrics().globalQueueDepth());
        rt.close();
        assertEquals(0, f.polls());
        assertEquals(1, f.cancels());
        assertThrows(Cancelled.class, () -> BlockOn.blockOn(h));
    }

    @Test
    void spawn_should_return_cancelled_handle_when_runtime_is_closed() {
        AsyncRuntime rt = multi();
        rt.close();
        ManualFuture<String> f = new ManualFuture<>();
        JoinHandle<String> h = rt.spawn(f);
        assertTrue(h.isFinished());
        assertEquals(0, f.polls());
        Cancelled c = assertThrows(Cancelled.class, () -> BlockOn.blockOn(h));
        assertTrue(c.getMessage().contains("after runtime"), c.getMessage());
    }

    @Test
    void close_should_throw_ise_when_called_from_a_task() {
        try (AsyncRuntime rt = multi()) {
            JoinHandle<Object> h = rt.spawn(cx -> {
                rt.close();
                return Poll.ready(null);
            });
            assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
        }
    }

    @Test
    void close_should_throw_ise_when_called_from_a_blocking_thread_of_the_runtime() {
        try (AsyncRuntime rt = multi()) {
            JoinHandle<Object> h = rt.spawnBlocking(() -> {
                rt.close();
                return null;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertTrue(e.getMessage().contains("does not own"), e.getMessage());
        }
    }

    @Test
    void close_should_be_harmless_when_called_twice() {
        AsyncRuntime rt = multi();
        rt.close();
        rt.close();
        assertTrue(rt.shutdownTimeout(java.time.Duration.ofSeconds(1)));
    }

    @Test
    void shutdownTimeout_should_return_false_when_a_blocking_task_is_still_running() throws Exception {
        String prefix = "stuck-" + System.nanoTime();
        AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix(prefix).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        rt.spawnBlocking(() -> {
            started.countDown();
            release.await();
            return null;
        });
        started.await();
        assertFalse(rt.shutdownTimeout(java.time.Duration.ofMillis(20)));
        // The timeout can expire while the worker is still on its way out on a loaded machine:
        // wait for every thread but the stuck one to end (bounded, so a worker that never exits
        // still fails the test rather than hanging it).
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix) && !thread.getName().equals(prefix + "-blocking-0")) {
                thread.join(60_000);
            }
        }
        assertEquals(Set.of(prefix + "-blocking-0"), liveThreadNames(prefix));
        release.countDown();
        rt.close();  // already closed: returns at once
    }

    @Test
    void taskFailureHandler_should_receive_failure_and_worker_should_keep_running() {
        CopyOnWriteArrayList<Throwable> reported = new CopyOnWriteArrayList<>();
        AtomicReference<JoinHandle<?>> reportedTask = new AtomicReference<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1)
                .taskFailureHandler((task, error) -> {
                    reportedTask.set(task);
                    reported.add(error);
                    throw new IllegalStateException("a broken handler must not kill the worker either");
                }).build()) {
            JoinHandle<Object> failing = rt.spawn(cx -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> rt.blockOn(failing)));
            assertEquals(List.of(boom), reported);
            assertSame(failing, reportedTask.get());
            assertEquals("still alive", rt.blockOn(rt.spawn(Future.ready("still alive"))));
        }
    }

    /** A future whose description is its class, as a generated state machine's is. */
    static final class OrdersCheckoutAsync implements Future<Object> {
        @Override
        public Poll<Object> poll(Context cx) {
            throw new IllegalArgumentException("out of stock");
        }

        @Override
        public String toString() {
            return "Orders$checkout$Async";
        }
    }

    @Test
    void taskFailureHandler_should_see_task_named_after_its_future_when_task_fails() {
        CopyOnWriteArrayList<String> described = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.currentThread()
                .taskFailureHandler((task, error) -> described.add(task.toString())).build()) {
            JoinHandle<Object> failing = rt.spawn(new OrdersCheckoutAsync());
            assertThrows(IllegalArgumentException.class, () -> rt.blockOn(failing));
            assertEquals(1, described.size());
            assertTrue(described.get(0).contains("Orders$checkout$Async"), described.get(0));
            assertTrue(failing.toString().contains("Orders$checkout$Async"), failing.toString());
        }
    }

    @Test
    void taskFailureHandler_should_see_blocking_task_named_after_its_callable_when_it_fails() {
        CopyOnWriteArrayList<String> described = new CopyOnWriteArrayList<>();
        java.util.concurrent.Callable<Object> work = new java.util.concurrent.Callable<>() {
            @Override
            public Object call() throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public String toString() {
                return "Reports$export";
            }
        };
        try (AsyncRuntime rt = AsyncRuntime.currentThread()
                .taskFailureHandler((task, error) -> described.add(task.toString())).build()) {
            JoinHandle<Object> failing = rt.spawnBlocking(work);
            assertThrows(IOException.class, () -> rt.blockOn(failing));
            // Reported before the handle completes, so the report is in by the time blockOn threw.
            assertEquals(1, described.size());
            assertTrue(described.get(0).contains("Reports$export"), described.get(0));
        }
    }

    @Test
    void timeSource_should_drive_a_new_runtime_when_previous_runtime_on_same_clock_was_closed() {
        io.ferrite.time.VirtualTimeSource clock = new io.ferrite.time.VirtualTimeSource();
        for (int round = 0; round < 3; round++) {
            try (AsyncRuntime rt = AsyncRuntime.currentThread().timeSource(clock).build()) {
                JoinHandle<String> sleeper = rt.spawn(new Future<String>() {
                    private Future<Void> sleep;

                    @Override
                    public Poll<String> poll(Context cx) {
                        if (sleep == null) {
                            sleep = io.ferrite.time.Time.sleep(java.time.Duration.ofSeconds(1));
                        }
                        return sleep.poll(cx).isReady() ? Poll.ready("woke") : Poll.pending();
                    }
                });
                rt.blockOn(Task.yieldNow());   // yields once, so the task runs and registers its timer
                assertFalse(sleeper.isFinished());
                clock.advance(java.time.Duration.ofSeconds(1));
                assertEquals("woke", rt.blockOn(sleeper), "round " + round);
            }
        }
    }

    @Test
    void taskFailureHandler_should_not_receive_cancelled_when_task_is_aborted() {
        CopyOnWriteArrayList<Throwable> reported = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1)
                .taskFailureHandler((task, error) -> reported.add(error)).build()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            await(f.firstPoll());
            h.abort();
            assertThrows(Cancelled.class, () -> rt.blockOn(h));
            assertEquals(List.of(), reported);
        }
    }

    @Test
    void current_should_return_runtime_when_called_in_task_and_throw_outside() {
        try (AsyncRuntime rt = multi()) {
            assertSame(rt, rt.blockOn(rt.spawn(cx -> Poll.ready(AsyncRuntime.current()))));
            assertSame(rt, rt.blockOn(cx -> Poll.ready(AsyncRuntime.current())));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, AsyncRuntime::current);
        assertTrue(e.getMessage().contains("no Ferrite runtime"), e.getMessage());
    }

    @Test
    void metrics_should_count_spawned_alive_and_polled_tasks() {
        try (AsyncRuntime rt = single()) {
            RuntimeMetrics m = rt.metrics();
            ManualFuture<String> waiting = new ManualFuture<>();
            JoinHandle<String> w = rt.spawn(waiting);
            for (int i = 0; i < 3; i++) {
                rt.spawn(Future.ready(i));
            }
            assertEquals(4, m.globalQueueDepth());
            assertEquals(4, m.spawnedTasksCount());
            assertEquals(4, m.numAliveTasks());
            rt.blockOn(Task.yieldNow());
            assertEquals(0, m.globalQueueDepth());
            assertEquals(1, m.numAliveTasks());
            assertEquals(4, m.pollCount());
            waiting.complete("done");
            assertEquals("done", rt.blockOn(w));
            assertEquals(0, m.numAliveTasks());
            assertEquals(5, m.pollCount());
            assertEquals(1, m.numWorkers());
            assertEquals(0, m.workerLocalQueueDepth(0));
            assertEquals(0, m.numTimers());
        }
    }

    @Test
    void idle_workers_should_park_and_wake_when_work_arrives_from_outside() {
        try (AsyncRuntime rt = multi()) {
            RuntimeMetrics m = rt.metrics();
            for (int w = 0; w < m.numWorkers(); w++) {
                while (m.workerParkCount(w) == 0) {
                    Thread.onSpinWait();  // both workers run out of work and park
                }
            }
            long parksBefore = m.workerParkCount(0) + m.workerParkCount(1);
            assertEquals("woken", rt.blockOn(rt.spawn(Future.ready("woken"))));
            assertEquals(1, m.spawnedTasksCount());
            assertTrue(parksBefore > 0);
            assertEquals(0, m.globalQueueDepth());
        }
    }

    @Test
    void spawnBlocking_should_run_callable_on_blocking_thread_and_rethrow_its_exception() {
        try (AsyncRuntime rt = multi()) {
            assertTrue(rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName()))
                    .startsWith("ferrite-blocking-"));
            IOException boom = new IOException("disk");
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(rt.spawnBlocking(() -> {
                throw boom;
            }))));
        }
    }

    @Test
    void spawnBlocking_should_queue_beyond_max_threads_and_abort_queued_callable() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (AsyncRuntime rt = AsyncRuntime.builder().maxBlockingThreads(1).build()) {
            try {
                AtomicInteger secondRan = new AtomicInteger();
                JoinHandle<String> first = rt.spawnBlocking(() -> {
                    started.countDown();
                    release.await();
                    return "first";
                });
                started.await();
                JoinHandle<String> second = rt.spawnBlocking(() -> {
                    secondRan.incrementAndGet();
                    return "second";
                });
                JoinHandle<String> third = rt.spawnBlocking(() -> "third");
                assertEquals(2, rt.metrics().blockingQueueDepth());
                assertEquals(1, rt.metrics().numBlockingThreads());
                second.abort();
                release.countDown();
                assertEquals("first", rt.blockOn(first));
                assertEquals("third", rt.blockOn(third));
                assertThrows(Cancelled.class, () -> rt.blockOn(second));
                assertEquals(0, secondRan.get());
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void blockingPool_should_let_an_idle_thread_exit_after_keep_alive() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().blockingKeepAlive(java.time.Duration.ofMillis(1)).build()) {
            Thread t = rt.blockOn(rt.spawnBlocking(Thread::currentThread));
            t.join();  // returns once the idle thread gave up waiting
            assertFalse(t.isAlive());
            assertEquals("again", rt.blockOn(rt.spawnBlocking(() -> "again")));
        }
    }

    @Test
    void spawnBlocking_should_see_runtime_as_current() {
        try (AsyncRuntime rt = multi()) {
            JoinHandle<Integer> h = rt.spawnBlocking(() -> rt.blockOn(Task.spawn(Future.ready(7))));
            assertEquals(7, rt.blockOn(h));
        }
    }

    // ------------------------------------------------------------------ issue 12: shutdown

    /** Polls {@code inner}, opening {@code polled} after its first poll. */
    static <T> Future<T> signalling(Future<T> inner, CountDownLatch polled) {
        return new Future<>() {
            @Override
            public Poll<T> poll(Context cx) {
                Poll<T> p = inner.poll(cx);
                polled.countDown();
                return p;
            }

            @Override
            public void cancel() {
                inner.cancel();
            }
        };
    }

    @Test
    void blockOn_should_throw_cancelled_when_the_runtime_is_closed_while_it_waits_on_a_timer() throws Exception {
        for (AsyncRuntime rt : List.of(multi(), single())) {
            CountDownLatch polled = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    rt.blockOn(signalling(io.ferrite.time.Time.sleep(java.time.Duration.ofHours(1)), polled));
                    outcome.set(new AssertionError("blockOn returned"));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "blockOn-caller");
            waiter.start();
            polled.await();
            rt.close();
            io.ferrite.testing.Eventually.join(waiter, "blockOn on a closed runtime (" + rt + ")");
            Cancelled c = assertInstanceOf(Cancelled.class, outcome.get());
            assertTrue(c.getMessage().contains("closed"), c.getMessage());
            assertEquals(0, rt.metrics().numTimers(), "the pending sleep was cancelled");
        }
    }

    @Test
    void blockOn_should_return_the_value_of_a_task_that_shutdown_lets_finish() throws Exception {
        // blockOn ends once the sweep is over, so a handle it waits on shows the task's real outcome.
        AsyncRuntime rt = multi();
        ManualFuture<String> f = new ManualFuture<>();
        JoinHandle<String> h = rt.spawn(f);
        await(f.firstPoll());
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch polled = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                rt.blockOn(signalling(h, polled));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        polled.await();
        rt.close();
        io.ferrite.testing.Eventually.join(waiter, "blockOn of a handle on a closed runtime");
        Cancelled c = assertInstanceOf(Cancelled.class, outcome.get());
        assertTrue(c.getMessage().contains("shut down"), c.getMessage());
    }

    @Test
    void shutdownTimeout_should_cancel_a_child_spawned_by_a_poll_that_outlived_the_timeout() throws Exception {
        String prefix = "late-" + System.nanoTime();
        AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).threadNamePrefix(prefix)
                .taskFailureHandler((t, e) -> { }).build();
        CountDownLatch inPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<JoinHandle<String>> child = new AtomicReference<>();
        ManualFuture<String> childFuture = new ManualFuture<>();
        JoinHandle<String> parent = rt.spawn(cx -> {
            inPoll.countDown();
            await(release);                          // a long poll: shutdownTimeout gives up on it
            child.set(Task.spawn(childFuture));      // spawned after the runtime shut down
            cx.waker().wake();                       // and woken: it would go back to a queue
            return Poll.pending();
        });
        inPoll.await();
        assertFalse(rt.shutdownTimeout(java.time.Duration.ofMillis(20)));
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(prefix + "-worker-0")).findFirst().orElseThrow();
        release.countDown();
        io.ferrite.testing.Eventually.join(worker, "the worker that was stuck in a poll");
        assertTrue(child.get().isFinished(), "the child spawned after shutdown was neither run nor cancelled");
        assertTrue(parent.isFinished(), "the task stuck in a poll was not cancelled after it returned");
        Cancelled c = assertThrows(Cancelled.class, () -> BlockOn.blockOn(parent));
        assertTrue(c.getMessage().contains("shut down"), c.getMessage());
        assertThrows(Cancelled.class, () -> BlockOn.blockOn(child.get()));
        assertEquals(0, childFuture.polls());
    }

    @Test
    void shutdownTimeout_should_stop_cancelling_on_its_thread_when_the_timeout_expires() throws Exception {
        AsyncRuntime rt = multi();
        Thread closer = Thread.currentThread();
        List<ManualFuture<String>> futures = new ArrayList<>();
        List<JoinHandle<String>> handles = new ArrayList<>();
        List<Thread> cancelledOn = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            ManualFuture<String> f = new ManualFuture<>();
            f.onCancel(() -> {
                cancelledOn.add(Thread.currentThread());
                try {
                    Thread.sleep(20);   // a slow finally block: the 1 ms timeout has passed after the first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            futures.add(f);
            handles.add(rt.spawn(f));
        }
        for (ManualFuture<String> f : futures) {
            await(f.firstPoll());
        }
        assertFalse(rt.shutdownTimeout(java.time.Duration.ofMillis(1)),
                "the cancel sweep outlived the timeout, so not everything ended in time");
        assertTrue(cancelledOn.size() < 4, "every cancel ran on the closing thread, past its timeout");
        for (JoinHandle<String> h : handles) {
            Cancelled c = assertInstanceOf(Cancelled.class,
                    rootOf(io.ferrite.testing.Eventually.failure(h.toCompletableFuture(), "a task left to the sweep")));
            assertTrue(c.getMessage().contains("shut down"), c.getMessage());
        }
        for (ManualFuture<String> f : futures) {
            assertEquals(1, f.cancels());
        }
        assertTrue(cancelledOn.stream().anyMatch(t -> t != closer), "the rest was cancelled elsewhere");
    }

    /**
     * The cause under the {@code CancellationException}s of a cancelled {@code CompletableFuture}:
     * JDK 25's {@code get} wraps the one the future holds in another, JDK 17's throws it as is.
     */
    static Throwable rootOf(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CancellationException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    // ------------------------------------------------------------------ issue 12: budget, failures

    @Test
    void blockOn_future_should_spend_a_budget_so_spawned_tasks_run_on_a_current_thread_runtime() {
        try (AsyncRuntime rt = single()) {
            java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
            rt.spawn(cx -> {
                ran.set(true);
                return Poll.ready(null);
            });
            // Always ready, as a receive from a channel that is never empty: only the budget stops it.
            int rounds = rt.blockOn(cx -> {
                for (int i = 0; i < 100_000; i++) {
                    if (ran.get()) {
                        return Poll.ready(i);
                    }
                    if (!Task.pollProceed(cx)) {
                        return Poll.pending();
                    }
                }
                return Poll.ready(-1);
            });
            assertTrue(ran.get(), "the spawned task never ran while blockOn's future was busy");
            assertTrue(rounds >= 0, "blockOn's future spent no budget");
        }
    }

    @Test
    void failure_report_should_name_one_state_for_the_failed_task() {
        CopyOnWriteArrayList<String> described = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.currentThread()
                .taskFailureHandler((task, error) -> described.add(task.toString())).build()) {
            JoinHandle<Object> failing = rt.spawn(new FailingMachine());
            assertThrows(IllegalArgumentException.class, () -> rt.blockOn(failing));
            assertEquals(List.of("task " + FailingMachine.class.getName() + " [failed]"), described);
            assertEquals("task " + FailingMachine.class.getName() + " [failed]", failing.toString());
        }
    }

    /** A hand-made state machine, described as generated ones are (its class name and its state). */
    static final class FailingMachine extends io.ferrite.internal.AsyncStateMachine<Object> {
        @Override
        public Poll<Object> poll(Context cx) {
            state = DONE;
            throw new IllegalArgumentException("out of stock");
        }
    }

    /** Captures what the default failure handler logs. */
    static final class CapturedLog extends java.util.logging.Handler implements AutoCloseable {
        final List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(AsyncRuntime.class.getName());
        private final java.util.logging.Level previous = logger.getLevel();

        CapturedLog() {
            logger.addHandler(this);
            logger.setLevel(java.util.logging.Level.ALL);
            setLevel(java.util.logging.Level.ALL);
        }

        List<java.util.logging.LogRecord> at(java.util.logging.Level level) {
            return records.stream().filter(r -> r.getLevel().equals(level)).toList();
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }

    @Test
    void default_failure_handler_should_warn_only_when_no_task_awaits_the_failed_one() throws Exception {
        try (CapturedLog log = new CapturedLog();
             AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).build()) {
            // Awaited while it fails: the awaiter gets the exception, so it is not a warning.
            ManualFuture<String> awaitedFuture = new ManualFuture<>();
            JoinHandle<String> awaited = rt.spawn(cx -> {
                if (awaitedFuture.poll(cx).isPending()) {
                    return Poll.pending();
                }
                throw new IllegalStateException("handled by the awaiter");
            });
            await(awaitedFuture.firstPoll());
            CountDownLatch awaiting = new CountDownLatch(1);
            JoinHandle<String> handler = rt.spawn(cx -> {
                try {
                    Poll<String> p = awaited.poll(cx);
                    awaiting.countDown();
                    return p;
                } catch (IllegalStateException e) {
                    return Poll.ready("caught: " + e.getMessage());
                }
            });
            awaiting.await();
            awaitedFuture.complete("go");
            assertEquals("caught: handled by the awaiter", rt.blockOn(handler));
            assertEquals(List.of(), log.at(java.util.logging.Level.WARNING));
            assertEquals(1, log.at(java.util.logging.Level.FINE).size(), "still there for whoever looks");

            // Nobody awaits it: the warning, with its stack trace, is the only trace of the failure.
            JoinHandle<Object> unobserved = rt.spawn(cx -> {
                throw new IllegalStateException("nobody is listening");
            });
            while (!unobserved.isFinished()) {
                Thread.onSpinWait();
            }
            List<java.util.logging.LogRecord> warnings = log.at(java.util.logging.Level.WARNING);
            assertEquals(1, warnings.size());
            assertEquals("nobody is listening", warnings.get(0).getThrown().getMessage());
        }
    }

    // ------------------------------------------------------------------ threadStackSize

    /** Plain recursion of {@code depth} frames, as deep nested futures or recursive @Async calls poll. */
    static long recurse(int depth) {
        return depth == 0 ? 0 : 1 + recurse(depth - 1);
    }

    static final int DEEP = 200_000;   // about 10 MB of frames: more than the JVM's 1 MiB default

    @Test
    void threadStackSize_should_let_workers_and_blocking_threads_recurse_deeper_than_the_default() {
        try (AsyncRuntime big = AsyncRuntime.multiThread().workerThreads(1).threadStackSize(512L << 20).build()) {
            long onWorker = big.blockOn(big.spawn(cx -> Poll.ready(recurse(DEEP))));
            long onBlockingThread = big.blockOn(big.spawnBlocking(() -> recurse(DEEP)));
            assertEquals(DEEP, onWorker);
            assertEquals(DEEP, onBlockingThread);
        }
        try (AsyncRuntime usual = multi()) {
            // The same depth on default stacks overflows: it fails the task, not the worker.
            assertThrows(StackOverflowError.class, () -> usual.blockOn(usual.spawn(cx -> Poll.ready(recurse(DEEP)))));
            assertEquals("still here", usual.blockOn(usual.spawn(Future.ready("still here"))));
        }
    }

    @Test
    void threadStackSize_should_reject_a_negative_size() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncRuntime.builder().threadStackSize(-1));
        assertTrue(e.getMessage().contains("threadStackSize(-1)"), e.getMessage());
    }

    // ------------------------------------------------------------------ awaiters

    @Test
    void isAwaited_should_be_true_while_an_awaiter_is_registered_and_cancel_should_detach_only_the_caller() {
        try (AsyncRuntime rt = single()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(f);
            assertFalse(h.isAwaited());
            java.util.concurrent.CompletableFuture<String> viaCf = h.toCompletableFuture();
            assertTrue(h.isAwaited());
            AtomicInteger threadWakes = new AtomicInteger();
            assertTrue(h.poll(Context.of(threadWakes::incrementAndGet)).isPending());
            h.cancel();   // detaches this thread's registration, not the CompletableFuture's
            assertTrue(h.isAwaited());
            rt.blockOn(Task.yieldNow());
            f.complete("done");
            assertEquals("done", rt.blockOn(h));
            assertEquals("done", viaCf.getNow(null));
            assertEquals(0, threadWakes.get());
            assertFalse(h.isAwaited());
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** A context-only future for brevity. */
    interface Body<T> extends Future<T> {
        @Override
        Poll<T> poll(Context cx);
    }
}

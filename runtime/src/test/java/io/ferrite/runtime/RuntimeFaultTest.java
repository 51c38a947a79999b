package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.testing.Eventually;
import io.ferrite.testing.ManualFuture;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Fault injection (issue 12, item 2): a user's faulty future, waker, {@code toString} or
 * failure handler fails its own task, never a worker thread; the runtime keeps running timers
 * and externally spawned tasks afterwards. {@code RuntimeStressTest} runs the same faults in
 * bulk.
 */
class RuntimeFaultTest {

    /** The failures the runtime handed to its handler, with the handles they came with. */
    static final class Reported {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<JoinHandle<?>> tasks = new CopyOnWriteArrayList<>();

        void add(JoinHandle<?> task, Throwable error) {
            tasks.add(task);
            errors.add(error);
        }
    }

    static List<AsyncRuntime> bothFlavours(Reported reported) {
        return List.of(
                AsyncRuntime.multiThread().workerThreads(1).taskFailureHandler(reported::add).build(),
                AsyncRuntime.currentThread().taskFailureHandler(reported::add).build());
    }

    /** Fails the test unless {@code rt} still runs a task spawned from outside, with a timer in it. */
    static void assertStillRunsTimersAndExternalSpawns(AsyncRuntime rt) throws ExecutionException {
        JoinHandle<String> h = rt.spawn(new Future<>() {
            final Future<Void> nap = Time.sleep(Duration.ofMillis(1));

            @Override
            public Poll<String> poll(Context cx) {
                return nap.poll(cx).isReady() ? Poll.ready("still running") : Poll.pending();
            }
        });
        assertEquals("still running", Eventually.get(Driving.completion(rt, h), "a task spawned after the fault"));
    }

    /** A future whose poll returns null: a user's bug. */
    static final class ReturnsNull implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            return null;
        }

        @Override
        public String toString() {
            return "ReturnsNull";
        }
    }

    @Test
    void poll_returning_null_should_fail_the_task_with_npe_and_keep_the_worker() throws Exception {
        Reported reported = new Reported();
        for (AsyncRuntime rt : bothFlavours(reported)) {
            try (rt) {
                JoinHandle<String> h = rt.spawn(new ReturnsNull());
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> Eventually.get(Driving.completion(rt, h), "the handle of a future whose poll returned null"));
                NullPointerException npe = assertInstanceOf(NullPointerException.class, e.getCause());
                assertTrue(npe.getMessage().contains("ReturnsNull") && npe.getMessage().contains("Poll.pending()"),
                        npe.getMessage());
                assertSame(h, reported.tasks.get(reported.tasks.size() - 1));
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
        assertEquals(2, reported.errors.size());
    }

    /** Polls a sleep through a waker that throws, so the timer wheel's firing of it fails. */
    static final class SleepsWithBrokenWaker implements Future<String> {
        final Future<Void> nap;
        final RuntimeException thrown = new IllegalStateException("broken waker");
        final CountDownLatch polled = new CountDownLatch(1);
        private final Context broken = Context.of(() -> {
            throw thrown;
        });

        SleepsWithBrokenWaker(Duration d) {
            nap = Time.sleep(d);
        }

        @Override
        public Poll<String> poll(Context cx) {
            Poll<Void> p = nap.poll(broken);
            polled.countDown();
            return p.isReady() ? Poll.ready("slept") : Poll.pending();
        }
    }

    @Test
    void waker_throwing_when_timer_fires_should_fail_its_task_and_keep_the_worker() throws Exception {
        Reported reported = new Reported();
        for (AsyncRuntime rt : bothFlavours(reported)) {
            try (rt) {
                SleepsWithBrokenWaker f = new SleepsWithBrokenWaker(Duration.ofMillis(1));
                JoinHandle<String> h = rt.spawn(f);
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> Eventually.get(Driving.completion(rt, h), "a task whose timer waker throws"));
                assertSame(f.thrown, rootCause(e));
                assertTrue(h.isFinished(), "the task whose waker threw failed");
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
        assertEquals(2, reported.errors.size());
        for (Throwable t : reported.errors) {
            assertTrue(rootCause(t) instanceof IllegalStateException, t.toString());
        }
    }

    @Test
    void waker_throwing_when_a_virtual_clock_fires_it_should_fail_its_task_not_the_advancing_thread()
            throws Exception {
        Reported reported = new Reported();
        VirtualTimeSource clock = new VirtualTimeSource();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).timeSource(clock)
                .taskFailureHandler(reported::add).build()) {
            SleepsWithBrokenWaker f = new SleepsWithBrokenWaker(Duration.ofSeconds(1));
            JoinHandle<String> h = rt.spawn(f);
            f.polled.await();
            clock.advance(Duration.ofSeconds(1));   // fires the broken waker on this thread: must not throw here
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> Eventually.get(h.toCompletableFuture(), "a task whose timer waker throws"));
            assertSame(f.thrown, rootCause(e));
            assertEquals(List.of(h), reported.tasks);
        }
    }

    @Test
    void waker_throwing_when_an_awaited_task_completes_should_fail_the_awaiting_task_not_the_worker()
            throws Exception {
        Reported reported = new Reported();
        for (AsyncRuntime rt : bothFlavours(reported)) {
            try (rt) {
                ManualFuture<String> inner = new ManualFuture<>();
                JoinHandle<String> awaited = rt.spawn(inner);
                RuntimeException thrown = new IllegalStateException("broken join waker");
                CountDownLatch registered = new CountDownLatch(1);
                JoinHandle<String> awaiting = rt.spawn(new Future<>() {
                    private final Context broken = Context.of(() -> {
                        throw thrown;
                    });

                    @Override
                    public Poll<String> poll(Context cx) {
                        Poll<String> p = awaited.poll(broken);
                        registered.countDown();
                        return p;
                    }
                });
                Driving.until(rt, registered);
                inner.complete("done");   // the worker that completes it calls the broken waker
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> Eventually.get(Driving.completion(rt, awaiting), "the task whose join waker throws"));
                assertSame(thrown, rootCause(e));
                assertTrue(awaiting.isFinished(), "the awaiting task failed");
                assertEquals("done", Eventually.get(Driving.completion(rt, awaited), "the awaited task"));
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
    }

    @Test
    void waker_throwing_from_outside_any_runtime_should_not_kill_the_worker_that_completes_the_task()
            throws Exception {
        Reported reported = new Reported();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).taskFailureHandler(reported::add).build()) {
            ManualFuture<String> inner = new ManualFuture<>();
            JoinHandle<String> h = rt.spawn(inner);
            inner.firstPoll().await();
            Waker broken = () -> {
                throw new IllegalStateException("broken waker of a foreign thread");
            };
            assertTrue(h.poll(Context.of(broken)).isPending());
            inner.complete("done");
            assertEquals("done", Eventually.get(h.toCompletableFuture(), "the task"));
            assertStillRunsTimersAndExternalSpawns(rt);
        }
    }

    @Test
    void blocking_task_whose_awaiter_waker_throws_should_not_kill_the_blocking_thread() throws Exception {
        Reported reported = new Reported();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).maxBlockingThreads(1)
                .taskFailureHandler(reported::add).build()) {
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<String> h = rt.spawnBlocking(() -> {
                release.await();
                return "first";
            });
            assertTrue(h.poll(Context.of(() -> {
                throw new IllegalStateException("broken waker");
            })).isPending());
            release.countDown();
            assertEquals("first", Eventually.get(h.toCompletableFuture(), "the blocking task"));
            // With one blocking thread, a second callable runs only if the first thread survived.
            assertEquals("second", Eventually.get(rt.spawnBlocking(() -> "second").toCompletableFuture(),
                    "a blocking task after the broken waker"));
        }
    }

    /** A future whose toString throws, as a buggy description would. */
    static final class BadDescription implements Future<String> {
        final RuntimeException thrown = new IllegalArgumentException("poll failed");

        @Override
        public Poll<String> poll(Context cx) {
            throw thrown;
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString failed");
        }
    }

    @Test
    void failing_future_with_a_throwing_toString_should_fail_its_task_and_keep_the_worker() throws Exception {
        Reported reported = new Reported();
        for (AsyncRuntime rt : bothFlavours(reported)) {
            try (rt) {
                BadDescription f = new BadDescription();
                JoinHandle<String> h = rt.spawn(f);
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> Eventually.get(Driving.completion(rt, h), "a task whose future's toString throws"));
                assertSame(f.thrown, e.getCause());
                assertTrue(h.toString().contains(BadDescription.class.getName()), h.toString());
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
    }

    @Test
    void aborted_task_whose_cancel_throws_should_report_it_and_keep_the_worker() throws Exception {
        Reported reported = new Reported();
        for (AsyncRuntime rt : bothFlavours(reported)) {
            try (rt) {
                ManualFuture<String> f = new ManualFuture<>();
                RuntimeException thrown = new IllegalStateException("finally block failed");
                f.onCancel(() -> {
                    throw thrown;
                });
                JoinHandle<String> h = rt.spawn(f);
                Driving.until(rt, f.firstPoll());
                h.abort();
                assertInstanceOf(java.util.concurrent.CancellationException.class,
                        Eventually.failure(Driving.completion(rt, h), "an aborted task"));
                assertSame(thrown, reported.errors.get(reported.errors.size() - 1));
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
    }

    /** Accepts on {@code listener} through a waker that throws, so the I/O driver's firing of it fails. */
    static final class AcceptsWithBrokenWaker implements Future<String> {
        final RuntimeException thrown = new IllegalStateException("broken waker of an accept");
        final CountDownLatch polled = new CountDownLatch(1);
        private final Future<TcpStream> accept;
        private final Context broken = Context.of(() -> {
            throw thrown;
        });

        AcceptsWithBrokenWaker(TcpListener listener) {
            accept = listener.accept();
        }

        @Override
        public Poll<String> poll(Context cx) {
            Poll<TcpStream> p = accept.poll(broken);
            polled.countDown();
            return p.isReady() ? Poll.ready("accepted") : Poll.pending();
        }
    }

    @Test
    void waker_throwing_when_the_io_driver_fires_it_should_fail_its_task_not_hang_it() throws Exception {
        Reported reported = new Reported();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).taskFailureHandler(reported::add).build()) {
            TcpListener listener = Eventually.get(rt.spawn(TcpListener.bind(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))).toCompletableFuture(), "bind");
            try (listener) {
                AcceptsWithBrokenWaker f = new AcceptsWithBrokenWaker(listener);
                JoinHandle<String> h = rt.spawn(f);
                f.polled.await();
                try (Socket client = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> Eventually.get(h.toCompletableFuture(), "a task whose I/O waker throws"));
                    assertSame(f.thrown, rootCause(e));
                }
                assertSame(h, reported.tasks.get(0));
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
    }

    @Test
    void failure_handler_that_throws_should_keep_the_worker_and_still_complete_the_handle() throws Exception {
        List<Throwable> handed = new CopyOnWriteArrayList<>();
        BiConsumer<JoinHandle<?>, Throwable> broken = (task, error) -> {
            handed.add(error);
            throw new IllegalStateException("broken failure handler");
        };
        List<AsyncRuntime> runtimes = List.of(
                AsyncRuntime.multiThread().workerThreads(1).taskFailureHandler(broken).build(),
                AsyncRuntime.currentThread().taskFailureHandler(broken).build());
        for (AsyncRuntime rt : runtimes) {
            try (rt) {
                JoinHandle<String> h = rt.spawn(new ReturnsNull());
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> Eventually.get(Driving.completion(rt, h), "a failed task whose handler throws"));
                assertInstanceOf(NullPointerException.class, e.getCause());
                assertStillRunsTimersAndExternalSpawns(rt);
            }
        }
        assertEquals(2, handed.size());
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Waits for tasks the way each flavour needs: a current-thread runtime runs tasks only inside
     * {@code blockOn}, so its waits drive it with a yielding {@code blockOn} from this thread.
     */
    static final class Driving {

        private Driving() {
        }

        static boolean isCurrentThread(AsyncRuntime rt) {
            return rt.toString().contains("current-thread");
        }

        /** The handle's outcome as a future, with the runtime driven when it needs to be. */
        static <T> java.util.concurrent.CompletableFuture<T> completion(AsyncRuntime rt, JoinHandle<T> h) {
            if (!isCurrentThread(rt)) {
                return h.toCompletableFuture();
            }
            java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
            try {
                result.complete(rt.blockOn(h));
            } catch (Throwable t) {
                result.completeExceptionally(t instanceof io.ferrite.Cancelled c
                        ? (Throwable) new java.util.concurrent.CancellationException(c.getMessage()) : t);
            }
            return result;
        }

        /** Returns once {@code latch} is open, running the runtime meanwhile if it needs it. */
        static void until(AsyncRuntime rt, CountDownLatch latch) throws InterruptedException {
            if (isCurrentThread(rt)) {
                for (int round = 0; latch.getCount() > 0 && round < 1_000; round++) {
                    rt.blockOn(Task.yieldNow());
                }
            }
            latch.await();
        }
    }
}

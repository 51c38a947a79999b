package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.ManualFuture;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalSetTest {

    /** Records the thread it ran on, then completes with {@code value}. */
    static Future<String> recording(Set<Thread> threads, String value) {
        return cx -> {
            threads.add(Thread.currentThread());
            return Poll.ready(value);
        };
    }

    /** Spawns {@code n} local tasks with Task.spawnLocal, then awaits them all. */
    static final class SpawnsLocally implements Future<List<String>> {
        final Set<Thread> threads;
        final int n;
        List<JoinHandle<String>> handles;
        final List<String> results = new ArrayList<>();

        SpawnsLocally(Set<Thread> threads, int n) {
            this.threads = threads;
            this.n = n;
        }

        @Override
        public Poll<List<String>> poll(Context cx) {
            if (handles == null) {
                handles = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    handles.add(Task.spawnLocal(recording(threads, "t" + i)));
                }
            }
            while (results.size() < n) {
                Poll<String> p = handles.get(results.size()).poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                results.add(p.value());
            }
            return Poll.ready(results);
        }
    }

    @Test
    void runUntil_should_run_local_tasks_on_the_blockOn_thread_on_either_flavour() {
        for (AsyncRuntime rt : List.of(AsyncRuntimeTest.multi(), AsyncRuntimeTest.single())) {
            try (rt; LocalSet local = new LocalSet()) {
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                List<String> results = rt.blockOn(local.runUntil(new SpawnsLocally(threads, 100)));
                assertEquals(100, results.size());
                assertEquals("t99", results.get(99));
                assertEquals(Set.of(Thread.currentThread()), threads);
                assertEquals(0, local.size());
            }
        }
    }

    @Test
    void local_tasks_should_use_timers_and_spawn_onto_the_workers_of_the_driving_runtime() {
        VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();
        try (AsyncRuntime rt = AsyncRuntime.currentThread().timeSource(clock).build(); LocalSet local = new LocalSet()) {
            JoinHandle<String> sleeper = local.spawnLocal(new Future<>() {
                final Future<Void> nap = Time.sleep(Duration.ofSeconds(3));
                JoinHandle<String> onRuntime;

                @Override
                public Poll<String> poll(Context cx) {
                    if (nap.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    if (onRuntime == null) {
                        onRuntime = Task.spawn(Future.ready("from the runtime"));
                    }
                    return onRuntime.poll(cx);
                }
            });
            assertEquals("from the runtime", rt.blockOn(local.runUntil(sleeper)));
            assertEquals(Duration.ofSeconds(3).toNanos(), clock.nanoTime());
        }
    }

    @Test
    void awaiting_the_set_should_complete_once_every_task_finished() {
        try (AsyncRuntime rt = AsyncRuntimeTest.multi(); LocalSet local = new LocalSet()) {
            AtomicInteger ran = new AtomicInteger();
            ManualFuture<String> last = new ManualFuture<>();
            for (int i = 0; i < 200; i++) {
                local.spawnLocal(cx -> Poll.ready(ran.incrementAndGet()));
            }
            JoinHandle<String> waiting = local.spawnLocal(last);
            Thread completer = new Thread(() -> {
                AsyncRuntimeTest.await(last.firstPoll());
                last.complete("done");   // woken from another thread: still runs on the set's thread
            });
            completer.start();
            rt.blockOn(local);
            assertEquals(200, ran.get());
            assertTrue(waiting.isFinished());
            assertSame(Thread.currentThread(), last.pollThread());
            assertEquals(0, local.size());
        }
    }

    @Test
    void spawnLocal_should_throw_ise_outside_a_local_set() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.spawnLocal(Future.ready(1)));
        assertTrue(e.getMessage().contains("runUntil"), e.getMessage());
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            assertThrows(IllegalStateException.class, () -> rt.blockOn(cx -> Poll.ready(Task.spawnLocal(Future.ready(1)))));
        }
    }

    @Test
    void set_polled_by_a_task_of_a_multi_thread_runtime_should_fail_that_task_saying_what_to_do() {
        try (AsyncRuntime rt = AsyncRuntimeTest.multi(); LocalSet local = new LocalSet()) {
            local.spawnLocal(Future.ready(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(rt.spawn(local)));
            assertTrue(e.getMessage().contains("blockOn(localSet.runUntil"), e.getMessage());
            assertEquals(1, local.size(), "the set is untouched and can still run where it may");
            rt.blockOn(local);
            assertEquals(0, local.size());
        }
    }

    @Test
    void set_should_run_as_a_task_of_a_current_thread_runtime() {
        try (AsyncRuntime rt = AsyncRuntimeTest.single(); LocalSet local = new LocalSet()) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            JoinHandle<String> h = local.spawnLocal(recording(threads, "x"));
            rt.blockOn(rt.spawn(local));
            assertEquals("x", rt.blockOn(h));
            assertEquals(Set.of(Thread.currentThread()), threads);
        }
    }

    @Test
    void set_should_refuse_a_second_thread() throws Exception {
        try (LocalSet local = new LocalSet()) {
            BlockOn.blockOn(local);   // pins it to this thread
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    BlockOn.blockOn(local);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "second-thread");
            other.start();
            other.join();
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
            assertTrue(e.getMessage().contains("second-thread") && e.getMessage().contains("pinned"), e.getMessage());
        }
    }

    @Test
    void close_should_cancel_unfinished_tasks_on_the_calling_thread_and_refuse_later_spawns() {
        LocalSet local = new LocalSet();
        ManualFuture<String> suspended = new ManualFuture<>();
        JoinHandle<String> a = local.spawnLocal(suspended);
        ManualFuture<String> neverPolled = new ManualFuture<>();
        JoinHandle<String> b = local.spawnLocal(neverPolled);
        BlockOn.blockOn(cx -> {
            local.poll(cx);   // runs both once: a suspends, b too
            return Poll.ready(null);
        });
        local.close();
        assertEquals(1, suspended.cancels());
        assertSame(Thread.currentThread(), suspended.cancelThread());
        Cancelled c = assertThrows(Cancelled.class, () -> BlockOn.blockOn(a));
        assertTrue(c.getMessage().contains("LocalSet") && c.getMessage().contains("closed"), c.getMessage());
        assertThrows(Cancelled.class, () -> BlockOn.blockOn(b));
        ManualFuture<String> late = new ManualFuture<>();
        JoinHandle<String> h = local.spawnLocal(late);
        assertTrue(h.isFinished());
        assertEquals(0, late.polls());
        assertEquals(0, local.size());
    }

    @Test
    void local_task_failure_should_reach_the_driving_runtime_handler_and_its_handle() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        try (AsyncRuntime rt = AsyncRuntime.currentThread().taskFailureHandler((t, e) -> reported.add(e)).build();
             LocalSet local = new LocalSet()) {
            JoinHandle<Object> h = local.spawnLocal(cx -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> rt.blockOn(local.runUntil(h))));
            assertEquals(List.of(boom), reported);
        }
    }

    @Test
    void abort_should_cancel_a_suspended_local_task_when_the_set_next_runs() {
        try (AsyncRuntime rt = AsyncRuntimeTest.single(); LocalSet local = new LocalSet()) {
            ManualFuture<String> f = new ManualFuture<>();
            JoinHandle<String> h = local.spawnLocal(f);
            rt.blockOn(local.runUntil(Task.yieldNow()));
            assertEquals(1, f.polls());
            h.abort();
            assertThrows(Cancelled.class, () -> rt.blockOn(local.runUntil(h)));
            assertEquals(1, f.cancels());
            assertSame(Thread.currentThread(), f.cancelThread());
        }
    }

    @Test
    void busy_local_tasks_should_let_the_driving_future_progress() {
        try (AsyncRuntime rt = AsyncRuntimeTest.single(); LocalSet local = new LocalSet()) {
            AtomicInteger spins = new AtomicInteger();
            // A local task that is always ready again: it yields every poll and is re-queued.
            local.spawnLocal(cx -> {
                spins.incrementAndGet();
                cx.waker().wake();
                return Poll.pending();
            });
            AtomicInteger mainPolls = new AtomicInteger();
            String r = rt.blockOn(local.runUntil(cx -> {
                if (mainPolls.incrementAndGet() < 5) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready("main finished");
            }));
            assertEquals("main finished", r);
            assertTrue(spins.get() >= 4, "the busy task ran between the driver's polls");
        }
    }
}

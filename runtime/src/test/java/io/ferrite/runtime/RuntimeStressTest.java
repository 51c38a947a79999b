package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.testing.ManualFuture;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress tests (seconds each, run by the default build): many tasks, wakes and aborts
 * from many threads at once, shutdown in mid-flight, faulty futures and wakers in bulk. A lost
 * wake-up would show as a task that never finishes.
 *
 * <p>The tests of issue 12 run at a tenth of the sizes the issue reported by default; run them at
 * full size (200,000 tasks of 1 KB, a million tasks shut down mid-flight) with the system property
 * {@code ferrite.stress.full}:
 * {@code ./mvnw -pl runtime -am test -Dtest=RuntimeStressTest -Dsurefire.failIfNoSpecifiedTests=false -Dferrite.stress.full=true}
 * (also in {@code docs/runtime.md}, "Testing the runtime").
 */
@Tag("stress")
class RuntimeStressTest {

    static final int MILLION = 1_000_000;
    /** Full sizes, as the issue ran them, instead of the bounded ones of the default build. */
    static final boolean FULL = Boolean.getBoolean("ferrite.stress.full");

    static int size(int bounded, int full) {
        return FULL ? full : bounded;
    }

    /** Spawns n tasks from inside a task and sums their results. */
    static final class SpawnAll implements Future<Long> {
        final int n;
        JoinHandle<Long>[] handles;
        int next;
        long sum;

        SpawnAll(int n) {
            this.n = n;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Long> poll(Context cx) {
            if (handles == null) {
                handles = new JoinHandle[n];
                for (int i = 0; i < n; i++) {
                    long v = i;
                    handles[i] = Task.spawn(c -> Poll.ready(v));
                }
            }
            while (next < n) {
                Poll<Long> p = handles[next].poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum += p.value();
                handles[next++] = null;
            }
            return Poll.ready(sum);
        }
    }

    @Test
    void million_tasks_should_all_run_once_when_spawned_from_a_task() {
        for (AsyncRuntime rt : List.of(AsyncRuntimeTest.multi(), AsyncRuntimeTest.single())) {
            try (rt) {
                long sum = rt.blockOn(rt.spawn(new SpawnAll(MILLION)));
                assertEquals((long) MILLION * (MILLION - 1) / 2, sum);
                assertEquals(MILLION + 1, rt.metrics().spawnedTasksCount());
                assertEquals(0, rt.metrics().numAliveTasks());
                assertTrue(rt.metrics().pollCount() >= MILLION + 1);
            }
        }
    }

    @Test
    void million_tasks_should_all_run_when_spawned_from_many_threads_at_once() throws Exception {
        int threads = 4;
        int each = MILLION / threads;
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            AtomicInteger ran = new AtomicInteger();
            List<JoinHandle<Integer>> handles = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> spawners = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    AsyncRuntimeTest.await(go);
                    List<JoinHandle<Integer>> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        mine.add(rt.spawn(cx -> Poll.ready(ran.incrementAndGet())));
                    }
                    handles.addAll(mine);
                });
                th.start();
                spawners.add(th);
            }
            go.countDown();
            for (Thread th : spawners) {
                th.join();
            }
            for (JoinHandle<Integer> h : handles) {
                rt.blockOn(h);
            }
            assertEquals(MILLION, ran.get());
            assertEquals(MILLION, handles.size());
            assertEquals(0, rt.metrics().numAliveTasks());
        }
    }

    /** Finishes once its counter reaches its target; flags polls that overlap. */
    static final class Counted implements Future<Integer> {
        final AtomicInteger counter = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps;
        final AtomicInteger polls = new AtomicInteger();
        final int target;
        final CountDownLatch registered;
        volatile Waker waker;

        Counted(int target, AtomicInteger overlaps, CountDownLatch registered) {
            this.target = target;
            this.overlaps = overlaps;
            this.registered = registered;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                polls.incrementAndGet();
                if (waker == null) {
                    waker = cx.waker();
                    registered.countDown();
                }
                return counter.get() == target ? Poll.ready(target) : Poll.pending();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void wakes_from_many_threads_should_never_overlap_polls_nor_be_lost() throws Exception {
        for (AsyncRuntime rt : List.of(AsyncRuntimeTest.multi(), AsyncRuntimeTest.single())) {
            try (rt) {
                wakeStorm(rt);
            }
        }
    }

    private static void wakeStorm(AsyncRuntime rt) throws Exception {
        int tasks = 64;
        int wakerThreads = 4;
        int wakesPerThread = 64 * 4_000;
        int perTask = wakerThreads * wakesPerThread / tasks;
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch registered = new CountDownLatch(tasks);
        List<Counted> futures = new ArrayList<>();
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Counted c = new Counted(perTask, overlaps, registered);
            futures.add(c);
            handles.add(rt.spawn(c));
        }
        if (rt.toString().contains("current-thread")) {
            while (registered.getCount() > 0) {
                rt.blockOn(Task.yieldNow());  // the current-thread runtime polls only inside blockOn
            }
        }
        registered.await();
        List<Thread> wakers = new ArrayList<>();
        for (int t = 0; t < wakerThreads; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < wakesPerThread; i++) {
                    Counted c = futures.get((i + offset) % tasks);
                    c.counter.incrementAndGet();
                    c.waker.wake();
                }
            });
            th.start();
            wakers.add(th);
        }
        int total = 0;
        for (JoinHandle<Integer> h : handles) {
            total += rt.blockOn(h);  // on the current-thread runtime this also runs the tasks
        }
        for (Thread th : wakers) {
            th.join();
        }
        assertEquals(wakerThreads * wakesPerThread, total);
        assertEquals(0, overlaps.get(), "a task was polled by two threads at once");
        for (Counted c : futures) {
            assertTrue(c.polls.get() <= perTask + 1, "at most one poll per wake, plus the first");
        }
    }

    @Test
    void aborts_and_wakes_racing_should_cancel_each_future_at_most_once_and_never_during_a_poll() throws Exception {
        int n = 20_000;
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            List<ManualFuture<Integer>> futures = new ArrayList<>();
            AtomicReferenceArray<JoinHandle<Integer>> handles = new AtomicReferenceArray<>(n);
            for (int i = 0; i < n; i++) {
                ManualFuture<Integer> f = new ManualFuture<>();
                futures.add(f);
                handles.set(i, rt.spawn(f));
            }
            for (ManualFuture<Integer> f : futures) {
                f.firstPoll().await();
            }
            Thread aborter = new Thread(() -> {
                for (int i = 0; i < n; i += 2) {
                    handles.get(i).abort();
                }
            });
            Thread completer = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    futures.get(i).complete(i);
                }
            });
            Thread waker = new Thread(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = n - 1; i >= 0; i--) {
                        futures.get(i).wake();
                    }
                }
            });
            aborter.start();
            completer.start();
            waker.start();
            aborter.join();
            completer.join();
            waker.join();
            int completed = 0;
            int cancelled = 0;
            for (int i = 0; i < n; i++) {
                JoinHandle<Integer> h = handles.get(i);
                try {
                    assertEquals(i, rt.blockOn(h));
                    completed++;
                } catch (Cancelled c) {
                    cancelled++;
                }
                ManualFuture<Integer> f = futures.get(i);
                assertEquals(0, f.overlaps());
                assertTrue(f.cancels() <= 1);
                assertEquals(i % 2 == 0 && f.cancels() == 1 ? 1 : 0, f.cancels());
            }
            assertEquals(n, completed + cancelled);
            assertTrue(cancelled <= n / 2);
        }
    }

    @Test
    void thousands_of_sleeps_should_all_fire_and_never_early() {
        int n = 20_000;
        try (AsyncRuntime rt = AsyncRuntimeTest.multi()) {
            List<JoinHandle<Long>> handles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long millis = ThreadLocalRandom.current().nextLong(0, 30);
                handles.add(rt.spawn(new Future<Long>() {
                    Future<Void> nap;
                    long start;

                    @Override
                    public Poll<Long> poll(Context cx) {
                        if (nap == null) {
                            start = System.nanoTime();
                            nap = Time.sleep(Duration.ofMillis(millis));
                        }
                        if (nap.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        return Poll.ready(System.nanoTime() - start - Duration.ofMillis(millis).toNanos());
                    }
                }));
            }
            for (JoinHandle<Long> h : handles) {
                long late = rt.blockOn(h);
                assertTrue(late >= 0, "a sleep ended " + (-late) + " ns early");
            }
            assertEquals(0, rt.metrics().numTimers());
        }
    }

    // ------------------------------------------------------------------ issue 12

    /** Suspends on {@code gate} once, then completes with a fresh kilobyte only the task holds. */
    static final class KilobyteAfterGate implements Future<byte[]> {
        final Gate gate;
        boolean waited;

        KilobyteAfterGate(Gate gate) {
            this.gate = gate;
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            if (!waited) {
                waited = true;
                gate.register(cx.waker());
                return Poll.pending();
            }
            return Poll.ready(new byte[1024]);
        }
    }

    /** Collects wakers until opened, then wakes them all (and forgets them). */
    static final class Gate {
        private final List<Waker> wakers = new ArrayList<>();
        final CountDownLatch registered;

        Gate(int n) {
            registered = new CountDownLatch(n);
        }

        synchronized void register(Waker w) {
            wakers.add(w);
            registered.countDown();
        }

        void open() {
            List<Waker> all;
            synchronized (this) {
                all = new ArrayList<>(wakers);
                wakers.clear();
            }
            for (Waker w : all) {
                w.wake();
            }
        }
    }

    @Test
    void finished_tasks_with_dropped_handles_should_not_stay_on_the_heap() throws Exception {
        int n = size(20_000, 200_000);
        for (AsyncRuntime rt : List.of(AsyncRuntimeTest.multi(), AsyncRuntimeTest.single())) {
            try (rt) {
                Gate gate = new Gate(n);
                List<JoinHandle<byte[]>> handles = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    handles.add(rt.spawn(new KilobyteAfterGate(gate)));
                }
                while (rt.toString().contains("current-thread") && gate.registered.getCount() > 0) {
                    rt.blockOn(Task.yieldNow());   // the current-thread runtime polls only inside blockOn
                }
                gate.registered.await();   // every task suspended once, so every one is in a registry
                gate.open();
                List<java.lang.ref.WeakReference<byte[]>> results = new ArrayList<>(n);
                for (JoinHandle<byte[]> h : handles) {
                    results.add(new java.lang.ref.WeakReference<>(rt.blockOn(h)));
                }
                handles.clear();
                for (int i = 0; i < n; i += 1 + n / 1000) {
                    assertTrue(io.ferrite.testing.Eventually.collected(results.get(i)),
                            "result " + i + " of a finished task was kept alive (" + rt + ")");
                }
                // The defect kept every finished task (n KB). One result per worker may still be
                // reachable for a moment from the thread that ran it last (seen once under load,
                // not yet explained): allow that many, never more.
                long held = results.stream().filter(r -> !r.refersTo(null)).count();
                assertTrue(held <= 2, held + " KB of results of finished tasks were kept alive (" + rt + ")");
            }
        }
    }

    @Test
    void shutdown_in_mid_flight_should_complete_every_handle() throws Exception {
        int n = size(100_000, MILLION);
        int spawners = 4;
        String prefix = "midflight-" + System.nanoTime();
        AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix(prefix)
                .taskFailureHandler((t, e) -> { }).build();
        List<JoinHandle<Integer>> handles = java.util.Collections.synchronizedList(new ArrayList<>(n));
        CountDownLatch halfway = new CountDownLatch(spawners);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < spawners; t++) {
            Thread th = new Thread(() -> {
                List<JoinHandle<Integer>> mine = new ArrayList<>(n / spawners);
                for (int i = 0; i < n / spawners; i++) {
                    int k = i;
                    // Some finish at once, some yield, some suspend until the shutdown cancels them.
                    mine.add(rt.spawn(k % 3 == 0 ? Future.ready(k) : k % 3 == 1 ? yieldingThen(k) : new ManualFuture<>()));
                    if (i == n / spawners / 2) {
                        halfway.countDown();
                    }
                }
                handles.addAll(mine);
            });
            th.start();
            threads.add(th);
        }
        halfway.await();
        rt.shutdownTimeout(Duration.ofMillis(5));   // while spawning goes on; true or false, all must complete
        for (Thread th : threads) {
            th.join();
        }
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith(prefix)) {
                io.ferrite.testing.Eventually.join(th, th.getName());
            }
        }
        int ran = 0;
        int cancelled = 0;
        for (JoinHandle<Integer> h : handles) {
            assertTrue(h.isFinished(), "a handle never completed after shutdown: " + h);
            try {
                BlockOn.blockOn(h);
                ran++;
            } catch (Cancelled c) {
                cancelled++;
            }
        }
        assertEquals(n, ran + cancelled);
        assertTrue(cancelled >= n / 3, "the suspended third is cancelled");
    }

    /** Yields once, then completes with {@code k}. */
    static Future<Integer> yieldingThen(int k) {
        return new Future<>() {
            boolean yielded;

            @Override
            public Poll<Integer> poll(Context cx) {
                if (!yielded) {
                    yielded = true;
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready(k);
            }
        };
    }

    @Test
    void faulty_futures_and_wakers_in_bulk_should_fail_only_their_own_tasks() throws Exception {
        int n = size(20_000, 200_000);
        java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();
        for (AsyncRuntime rt : List.of(
                AsyncRuntime.multiThread().workerThreads(2).taskFailureHandler((t, e) -> reported.incrementAndGet()).build(),
                AsyncRuntime.currentThread().taskFailureHandler((t, e) -> reported.incrementAndGet()).build())) {
            reported.set(0);
            try (rt) {
                List<JoinHandle<Integer>> handles = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    handles.add(rt.spawn(faulty(i)));
                }
                int ok = 0;
                int failed = 0;
                for (JoinHandle<Integer> h : handles) {
                    try {
                        assertTrue(rt.blockOn(h) >= 0);
                        ok++;
                    } catch (IllegalStateException | NullPointerException expected) {
                        failed++;
                    }
                }
                assertEquals(n, ok + failed);
                assertEquals(3 * (n / 4), failed, "every faulty task failed, and only those");
                assertEquals(failed, reported.get(), "each failure reached the handler once");
                assertEquals(0, rt.metrics().numAliveTasks());
            }
        }
    }

    /** Task {@code i}: a quarter are fine; the others return null, throw, or sleep through a throwing waker. */
    static Future<Integer> faulty(int i) {
        switch (i % 4) {
            case 0:
                return Future.ready(i);
            case 1:
                return cx -> null;
            case 2:
                return cx -> {
                    throw new IllegalStateException("faulty poll " + i);
                };
            default:
                return new Future<>() {
                    final Future<Void> nap = Time.sleep(Duration.ofMillis(i % 7));
                    final io.ferrite.Context broken = io.ferrite.Context.of(() -> {
                        throw new IllegalStateException("faulty waker " + i);
                    });

                    @Override
                    public Poll<Integer> poll(Context cx) {
                        // A zero sleep is ready at once and never calls the waker: fail those too.
                        if (nap.poll(broken).isReady()) {
                            throw new IllegalStateException("faulty waker " + i + " (never called)");
                        }
                        return Poll.pending();
                    }
                };
        }
    }
}

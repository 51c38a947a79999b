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
 * from many threads at once. A lost wake-up would show as a task that never finishes.
 */
@Tag("stress")
class RuntimeStressTest {

    static final int MILLION = 1_000_000;

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
}

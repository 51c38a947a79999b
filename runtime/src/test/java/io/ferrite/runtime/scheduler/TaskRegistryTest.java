package io.ferrite.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.testing.Eventually;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The registry where shutdown finds suspended tasks must not keep finished ones (issue 12,
 * item 1): a finished task whose handle was dropped is garbage at once, with its result.
 * {@code RuntimeStressTest} checks the same with 200,000 tasks.
 */
class TaskRegistryTest {

    /** Suspends once, then completes with a fresh kilobyte that only the task holds. */
    static final class SuspendsOnce implements Future<byte[]> {
        final CountDownLatch suspended = new CountDownLatch(1);
        volatile Waker waker;
        volatile boolean go;
        WeakReference<byte[]> result;

        @Override
        public Poll<byte[]> poll(Context cx) {
            if (!go) {
                waker = cx.waker();
                suspended.countDown();
                return Poll.pending();
            }
            byte[] kilobyte = new byte[1024];
            result = new WeakReference<>(kilobyte);
            return Poll.ready(kilobyte);
        }

        /** Lets the task finish, and forgets its waker (the task itself) so only the runtime holds it. */
        void finish() {
            go = true;
            Waker w = waker;
            waker = null;
            w.wake();
        }
    }

    @Test
    void finished_task_should_be_collectable_with_its_result_when_its_handle_is_dropped() throws Exception {
        for (AsyncRuntime rt : List.of(AsyncRuntime.multiThread().workerThreads(1).build(),
                AsyncRuntime.currentThread().build())) {
            try (rt) {
                boolean currentThread = rt.toString().contains("current-thread");
                SuspendsOnce f = new SuspendsOnce();
                JoinHandle<byte[]> h = rt.spawn(f);
                if (currentThread) {
                    rt.blockOn(Task.yieldNow());
                }
                f.suspended.await();
                f.finish();
                if (currentThread) {
                    rt.blockOn(Task.yieldNow());
                }
                Eventually.get(h.toCompletableFuture(), "the task");
                WeakReference<JoinHandle<byte[]>> task = new WeakReference<>(h);
                h = null;
                assertTrue(Eventually.collected(f.result), "the result of a finished task was kept alive (" + rt + ")");
                assertTrue(Eventually.collected(task), "a finished task was kept alive (" + rt + ")");
                assertEquals(0, rt.metrics().numAliveTasks());
            }
        }
    }

    @Test
    void registry_should_keep_suspended_tasks_for_shutdown_and_drop_them_as_they_finish() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build()) {
            List<SuspendsOnce> futures = new ArrayList<>();
            List<JoinHandle<byte[]>> handles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                SuspendsOnce f = new SuspendsOnce();
                futures.add(f);
                handles.add(rt.spawn(f));
            }
            for (SuspendsOnce f : futures) {
                f.suspended.await();
            }
            // Half finish; the other half stay suspended, reachable only through the runtime.
            for (int i = 0; i < 200; i += 2) {
                futures.get(i).finish();
                Eventually.get(handles.get(i).toCompletableFuture(), "task " + i);
            }
            List<WeakReference<JoinHandle<byte[]>>> finished = new ArrayList<>();
            for (int i = 0; i < 200; i += 2) {
                finished.add(new WeakReference<>(handles.get(i)));
            }
            handles.clear();
            for (WeakReference<JoinHandle<byte[]>> ref : finished) {
                assertTrue(Eventually.collected(ref), "a finished task was kept alive");
            }
            assertEquals(100, rt.metrics().numAliveTasks());
        }
    }

    @Test
    void registry_should_move_the_last_task_into_a_hole_and_spill_past_its_index_bits_into_a_set() {
        Scheduler scheduler = new Scheduler(null, true, 1, "registry-test", 1, java.time.Duration.ofSeconds(1),
                (t, e) -> { }, io.ferrite.time.TimeSource.system(), 0);
        // 24 bits name the registry, so 2 are left for the position: 0, 1 and 2, then the overflow set.
        TaskRegistry registry = new TaskRegistry(5, 24);
        List<RawTask<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RawTask<Object> t = new RawTask<>(scheduler, cx -> Poll.pending());
            tasks.add(t);
            registry.add(t);
            assertEquals(5, TaskRegistry.shardOf(t.state, 24), "each task names its registry");
        }
        assertEquals(6, registry.size());
        registry.remove(tasks.get(0));   // the last in the array takes its place
        registry.remove(tasks.get(4));   // in the overflow set
        registry.remove(tasks.get(0));   // gone already: harmless
        assertEquals(4, registry.size());
        registry.remove(tasks.get(2));   // moved once: still found by the position it was given
        assertEquals(3, registry.size());
        List<TaskCell<?>> claimed = new ArrayList<>();
        TaskCell<?> t;
        while ((t = registry.claimForShutdown()) != null) {
            claimed.add(t);
            assertTrue((t.state & TaskCell.RUNNING) != 0, "claimed for the caller");
        }
        assertEquals(java.util.Set.of(tasks.get(1), tasks.get(3), tasks.get(5)), new java.util.HashSet<>(claimed));
        assertEquals(0, registry.size());
    }
}

package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.ManualFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JoinSetTest {

    /** Joins every task of {@code set}, recording values and failures in order. */
    static final class JoinAll implements Future<List<Object>> {
        final JoinSet<String> set;
        final List<Object> results = new ArrayList<>();
        Future<String> next;

        JoinAll(JoinSet<String> set) {
            this.set = set;
        }

        @Override
        public Poll<List<Object>> poll(Context cx) {
            while (!set.isEmpty() || next != null) {
                if (next == null) {
                    next = set.joinNext();
                }
                try {
                    Poll<String> p = next.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    results.add(p.value());
                } catch (Throwable t) {
                    results.add(t);
                }
                next = null;
            }
            return Poll.ready(results);
        }
    }

    @Test
    void joinNext_should_return_results_in_finishing_order() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            ManualFuture<String> a = new ManualFuture<>();
            ManualFuture<String> b = new ManualFuture<>();
            ManualFuture<String> c = new ManualFuture<>();
            List<Object> got = rt.blockOn(new Future<List<Object>>() {
                JoinSet<String> set;
                JoinAll all;

                @Override
                public Poll<List<Object>> poll(Context cx) {
                    if (set == null) {
                        set = new JoinSet<>();
                        set.spawn(a);
                        set.spawn(b);
                        set.spawn(c);
                        all = new JoinAll(set);
                        List<ManualFuture<String>> order = List.of(c, a, b);
                        Task.spawn(new Future<Void>() {  // lets them finish in the order c, a, b
                            int i;

                            @Override
                            public Poll<Void> poll(Context cx2) {
                                ManualFuture<String> f = order.get(i++);
                                f.complete(f == c ? "c" : f == a ? "a" : "b");
                                if (i == order.size()) {
                                    return Poll.ready(null);
                                }
                                cx2.waker().wake();  // yield: the woken task finishes first
                                return Poll.pending();
                            }
                        });
                        assertEquals(3, set.size());
                    }
                    return all.poll(cx);
                }
            });
            assertEquals(List.of("c", "a", "b"), got);
        }
    }

    @Test
    void joinNext_should_rethrow_failure_and_cancelled_for_aborted_task() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (AsyncRuntime rt = AsyncRuntime.currentThread().taskFailureHandler((t, e) -> { }).build()) {
            ManualFuture<String> never = new ManualFuture<>();
            List<Object> got = rt.blockOn(new Future<List<Object>>() {
                JoinAll all;

                @Override
                public Poll<List<Object>> poll(Context cx) {
                    if (all == null) {
                        JoinSet<String> set = new JoinSet<>();
                        set.spawn(cx2 -> {
                            throw boom;
                        });
                        JoinHandle<String> slow = set.spawn(never);
                        slow.abort();
                        all = new JoinAll(set);
                    }
                    return all.poll(cx);
                }
            });
            assertEquals(2, got.size());
            assertTrue(got.contains(boom), got.toString());
            assertTrue(got.stream().anyMatch(o -> o instanceof Cancelled), got.toString());
            assertEquals(1, never.cancels());
        }
    }

    @Test
    void close_should_abort_remaining_tasks() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            ManualFuture<String> f1 = new ManualFuture<>();
            ManualFuture<String> f2 = new ManualFuture<>();
            JoinHandle<String>[] handles = spawnInSetThenClose(rt, f1, f2, set -> { });
            for (JoinHandle<String> h : handles) {
                assertThrows(Cancelled.class, () -> rt.blockOn(h));
            }
            assertEquals(1, f1.cancels());
            assertEquals(1, f2.cancels());
        }
    }

    @Test
    void joinNext_should_throw_when_set_is_empty() {
        JoinSet<String> set = new JoinSet<>();
        assertTrue(set.isEmpty());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, set::joinNext);
        assertTrue(e.getMessage().contains("isEmpty"), e.getMessage());
    }

    @Test
    void spawn_should_throw_ise_outside_a_runtime() {
        JoinSet<String> set = new JoinSet<>();
        assertThrows(IllegalStateException.class, () -> set.spawn(Future.ready("x")));
        assertSame(0, set.size());
    }

    @Test
    void detachAll_should_empty_the_set_and_let_the_tasks_run_on_after_it_closes() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            ManualFuture<String> f1 = new ManualFuture<>();
            ManualFuture<String> f2 = new ManualFuture<>();
            JoinHandle<String>[] handles = spawnInSetThenClose(rt, f1, f2, set -> {
                set.detachAll();
                assertTrue(set.isEmpty());
            });
            rt.blockOn(Task.yieldNow());
            f1.complete("one");
            f2.complete("two");
            assertEquals("one", rt.blockOn(handles[0]));
            assertEquals("two", rt.blockOn(handles[1]));
            assertEquals(0, f1.cancels() + f2.cancels(), "closing the set aborted a detached task");
            assertTrue(!handles[0].isAwaited() && !handles[1].isAwaited(), "the set still listened to its tasks");
        }
    }

    /**
     * Spawns {@code f1} and {@code f2} into a set inside {@code rt}, runs {@code beforeClose} on
     * it, closes it, and returns the two handles.
     */
    private static JoinHandle<String>[] spawnInSetThenClose(AsyncRuntime rt, Future<String> f1, Future<String> f2,
            Consumer<JoinSet<String>> beforeClose) {
        return rt.blockOn(cx -> {
            try (JoinSet<String> set = new JoinSet<>()) {
                @SuppressWarnings("unchecked")
                JoinHandle<String>[] hs = new JoinHandle[] {set.spawn(f1), set.spawn(f2)};
                beforeClose.accept(set);
                return Poll.ready(hs);
            }
        });
    }
}

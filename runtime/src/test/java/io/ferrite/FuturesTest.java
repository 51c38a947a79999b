package io.ferrite;

import static io.ferrite.Futures.join;
import static io.ferrite.Futures.joinAll;
import static io.ferrite.Futures.mapConcurrent;
import static io.ferrite.Futures.race;
import static io.ferrite.Futures.select;
import static io.ferrite.Futures.selectBiased;
import static io.ferrite.Futures.tryJoin;
import static io.ferrite.Futures.tryJoinAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.testing.CountingWaker;
import io.ferrite.testing.ManualFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FuturesTest {

    private final CountingWaker w = new CountingWaker();
    private final ManualFuture<String> a = ManualFuture.named("a");
    private final ManualFuture<Integer> b = ManualFuture.named("b");
    private final ManualFuture<Boolean> c = ManualFuture.named("c");

    @Test
    void join_should_complete_with_every_value_in_argument_order() {
        Future<Futures.Join2<String, Integer>> j = join(a, b);
        w.assertPending(j);
        b.complete(2);
        assertTrue(w.woken());
        w.assertPending(j);
        a.complete("one");
        assertEquals(new Futures.Join2<>("one", 2), w.assertReady(j));
        assertThrows(IllegalStateException.class, () -> w.poll(j));
    }

    @Test
    void join_should_poll_only_the_woken_child_when_one_child_is_woken() {
        Future<Futures.Join3<String, Integer, Boolean>> j = join(a, b, c);
        w.assertPending(j);
        assertEquals(List.of(1, 1, 1), List.of(a.polls(), b.polls(), c.polls()));
        b.wake();                                 // spurious wake of b only
        w.assertPending(j);
        assertEquals(List.of(1, 2, 1), List.of(a.polls(), b.polls(), c.polls()));
        w.assertPending(j);                       // a poll with no wake polls nobody
        assertEquals(List.of(1, 2, 1), List.of(a.polls(), b.polls(), c.polls()));
        c.complete(true);
        a.complete("x");
        b.complete(3);
        assertEquals(new Futures.Join3<>("x", 3, true), w.assertReady(j));
    }

    @Test
    void join_should_wait_for_every_child_then_throw_the_first_failure_with_later_ones_suppressed() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        Future<Futures.Join3<String, Integer, Boolean>> j = join(a, b, c);
        w.assertPending(j);
        a.fail(first);
        w.assertPending(j);
        assertFalse(b.cancelled(), "join lets the others finish");
        b.fail(second);
        w.assertPending(j);
        c.complete(true);
        IOException thrown = assertThrows(IOException.class, () -> w.poll(j));
        assertSame(first, thrown);
        assertSame(second, thrown.getSuppressed()[0]);
    }

    @Test
    void tryJoin_should_fail_at_once_and_cancel_the_others_when_one_fails() {
        IOException boom = new IOException("boom");
        Future<Futures.Join3<String, Integer, Boolean>> j = tryJoin(a, b, c);
        w.assertPending(j);
        c.complete(true);
        w.assertPending(j);
        b.fail(boom);
        assertSame(boom, assertThrows(IOException.class, () -> w.poll(j)));
        assertTrue(a.cancelled());
        assertFalse(b.cancelled(), "the failed child is finished, not cancelled");
        assertFalse(c.cancelled(), "the completed child is finished, not cancelled");
    }

    @Test
    void join_four_and_five_should_keep_argument_order() {
        assertEquals(new Futures.Join4<>(1, "2", 3.0, '4'),
                w.assertReady(join(Future.ready(1), Future.ready("2"), Future.ready(3.0), Future.ready('4'))));
        assertEquals(new Futures.Join5<>(1, 2, 3, 4, 5), w.assertReady(tryJoin(Future.ready(1), Future.ready(2),
                Future.ready(3), Future.ready(4), Future.ready(5))));
    }

    @Test
    void joinAll_should_keep_input_order_and_complete_at_once_when_empty() {
        List<ManualFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fs.add(ManualFuture.named("f" + i));
        }
        Future<List<Integer>> all = joinAll(fs);
        w.assertPending(all);
        for (int i = 99; i >= 0; i--) {
            fs.get(i).complete(i * 10);
        }
        List<Integer> values = w.assertReady(all);
        for (int i = 0; i < 100; i++) {
            assertEquals(i * 10, values.get(i));
        }
        assertThrows(UnsupportedOperationException.class, () -> values.add(1));
        assertEquals(List.of(), w.assertReady(joinAll(List.<Future<String>>of())));
        assertEquals(List.of(), w.assertReady(tryJoinAll(List.<Future<String>>of())));
    }

    @Test
    void tryJoinAll_should_cancel_the_rest_when_one_fails() {
        ManualFuture<Integer> x = ManualFuture.named("x");
        ManualFuture<Integer> y = ManualFuture.named("y");
        Future<List<Integer>> all = tryJoinAll(List.of(x, y));
        w.assertPending(all);
        x.fail(new IOException("x"));
        assertThrows(IOException.class, () -> w.poll(all));
        assertTrue(y.cancelled());
    }

    @Test
    void cancel_should_cancel_every_running_child_and_rethrow_a_failing_cancel() {
        Future<Futures.Join3<String, Integer, Boolean>> j = join(a, b, c);
        w.assertPending(j);
        c.complete(false);
        w.assertPending(j);
        IllegalStateException cleanup = new IllegalStateException("finally block failed");
        a.throwOnCancel(cleanup);
        assertSame(cleanup, assertThrows(IllegalStateException.class, j::cancel));
        assertTrue(a.cancelled());
        assertTrue(b.cancelled(), "the other children are cancelled even though one cancel threw");
        assertFalse(c.cancelled());
    }

    @Test
    void select_should_complete_with_the_winner_and_cancel_the_losers() {
        Future<Futures.Selected<Object>> s = select(a, b, c);
        w.assertPending(s);
        b.complete(42);
        assertTrue(w.woken());
        assertEquals(new Futures.Selected<>(1, 42), w.assertReady(s));
        assertTrue(a.cancelled());
        assertTrue(c.cancelled());
        assertFalse(b.cancelled());
    }

    @Test
    void biased_select_should_pick_the_first_ready_branch_in_order() {
        for (int i = 0; i < 20; i++) {
            Futures.Selected<String> s = w.assertReady(selectBiased(Future.ready("first"), Future.ready("second")));
            assertEquals(0, s.index());
        }
    }

    @Test
    void fair_select_should_let_each_always_ready_branch_win_sometimes() {
        int[] wins = new int[2];
        for (int i = 0; i < 200; i++) {
            wins[w.assertReady(select(Future.ready("x"), Future.ready("y"))).index()]++;
        }
        // A fixed start would give 200 to 0; with a random start each side losing every time
        // has probability 2^-199.
        assertTrue(wins[0] > 0 && wins[1] > 0, "wins: " + wins[0] + " / " + wins[1]);
    }

    @Test
    void select_builder_should_map_the_winner_with_its_handler() {
        Future<String> s = Futures.Select.<String>biased()
                .on(a, v -> "a:" + v)
                .on(b, v -> "b:" + v);
        w.assertPending(s);
        a.complete("hi");
        assertEquals("a:hi", w.assertReady(s));
        assertTrue(b.cancelled());
    }

    @Test
    void onIf_should_never_poll_a_disabled_branch_and_cancel_it_at_the_end() {
        Futures.Select<String> s = Futures.Select.<String>fair()
                .onIf(false, a, v -> "a")
                .on(b, v -> "b");
        w.assertPending(s);
        assertEquals(0, a.polls());
        b.complete(1);
        assertEquals("b", w.assertReady(s));
        assertTrue(a.cancelled());
        assertThrows(IllegalStateException.class, () -> s.on(c, v -> "c"), "no branch after the first poll");
    }

    @Test
    void onNonNull_should_disable_a_branch_that_ends_and_orElse_should_win_when_all_are_disabled() {
        Mpsc.Channel<String> ch1 = Mpsc.channel(1);
        Mpsc.Channel<String> ch2 = Mpsc.channel(1);
        ch1.sender().close();
        Future<String> s = Futures.Select.<String>fair()
                .onNonNull(ch1.receiver().recv(), m -> "ch1:" + m)
                .onNonNull(ch2.receiver().recv(), m -> "ch2:" + m)
                .orElse(() -> "all closed");
        w.assertPending(s);                   // ch1 ended: disabled; ch2 still open
        ch2.sender().close();
        assertTrue(w.woken());
        assertEquals("all closed", w.assertReady(s));
    }

    @Test
    void select_should_fail_naming_orElse_when_every_branch_is_disabled_and_there_is_none() {
        Future<String> s = Futures.Select.<String>biased().onIf(false, a, v -> v);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.poll(s));
        assertTrue(e.getMessage().contains("orElse"), e.getMessage());
        assertTrue(a.cancelled());
    }

    @Test
    void select_should_lose_no_message_when_a_recv_branch_loses() {
        Mpsc.Channel<String> ch = Mpsc.channel(4);
        ManualFuture<String> timeout = ManualFuture.named("timeout");
        Future<String> s = Futures.Select.<String>biased()
                .on(timeout, t -> "timeout")
                .onNonNull(ch.receiver().recv(), m -> m);
        w.assertPending(s);
        timeout.complete("now");
        assertTrue(ch.sender().trySend("racing message").isSent());   // wakes the recv branch too
        assertEquals("timeout", w.assertReady(s));
        assertEquals("racing message", w.assertReady(ch.receiver().recv()), "the losing recv took nothing");
    }

    @Test
    void race_should_complete_like_the_first_to_finish_even_with_a_failure() {
        IOException down = new IOException("down");
        Future<Object> r = race(a, b);
        w.assertPending(r);
        a.fail(down);
        assertSame(down, assertThrows(IOException.class, () -> w.poll(r)));
        assertTrue(b.cancelled());
        assertEquals("fast", w.assertReady(race(Future.ready("fast"), ManualFuture.<String>named("slow"))));
        assertThrows(IllegalArgumentException.class, () -> race());
    }

    @Test
    void select_cancel_should_cancel_every_branch_including_disabled_ones() {
        Futures.Select<String> s = Futures.Select.<String>fair().on(a, v -> v).onIf(false, b, v -> "b");
        w.assertPending(s);
        s.cancel();
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        Futures.Select<String> never = Futures.Select.<String>fair().on(c, v -> "c");
        never.cancel();
        assertTrue(c.cancelled(), "cancelling a select that was never polled cancels its branches");
    }

    @Test
    void mapConcurrent_should_run_at_most_limit_at_once_and_keep_input_order() {
        List<ManualFuture<String>> started = new ArrayList<>();
        Future<List<String>> all = mapConcurrent(List.of(1, 2, 3, 4, 5), 2, i -> {
            ManualFuture<String> f = ManualFuture.named("op" + i);
            started.add(f);
            return f;
        });
        assertEquals(0, started.size(), "nothing starts before the first poll");
        w.assertPending(all);
        assertEquals(2, started.size());
        started.get(1).complete("two");
        w.assertPending(all);
        assertEquals(3, started.size(), "a finished operation frees a slot for the next input");
        started.get(2).complete("three");
        started.get(0).complete("one");
        w.assertPending(all);
        assertEquals(5, started.size());
        started.get(4).complete("five");
        started.get(3).complete("four");
        assertEquals(List.of("one", "two", "three", "four", "five"), w.assertReady(all));
    }

    @Test
    void mapConcurrent_should_cancel_operations_in_flight_and_start_no_more_when_one_fails() {
        List<ManualFuture<String>> started = new ArrayList<>();
        AtomicInteger made = new AtomicInteger();
        Future<List<String>> all = mapConcurrent(List.of(1, 2, 3, 4), 2, i -> {
            made.incrementAndGet();
            ManualFuture<String> f = ManualFuture.named("op" + i);
            started.add(f);
            return f;
        });
        w.assertPending(all);
        started.get(0).fail(new IOException("op1"));
        assertThrows(IOException.class, () -> w.poll(all));
        assertTrue(started.get(1).cancelled());
        assertEquals(2, made.get());
        assertThrows(IllegalArgumentException.class, () -> mapConcurrent(List.of(1), 0, i -> Future.ready(i)));
        assertEquals(List.of(), w.assertReady(mapConcurrent(List.<Integer>of(), 3, i -> Future.ready(i))));
    }

    @Test
    void mapConcurrent_cancel_should_cancel_operations_in_flight_and_start_no_more() {
        List<ManualFuture<String>> started = new ArrayList<>();
        Future<List<String>> all = mapConcurrent(List.of(1, 2, 3), 2, i -> {
            ManualFuture<String> f = ManualFuture.named("op" + i);
            started.add(f);
            return f;
        });
        w.assertPending(all);
        all.cancel();
        assertEquals(2, started.size());
        assertTrue(started.get(0).cancelled());
        assertTrue(started.get(1).cancelled());
    }

    @Test
    void fromStage_should_join_a_completable_future_with_a_ferrite_future() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<Futures.Join2<String, Integer>> j = join(Futures.fromStage(stage), b);
        w.assertPending(j);
        b.complete(2);
        w.assertPending(j);
        stage.complete("legacy");
        assertTrue(w.woken(), "the stage's completion wakes the task");
        assertEquals(new Futures.Join2<>("legacy", 2), w.assertReady(j));
    }

    @Test
    void fromStage_should_rethrow_the_stage_failure_unwrapped() {
        IOException failure = new IOException("down");
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> f = Futures.fromStage(stage.thenApply(v -> v));   // fails with CompletionException(down)
        w.assertPending(f);
        stage.completeExceptionally(failure);
        assertSame(failure, assertThrows(IOException.class, () -> w.poll(f)));
    }

    @Test
    void fromStage_should_cancel_the_completable_future_when_it_loses_a_race() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> r = race(Futures.fromStage(stage), a);
        w.assertPending(r);
        a.complete("fast");
        assertEquals("fast", w.assertReady(r));
        assertTrue(stage.isCancelled());
    }

    @Test
    void fromStage_should_name_the_argument_when_given_null() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Futures.fromStage(null));
        assertTrue(e.getMessage().contains("fromStage"), e.getMessage());
    }

    /** Pending after recording its name, waking itself: a child that is woken on every poll. */
    private static Future<Void> recordingPoll(String name, List<String> order) {
        return cx -> {
            order.add(name);
            cx.waker().wake();
            return Poll.pending();
        };
    }

    @Test
    void join_should_start_each_poll_at_the_next_child_when_every_child_is_woken() {
        List<String> order = new ArrayList<>();
        Future<Futures.Join3<Void, Void, Void>> j =
                join(recordingPoll("a", order), recordingPoll("b", order), recordingPoll("c", order));
        for (int i = 0; i < 4; i++) {
            w.assertPending(j);
        }
        assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"), order);
    }

    @Test
    void tryJoinAll_should_start_each_poll_at_the_next_child_when_every_child_is_woken() {
        List<String> order = new ArrayList<>();
        Future<List<Void>> j = tryJoinAll(List.of(recordingPoll("a", order), recordingPoll("b", order)));
        w.assertPending(j);
        w.assertPending(j);
        w.assertPending(j);
        assertEquals(List.of("a", "b", "b", "a", "a", "b"), order);
    }

    /** Spends one unit of budget per step, {@link #GREEDY_STEPS} steps: always ready but for the budget. */
    private static final class Greedy implements Future<Integer> {
        static final int GREEDY_STEPS = 5_000;
        int steps;

        @Override
        public Poll<Integer> poll(Context cx) {
            while (steps < GREEDY_STEPS) {
                if (!Task.pollProceed(cx)) {
                    return Poll.pending();
                }
                steps++;
            }
            return Poll.ready(steps);
        }
    }

    /** Joins a greedy child with one that needs a single unit of budget; returns the greedy steps taken when the second finished. */
    private static int greedyStepsWhenSecondChildFinished(boolean failFast) {
        Greedy greedy = new Greedy();
        Future<Integer> second = cx -> Task.pollProceed(cx) ? Poll.ready(greedy.steps) : Poll.pending();
        Future<Futures.Join2<Integer, Integer>> joined = failFast ? tryJoin(greedy, second) : join(greedy, second);
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            return rt.blockOn(rt.spawn(joined)).second();
        }
    }

    @Test
    void join_should_let_a_later_child_run_when_an_earlier_child_spends_the_whole_budget() {
        int steps = greedyStepsWhenSecondChildFinished(false);
        assertTrue(steps < Greedy.GREEDY_STEPS, "the second child finished only after the first had run "
                + steps + " of " + Greedy.GREEDY_STEPS + " steps");
    }

    @Test
    void tryJoin_should_let_a_later_child_run_when_an_earlier_child_spends_the_whole_budget() {
        int steps = greedyStepsWhenSecondChildFinished(true);
        assertTrue(steps < Greedy.GREEDY_STEPS, "the second child finished only after the first had run "
                + steps + " of " + Greedy.GREEDY_STEPS + " steps");
    }
}

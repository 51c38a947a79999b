package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AsyncStreamTest {

    private final CountingWaker w = new CountingWaker();

    /** Reads the whole stream through its terminal future, which must complete in one poll. */
    private <T> List<T> all(AsyncStream<T> s) {
        return w.assertReady(s.collect());
    }

    /** The same items, but a plain lambda stream: terminals must take the polling path. */
    static <T> AsyncStream<T> pullOnly(AsyncStream<T> s) {
        return new AsyncStream<>() {
            @Override
            public Poll<T> pollNext(Context cx) {
                return s.pollNext(cx);
            }

            @Override
            public void cancel() {
                s.cancel();
            }

            @Override
            public String toString() {
                return "pullOnly(" + s + ")";
            }
        };
    }

    /** Reads the stream item by item with next(), as a consumer loop would. */
    private <T> List<T> byNext(AsyncStream<T> s) {
        List<T> out = new ArrayList<>();
        for (T x; (x = w.assertReady(s.next())) != null; ) {
            out.add(x);
        }
        return out;
    }

    // ------------------------------------------------------------------ sources

    @Test
    void sources_should_yield_their_items_in_order_then_end() {
        assertEquals(List.of("a", "b", "c"), all(AsyncStream.of("a", "b", "c")));
        assertEquals(List.of(1, 2, 3), all(AsyncStream.fromIterable(List.of(1, 2, 3))));
        assertEquals(List.of(3, 4, 5, 6), all(AsyncStream.range(3, 7)));
        assertEquals(List.of(), all(AsyncStream.range(7, 3)));
        assertEquals(List.of("x"), all(AsyncStream.once("x")));
        assertEquals(List.of("r", "r", "r"), all(AsyncStream.repeat("r").take(3)));
        assertEquals(List.of(), all(AsyncStream.empty()));
        assertEquals(List.of(42), all(AsyncStream.fromFuture(Future.ready(42))));
        assertEquals(List.of(), all(AsyncStream.fromFuture(Future.ready(null))));
    }

    @Test
    void unfold_should_step_its_state_lazily_and_end_on_null() {
        List<Integer> states = new ArrayList<>();
        AsyncStream<String> s = AsyncStream.unfold(1, n -> {
            states.add(n);
            return Future.ready(n > 3 ? null : Pair.of("#" + n, n + 1));
        });
        assertEquals(List.of(), states, "nothing runs before the first poll");
        assertEquals("#1", w.assertReady(s.next()));
        assertEquals(List.of(1), states, "the next step runs only when the next item is asked for");
        assertEquals(List.of("#2", "#3"), all(s));
        assertEquals(List.of(1, 2, 3, 4), states);
    }

    @Test
    void of_should_name_the_index_when_an_item_is_null() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> AsyncStream.of("a", null));
        assertTrue(e.getMessage().contains("item 1 of 2 is null"), e.getMessage());
    }

    @Test
    void fromIterable_should_fail_naming_the_stream_and_element_when_an_element_is_null() {
        AsyncStream<String> s = AsyncStream.fromIterable(Arrays.asList("a", null, "c"));
        NullPointerException e = assertThrows(NullPointerException.class, () -> all(s));
        assertTrue(e.getMessage().contains("AsyncStream.fromIterable(") && e.getMessage().contains("element 1"),
                e.getMessage());
        assertEquals(Poll.ready(null), s.pollNext(w.cx()), "fused after the failure");
    }

    @Test
    void map_should_fail_naming_the_stream_and_item_when_the_function_returns_null() {
        AsyncStream<Integer> s = AsyncStream.range(0, 3).map(i -> i == 1 ? null : i);
        assertEquals(0, w.assertReady(s.next()));
        NullPointerException e = assertThrows(NullPointerException.class, () -> s.pollNext(w.cx()));
        assertTrue(e.getMessage().startsWith("AsyncStream.range(0, 3).map(...): the function returned null for"
                + " item 1"), e.getMessage());
        assertEquals(Poll.ready(null), s.pollNext(w.cx()));
    }

    @Test
    void then_should_fail_naming_the_stream_when_a_future_completes_with_null() {
        AsyncStream<String> s = AsyncStream.of("a").then(x -> Future.ready((String) null));
        NullPointerException e = assertThrows(NullPointerException.class, () -> all(s));
        assertTrue(e.getMessage().contains("AsyncStream.of(1 items).then(...)"), e.getMessage());
    }

    // ------------------------------------------------------------------ combinators

    @Test
    void combinators_should_transform_as_their_rust_namesakes() {
        assertEquals(List.of(1, 2, 3), all(AsyncStream.of("a", "bb", "ccc").map(String::length)));
        assertEquals(List.of(0, 2, 4), all(AsyncStream.range(0, 6).filter(i -> i % 2 == 0)));
        assertEquals(List.of(1, 3), all(AsyncStream.of("1", "x", "3").filterMap(
                s -> s.matches("\\d+") ? Integer.valueOf(s) : null)));
        assertEquals(List.of("A", "B"), all(AsyncStream.of("a", "b").then(s -> Future.ready(s.toUpperCase()))));
        assertEquals(List.of("a", "b", "c"), all(AsyncStream.of("ab", "c").flatMap(s -> AsyncStream.of(s.split("")))));
        assertEquals(List.of(1, 2, 3), all(AsyncStream.of(AsyncStream.of(1, 2), AsyncStream.empty(),
                AsyncStream.of(3)).flatten()));
        assertEquals(List.of(0, 1, 2), all(AsyncStream.range(0, 1_000_000).take(3)));
        assertEquals(List.of(8, 9), all(AsyncStream.range(0, 10).skip(8)));
        assertEquals(List.of(1, 2), all(AsyncStream.of(1, 2, 10, 3).takeWhile(i -> i < 5)));
        assertEquals(List.of(10, 3), all(AsyncStream.of(1, 2, 10, 3).skipWhile(i -> i < 5)));
        assertEquals(List.of(new Indexed<>(0, "a"), new Indexed<>(1, "b")), all(AsyncStream.of("a", "b").enumerate()));
        assertEquals(List.of(Pair.of("a", 0), Pair.of("b", 1)), all(AsyncStream.of("a", "b").zip(AsyncStream.range(0, 9))));
        assertEquals(List.of("1a", "2b"), all(AsyncStream.of("a", "b").zip(AsyncStream.range(1, 9), (s, i) -> i + s)));
        assertEquals(List.of(1, 2, 3), all(AsyncStream.of(1, 2).chain(AsyncStream.of(3))));
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)),
                all(AsyncStream.range(0, 10).chunks(4)));
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), all(pullOnly(AsyncStream.range(0, 4)).chunks(2)));
    }

    @Test
    void terminals_should_fold_collect_count_and_pick() {
        assertEquals(6, w.assertReady(AsyncStream.of(1, 2, 3).fold(0, (sum, i) -> sum + i)));
        assertEquals("a,b,c", w.assertReady(AsyncStream.of("a", "b", "c").collect(Collectors.joining(","))));
        assertEquals(Map.of(true, List.of(0, 2), false, List.of(1)),
                w.assertReady(AsyncStream.range(0, 3).collect(Collectors.partitioningBy(i -> i % 2 == 0))));
        assertEquals(15L, w.assertReady(AsyncStream.range(0, 100).filter(i -> i % 7 == 0).count()));
        assertEquals(501, w.assertReady(AsyncStream.range(0, 1_000).filter(i -> i > 500).first()));
        assertNull(w.assertReady(AsyncStream.<String>empty().first()));
        assertEquals("c", w.assertReady(AsyncStream.of("a", "b", "c").last()));
        assertNull(w.assertReady(AsyncStream.<String>empty().last()));
        List<String> seen = new ArrayList<>();
        assertNull(w.assertReady(AsyncStream.of("a", "b").forEach(seen::add)));
        assertEquals(List.of("a", "b"), seen);
        assertThrows(UnsupportedOperationException.class, () -> w.assertReady(AsyncStream.of("a").collect()).add("b"));
    }

    @Test
    void terminal_future_should_refuse_a_poll_after_it_completed() {
        Future<Long> count = AsyncStream.of(1).count();
        w.assertReady(count);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> count.poll(w.cx()));
        assertTrue(e.getMessage().contains("count()"), e.getMessage());
    }

    @Test
    void first_should_cancel_the_rest_of_the_stream() {
        ManualStream<String> up = new ManualStream<>("up");
        up.push("a").push("b");
        assertEquals("a", w.assertReady(up.map(s -> s).first()));
        assertEquals(1, up.cancels);
    }

    @Test
    void take_should_cancel_its_upstream_when_the_last_item_is_taken_not_at_the_end() {
        ManualStream<Integer> up = new ManualStream<>("up");
        up.push(1).push(2).push(3);
        AsyncStream<Integer> s = up.take(2);
        assertEquals(1, w.assertReady(s.next()));
        assertFalse(up.cancelled());
        assertEquals(2, w.assertReady(s.next()));
        assertEquals(1, up.cancels, "cancelled as the second item was handed out");
        assertNull(w.assertReady(s.next()));
        assertEquals(2, up.polls, "never polled again");
    }

    @Test
    void take_zero_should_poll_nothing_and_cancel_its_upstream_at_the_first_poll() {
        ManualStream<Integer> up = new ManualStream<>("up");
        AsyncStream<Integer> s = up.take(0);
        assertEquals(0, up.cancels, "lazy");
        assertEquals(List.of(), all(s));
        assertEquals(0, up.polls);
        assertEquals(1, up.cancels);
    }

    @Test
    void takeWhile_should_cancel_its_upstream_at_the_first_rejected_item() {
        ManualStream<Integer> up = new ManualStream<>("up");
        up.push(1).push(9).push(2);
        assertEquals(List.of(1), all(up.takeWhile(i -> i < 5)));
        assertEquals(1, up.cancels);
    }

    @Test
    void zip_should_end_when_one_side_ends_and_cancel_the_other() {
        ManualStream<Integer> right = new ManualStream<>("right");
        right.push(10).push(20).push(30);
        assertEquals(List.of(Pair.of("a", 10)), all(AsyncStream.of("a").zip(right)));
        assertEquals(1, right.cancels);
    }

    @Test
    void zip_should_poll_both_sides_so_both_wait_at_once() {
        ManualStream<Integer> left = new ManualStream<>("left");
        ManualStream<Integer> right = new ManualStream<>("right");
        AsyncStream<Pair<Integer, Integer>> z = left.zip(right);
        Future<Pair<Integer, Integer>> n = z.next();
        w.assertPending(n);
        assertEquals(1, left.polls);
        assertEquals(1, right.polls);
        right.push(2);
        left.push(1);
        assertEquals(Pair.of(1, 2), w.assertReady(n));
    }

    @Test
    void chain_should_cancel_the_second_stream_even_if_it_was_never_polled() {
        ManualStream<Integer> first = new ManualStream<>("first");
        ManualStream<Integer> second = new ManualStream<>("second");
        AsyncStream<Integer> s = first.chain(second);
        first.push(1);
        assertEquals(1, w.assertReady(s.next()));
        s.cancel();
        assertEquals(1, first.cancels);
        assertEquals(1, second.cancels);
        assertEquals(0, second.polls);
    }

    @Test
    void takeUntil_should_end_once_the_stop_future_is_ready_and_cancel_the_stop_future_if_the_stream_ends_first() {
        ManualStream<Integer> up = new ManualStream<>("up");
        TrackedFutures<String> stops = new TrackedFutures<>();
        TrackedFutures<String>.Tracked stop = stops.make("stop");
        AsyncStream<Integer> s = up.takeUntil(stop);
        up.push(1);
        assertEquals(1, w.assertReady(s.next()));
        stop.complete();
        up.push(2);
        assertNull(w.assertReady(s.next()), "the stop future is polled first");
        assertEquals(1, up.cancels);

        ManualStream<Integer> up2 = new ManualStream<>("up2");
        TrackedFutures<String>.Tracked stop2 = stops.make("stop2");
        up2.push(5).end();
        assertEquals(List.of(5), all(up2.takeUntil(stop2)));
        assertEquals(1, stops.cancelled, "the stream ended first: its stop future is not needed");
        assertEquals(0, stops.live);
    }

    // ------------------------------------------------------------------ failures and fusing

    /** Every single-upstream combinator, over an upstream the test controls. */
    static List<Function<AsyncStream<Integer>, AsyncStream<?>>> stages() {
        return List.of(
                s -> s.map(i -> i + 1),
                s -> s.filter(i -> true),
                s -> s.filterMap(i -> i),
                s -> s.then(Future::ready),
                s -> s.flatMap(AsyncStream::once),
                s -> s.take(100),
                s -> s.skip(0),
                s -> s.takeWhile(i -> true),
                s -> s.skipWhile(i -> false),
                s -> s.enumerate(),
                s -> s.chunks(1),
                s -> s.chain(AsyncStream.empty()),
                s -> s.merge(AsyncStream.empty()),
                s -> s.zip(AsyncStream.repeat(0)),
                s -> s.takeUntil(cx -> Poll.pending()),
                s -> s.buffered(2, Future::ready),
                s -> s.bufferUnordered(2, Future::ready));
    }

    @ParameterizedTest
    @MethodSource("stages")
    void stage_should_rethrow_an_upstream_failure_as_is_then_stay_ended(Function<AsyncStream<Integer>, AsyncStream<?>> stage) {
        ManualStream<Integer> up = new ManualStream<>("up");
        AsyncStream<?> s = stage.apply(up);
        up.push(1);
        assertTrue(s.pollNext(w.cx()).value() != null);
        IllegalStateException boom = new IllegalStateException("boom");
        up.fail(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.pollNext(w.cx())));
        assertEquals(Poll.ready(null), s.pollNext(w.cx()), "fused after a failure");
        assertEquals(Poll.ready(null), s.pollNext(w.cx()));
    }

    @ParameterizedTest
    @MethodSource("stages")
    void stage_should_end_over_an_empty_upstream_and_stay_ended(Function<AsyncStream<Integer>, AsyncStream<?>> stage) {
        AsyncStream<?> s = stage.apply(AsyncStream.empty());
        for (int i = 0; i < 3; i++) {
            assertEquals(Poll.ready(null), s.pollNext(w.cx()));
        }
        AsyncStream<?> pulled = stage.apply(pullOnly(AsyncStream.empty()));
        assertEquals(List.of(), w.assertReady(pulled.collect()));
    }

    @ParameterizedTest
    @MethodSource("stages")
    void stage_should_cancel_its_upstream_when_cancelled(Function<AsyncStream<Integer>, AsyncStream<?>> stage) {
        ManualStream<Integer> up = new ManualStream<>("up");
        AsyncStream<?> s = stage.apply(up);
        up.push(1);
        s.pollNext(w.cx());
        s.cancel();
        assertEquals(1, up.cancels);
        assertEquals(Poll.ready(null), s.pollNext(w.cx()), "a cancelled stream is ended");
    }

    @Test
    void a_failing_function_should_end_the_stream_and_cancel_its_upstream() {
        ManualStream<Integer> up = new ManualStream<>("up");
        up.push(1).push(2);
        AsyncStream<Integer> s = up.map(i -> {
            throw new ArithmeticException("bad " + i);
        });
        assertEquals("bad 1", assertThrows(ArithmeticException.class, () -> s.pollNext(w.cx())).getMessage());
        assertEquals(1, up.cancels);
        assertEquals(Poll.ready(null), s.pollNext(w.cx()));
    }

    @Test
    void a_failing_function_on_the_synchronous_path_should_fail_the_terminal_and_end_the_source() {
        AsyncStream<Integer> source = AsyncStream.range(0, 10_000);
        Future<Integer> sum = source.map(i -> {
            if (i == 5_000) {
                throw new ArithmeticException("at " + i);
            }
            return i;
        }).fold(0, Integer::sum);
        assertEquals("at 5000", assertThrows(ArithmeticException.class, () -> sum.poll(w.cx())).getMessage());
        assertEquals(Poll.ready(null), source.pollNext(w.cx()), "the terminal cancelled the whole pipeline");
    }

    // ------------------------------------------------------------------ laws

    @Test
    void laws_should_hold_for_map_filter_take_skip_and_chain() {
        Function<Integer, Integer> f = i -> i * 3 + 1;
        Function<Integer, Integer> g = i -> i - 7;
        assertEquals(all(AsyncStream.range(0, 50).map(f).map(g)), all(AsyncStream.range(0, 50).map(f.andThen(g))));
        assertEquals(all(AsyncStream.range(0, 50).filter(i -> i % 2 == 0).filter(i -> i % 3 == 0)),
                all(AsyncStream.range(0, 50).filter(i -> i % 6 == 0)));
        assertEquals(all(AsyncStream.range(0, 50).take(10).take(4)), all(AsyncStream.range(0, 50).take(4)));
        assertEquals(all(AsyncStream.range(0, 50).skip(10).skip(4)), all(AsyncStream.range(0, 50).skip(14)));
        assertEquals(all(AsyncStream.of(1).chain(AsyncStream.of(2)).chain(AsyncStream.of(3))),
                all(AsyncStream.of(1).chain(AsyncStream.of(2).chain(AsyncStream.of(3)))));
        assertEquals(all(AsyncStream.range(0, 50)), all(AsyncStream.range(0, 50).map(i -> i)));
        assertEquals(all(AsyncStream.range(0, 50)), all(AsyncStream.range(0, 50).chunks(7).flatMap(AsyncStream::fromIterable)));
    }

    @Test
    void a_stream_polled_for_a_while_then_drained_should_give_each_item_once() {
        AsyncStream<Integer> s = AsyncStream.range(0, 10).map(i -> i * 2).filter(i -> i % 3 != 0);
        assertEquals(2, w.assertReady(s.next()));
        assertEquals(4, w.assertReady(s.next()));
        assertEquals(List.of(8, 10, 14, 16), all(s));
    }

    /**
     * Random pipelines over random lists: the synchronous path, the polling path and item-by-item
     * reading must all agree with {@code java.util.stream} on the same operations.
     */
    @Test
    void random_pipelines_should_agree_with_java_util_stream_on_every_path() {
        java.util.Random rnd = new java.util.Random(13);
        for (int round = 0; round < 600; round++) {
            int size = rnd.nextInt(40);
            List<Integer> input = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                input.add(rnd.nextInt(100));
            }
            int ops = rnd.nextInt(6);
            List<Function<AsyncStream<Integer>, AsyncStream<Integer>>> ours = new ArrayList<>();
            List<Function<java.util.stream.Stream<Integer>, java.util.stream.Stream<Integer>>> theirs = new ArrayList<>();
            StringBuilder desc = new StringBuilder(input.toString());
            for (int k = 0; k < ops; k++) {
                int n = rnd.nextInt(10);
                switch (rnd.nextInt(8)) {
                    case 0 -> { ours.add(s -> s.map(i -> i * 3 + 1)); theirs.add(s -> s.map(i -> i * 3 + 1)); desc.append(".map"); }
                    case 1 -> { ours.add(s -> s.filter(i -> i % 2 == 0)); theirs.add(s -> s.filter(i -> i % 2 == 0)); desc.append(".filter"); }
                    case 2 -> { ours.add(s -> s.take(n)); theirs.add(s -> s.limit(n)); desc.append(".take(").append(n).append(')'); }
                    case 3 -> { ours.add(s -> s.skip(n)); theirs.add(s -> s.skip(n)); desc.append(".skip(").append(n).append(')'); }
                    case 4 -> { ours.add(s -> s.takeWhile(i -> i < 10 * n + 20)); theirs.add(s -> s.takeWhile(i -> i < 10 * n + 20)); desc.append(".takeWhile"); }
                    case 5 -> { ours.add(s -> s.skipWhile(i -> i < 10 * n)); theirs.add(s -> s.dropWhile(i -> i < 10 * n)); desc.append(".skipWhile"); }
                    case 6 -> { ours.add(s -> s.filterMap(i -> i % 3 == 0 ? null : i - 1)); theirs.add(s -> s.filter(i -> i % 3 != 0).map(i -> i - 1)); desc.append(".filterMap"); }
                    default -> { ours.add(s -> s.chunks(n + 1).flatMap(AsyncStream::fromIterable)); theirs.add(s -> s); desc.append(".chunks.flatMap"); }
                }
            }
            java.util.stream.Stream<Integer> ref = input.stream();
            for (var op : theirs) {
                ref = op.apply(ref);
            }
            List<Integer> expected = ref.collect(Collectors.toList());
            for (int path = 0; path < 3; path++) {
                AsyncStream<Integer> s = path == 1 ? pullOnly(AsyncStream.fromIterable(input)) : AsyncStream.fromIterable(input);
                for (var op : ours) {
                    s = op.apply(s);
                }
                List<Integer> got = path == 2 ? byNext(s) : all(s);
                assertEquals(expected, got, desc + " on path " + path);
            }
        }
    }
}

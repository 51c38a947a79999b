package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.stream.AsyncStream;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.transformer.testing.StreamDriver;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Generators through the constructs of the @Async conformance tests, polled by hand. */
class GeneratorsTest {

    private static final String GENERATORS = "io.ferrite.transformer.fixtures.Generators";
    /** The line of {@code emit(item)} in {@code Generators.emitsNull}. */
    private static final int EMITS_NULL_LINE = 472;
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void countdown_should_emit_then_suspend_on_each_await_and_never_run_ahead() {
        List<ManualFuture<Void>> ticks = new ArrayList<>();
        Supplier<Future<Void>> tick = () -> {
            ManualFuture<Void> t = new ManualFuture<>();
            ticks.add(t);
            return t;
        };
        StreamDriver<Integer> stream = StreamDriver.of(loader.call(GENERATORS, "countdown", 3, tick));
        assertTrue(ticks.isEmpty(), "lazy: nothing runs before the first poll");
        stream.assertItem(3);
        assertTrue(ticks.isEmpty(), "the body is suspended at the emit until the next poll");
        stream.assertPending();
        assertEquals(1, ticks.size());
        stream.assertPending();
        ticks.get(0).complete(null);
        assertEquals(1, stream.wakes());
        stream.assertItem(2);
        stream.assertPending();
        ticks.get(1).complete(null);
        stream.assertItem(1);
        stream.assertPending();
        ticks.get(2).complete(null);
        stream.assertEnd();
        stream.assertEnd();
        assertEquals(3, ticks.size());
    }

    @Test
    void relay_should_emit_what_it_awaits_in_a_loop_condition() {
        ManualFuture<String> a = new ManualFuture<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "relay",
                List.of(a, Future.ready("b"), Future.ready(null))));
        stream.assertPending();
        a.complete("a");
        stream.assertItem("a!");
        stream.assertItem("b!");
        stream.assertEnd();
    }

    @Test
    void loops_should_emit_from_every_loop_form_with_labeled_jumps() {
        StreamDriver<Integer> stream = StreamDriver.of(loader.call(GENERATORS, "loops", new int[] {1, 2}, List.of(3)));
        assertEquals(List.of(1, 2, 30, 0, -1, 100, 110, 111, 120), stream.drain());
    }

    @Test
    void tryFinally_should_catch_at_the_await_and_run_finally_blocks_in_order() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<String> failing = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "tryFinally", a, failing, log));
        stream.assertItem("before");
        stream.assertPending();
        a.complete("a");
        stream.assertItem("a");
        stream.assertPending();
        failing.fail(new IllegalStateException("boom"));
        stream.assertItem("caught");
        assertEquals(List.of("caught boom"), log);
        stream.assertItem("after");
        assertEquals(List.of("caught boom", "inner finally"), log);
        stream.assertEnd();
        assertEquals(List.of("caught boom", "inner finally", "outer finally"), log);
    }

    @Test
    void switches_should_emit_from_statements_and_expressions() {
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "switches",
                List.of("a", "b", 2, "z"), Future.ready("B")));
        assertEquals(List.of("A", "many", "B", "C", "many", "?2", "two is coming", "two", "?z", "many"),
                stream.drain());
    }

    @Test
    void wide_should_keep_long_and_double_locals_across_emits() {
        ManualFuture<Long> f = new ManualFuture<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "wide", 10L, 1.5, f));
        stream.assertPending();
        f.complete(5L);
        assertEquals(List.of("15:3.0", "20:6.0", "25:12.0", "big 50"), stream.drain());
    }

    @Test
    void manyLocals_should_keep_more_than_255_slots_across_an_emit_and_an_await() {
        ManualFuture<Long> f = new ManualFuture<>();
        StreamDriver<Long> stream = StreamDriver.of(loader.call(GENERATORS, "manyLocals", f));
        stream.assertItem(139L);
        stream.assertPending();
        f.complete(1_000L);
        stream.assertItem(1_000L + LongStream.range(0, 140).sum());
        stream.assertEnd();
    }

    @Test
    void delegate_should_emit_its_items_then_the_returned_streams_then_end() {
        StreamDriver<Integer> stream = StreamDriver.of(loader.call(GENERATORS, "delegate", AsyncStream.of(1, 2)));
        assertEquals(List.of(0, 1, 2), stream.drain());
        stream.assertEnd();
    }

    @Test
    void chain_should_delegate_a_million_levels_deep_in_constant_stack() {
        int depth = Integer.getInteger("ferrite.test.generatorDepth", 1_000_000);
        StreamDriver<Integer> stream = StreamDriver.of(loader.call(GENERATORS, "chain", depth));
        long count = 0;
        long sum = 0;
        for (Integer item; (item = stream.poll().value()) != null; ) {
            count++;
            sum += item;
        }
        assertEquals(depth, count);
        assertEquals((long) depth * (depth + 1) / 2, sum);
    }

    @Test
    void silentChain_should_adopt_tails_that_emit_nothing_in_constant_stack() {
        StreamDriver<Integer> stream = StreamDriver.of(loader.call(GENERATORS, "silentChain", 1_000_000));
        assertEquals(List.of(1, 2), stream.drain());
    }

    @Test
    void emit_null_should_throw_npe_naming_the_generator_and_fuse_the_stream() {
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "emitsNull", Arrays.asList("a", null, "c")));
        stream.assertItem("a");
        NullPointerException e = assertThrows(NullPointerException.class, stream::poll);
        assertTrue(e.getMessage().contains("generator io.ferrite.transformer.fixtures.Generators.emitsNull"),
                e.getMessage());
        assertTrue(e.getMessage().contains("never null"), e.getMessage());
        StackTraceElement at = java.util.Arrays.stream(e.getStackTrace())
                .filter(frame -> frame.getClassName().endsWith("Generators$emitsNull$Async")).findFirst().orElseThrow();
        assertEquals("Generators.java", at.getFileName(), "debug info: the user's file");
        assertEquals(EMITS_NULL_LINE, at.getLineNumber(), "debug info: the emit's line");
        stream.assertEnd();
    }

    @Test
    void emit_null_should_be_catchable_at_the_emit() {
        assertEquals(List.of("caught null"), StreamDriver.of(loader.call(GENERATORS, "catchesNull", (Object) null)).drain());
        assertEquals(List.of("x"), StreamDriver.of(loader.call(GENERATORS, "catchesNull", "x")).drain());
    }

    @Test
    void a_generator_lambda_should_capture_this_and_await() throws Exception {
        Object generators = newInstance("pre");
        Object function = TransformingClassLoader.invoke(generators.getClass(), generators, "lambda");
        ManualFuture<String> f = new ManualFuture<>();
        StreamDriver<String> stream = StreamDriver.of(TransformingClassLoader.invoke(
                function.getClass().getInterfaces()[0], function, "apply", f));
        stream.assertItem("pre");
        stream.assertPending();
        f.complete("fix");
        stream.assertItem("prefix");
        stream.assertEnd();
    }

    @Test
    void a_generator_lambda_should_run_async_lambdas_made_inside_it() {
        @SuppressWarnings("unchecked")
        Supplier<AsyncStream<Integer>> nested = (Supplier<AsyncStream<Integer>>) loader.call(GENERATORS, "nested",
                Future.ready(100));
        assertEquals(List.of(102, 104), StreamDriver.of(nested.get()).drain());
    }

    @Test
    void an_async_method_should_read_a_generator_with_await_next() {
        ManualFuture<Void> tick = new ManualFuture<>();
        Object countdown = loader.call(GENERATORS, "countdown", 3, (Supplier<Future<Void>>) () -> tick);
        Driver<Integer> sum = Driver.of(loader.call(GENERATORS, "sum", countdown));
        sum.assertPending();
        tick.complete(null);
        sum.assertReady(6);
    }

    @Test
    void next_should_return_one_future_per_generator() {
        AsyncStream<?> stream = (AsyncStream<?>) loader.call(GENERATORS, "many", 3);
        assertSame(stream.next(), stream.next());
    }

    @Test
    void cancel_at_each_suspension_point_should_run_finally_blocks_innermost_first() {
        List<String> expected3 = List.of("finally 3", "finally 2", "finally 1");
        List<String> expected2 = List.of("finally 2", "finally 1");
        List<String> expected1 = List.of("finally 1");
        // Suspension points, in order: emit one, await, emit f's value, emit three.
        for (int point = 1; point <= 4; point++) {
            ManualFuture<String> f = new ManualFuture<>();
            List<String> log = new ArrayList<>();
            StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "nestedFinally", f, log));
            stream.assertItem("one");
            if (point >= 2) {
                stream.assertPending();
            }
            if (point >= 3) {
                f.complete("two");
                stream.assertItem("two");
            }
            if (point >= 4) {
                stream.assertItem("three");
            }
            assertTrue(log.isEmpty(), log::toString);
            stream.stream().cancel();
            assertEquals(point == 4 ? expected3 : point >= 2 ? expected2 : expected1, log, "cancelled at point " + point);
            assertEquals(point == 2 ? 1 : 0, f.cancels(), "the awaited future is cancelled at point 2 only");
            stream.assertEnd();
            stream.stream().cancel();
            assertEquals(point == 4 ? expected3 : point >= 2 ? expected2 : expected1, log, "a second cancel is harmless");
        }
    }

    @Test
    void try_with_resources_should_close_at_the_end_and_when_cancelled_at_an_emit() {
        List<String> log = new ArrayList<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "withResource", log, Future.ready("x")));
        assertEquals(List.of("opened", "x!"), stream.drain());
        assertEquals(List.of("closed"), log);

        List<String> cancelledLog = new ArrayList<>();
        StreamDriver<String> cancelled = StreamDriver.of(loader.call(GENERATORS, "withResource", cancelledLog,
                new ManualFuture<String>()));
        cancelled.assertItem("opened");
        cancelled.stream().cancel();
        assertEquals(List.of("closed"), cancelledLog, "Cancelled is an Error: catch (Exception) lets it through");
        cancelled.assertEnd();
    }

    @Test
    void instance_and_interface_default_generators_should_use_their_receiver() throws Exception {
        Object generators = newInstance(">");
        assertEquals(List.of(">a", ">b"), StreamDriver.of(TransformingClassLoader.invoke(generators.getClass(),
                generators, "prefixed", List.of("a", "b"))).drain());
        Class<?> repeater = loader.load(GENERATORS + "$Repeater");
        Object twice = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {repeater},
                (proxy, method, args) -> method.isDefault()
                        ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args) : 2);
        assertEquals(List.of("x0", "x1"), StreamDriver.of(TransformingClassLoader.invoke(repeater, twice, "repeat", "x"))
                .drain());
    }

    @Test
    void cancel_should_throw_cancelled_at_an_emit_reached_while_unwinding() {
        List<String> log = new ArrayList<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "emitInFinally", log));
        stream.assertItem("first");
        stream.stream().cancel();
        assertEquals(List.of("finally"), log);
        stream.assertEnd();
    }

    @Test
    void cancel_before_the_first_poll_should_end_the_stream_without_running_the_body() {
        List<String> log = new ArrayList<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "emitInFinally", log));
        stream.stream().cancel();
        stream.assertEnd();
        assertTrue(log.isEmpty());
    }

    @Test
    void cancel_while_delegating_should_cancel_the_delegate() {
        ManualFuture<String> f = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        AsyncStream<?> inner = (AsyncStream<?>) loader.call(GENERATORS, "nestedFinally", f, log);
        StreamDriver<Object> stream = StreamDriver.of(loader.call(GENERATORS, "delegate", inner));
        stream.assertItem(0);
        stream.assertItem("one");
        stream.stream().cancel();
        assertEquals(List.of("finally 1"), log);
        stream.assertEnd();
    }

    @Test
    void a_failure_should_be_thrown_once_then_the_stream_is_fused() {
        ManualFuture<String> failing = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        StreamDriver<String> stream = StreamDriver.of(loader.call(GENERATORS, "tryFinally",
                Future.failed(new UnsupportedOperationException("no")), failing, log));
        stream.assertItem("before");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, stream::poll);
        assertEquals("no", e.getMessage());
        assertEquals(List.of("inner finally", "outer finally"), log);
        stream.assertEnd();
    }

    @Test
    void generated_classes_should_extend_the_generator_machine_and_name_the_source() throws Exception {
        TransformResult result = loader.result("io/ferrite/transformer/fixtures/Generators");
        assertFalse(result.hasErrors(), result.diagnostics()::toString);
        Class<?> machine = Class.forName("io.ferrite.transformer.fixtures.Generators$countdown$Async", true, loader);
        assertEquals("io.ferrite.internal.AsyncGeneratorMachine", machine.getSuperclass().getName());
        AsyncStream<?> stream = (AsyncStream<?>) loader.call(GENERATORS, "many", 1);
        assertNotNull(stream.toString());
        assertTrue(stream.toString().contains("Generators$many$Async"), stream.toString());
    }

    private Object newInstance(String prefix) throws Exception {
        var constructor = loader.load(GENERATORS).getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        return constructor.newInstance(prefix);
    }
}

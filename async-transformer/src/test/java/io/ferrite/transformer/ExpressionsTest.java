package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.Source;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    private static final String EXPRESSIONS = "io.ferrite.transformer.fixtures.Expressions";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void ternary_should_never_poll_the_untaken_branch() {
        ManualFuture<Integer> ifTrue = new ManualFuture<>();
        ManualFuture<Integer> ifFalse = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(EXPRESSIONS, "ternary", true, ifTrue, ifFalse));
        driver.assertPending();
        ifTrue.complete(1);
        driver.assertReady(1);
        assertEquals(0, ifFalse.polls());
    }

    @Test
    void and_should_not_poll_right_side_when_left_is_false() {
        ManualFuture<Boolean> right = new ManualFuture<>();
        Driver.of(loader.call(EXPRESSIONS, "and", false, right)).assertReady(false);
        assertEquals(0, right.polls());
        Driver<Boolean> driver = Driver.of(loader.call(EXPRESSIONS, "and", true, right));
        driver.assertPending();
        right.complete(true);
        driver.assertReady(true);
    }

    @Test
    void or_should_not_poll_right_side_when_left_is_true() {
        ManualFuture<Boolean> right = new ManualFuture<>();
        Driver.of(loader.call(EXPRESSIONS, "or", true, right)).assertReady(true);
        assertEquals(0, right.polls());
    }

    @Test
    void chained_should_poll_only_what_short_circuit_evaluation_reaches() {
        ManualFuture<Boolean> b = new ManualFuture<>();
        ManualFuture<Boolean> c = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "chained", Future.ready(true), b, c));
        driver.assertPending();
        b.complete(true);
        driver.assertReady("yes");
        assertEquals(0, c.polls());
    }

    @Test
    void arrays_should_apply_compound_assignments_to_elements_across_suspensions() {
        int[] ints = {0, 5, 0};
        long[] longs = {0, 3};
        double[] doubles = {0, 1.5};
        String[] strings = {"", "s"};
        Source<Integer> source = new Source<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "arrays", ints, longs, doubles, strings, 1,
                new SourceFuture(source)));
        String result = source.drive(driver, 2, 4, 8, 16, 32);
        // ints[1] = 5 + 2 = 7; longs[1] = 3 * 4; doubles[1] = 1.5 - 8; strings[1] = "s16";
        // ints[2] = ints[1]++ + 32 = 7 + 32 with ints[1] then 8
        assertEquals("8,39,12,-6.5,s16", result);
    }

    @Test
    void fields_should_apply_compound_assignments_to_instance_fields() throws Exception {
        Class<?> type = loader.load(EXPRESSIONS);
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        Source<Integer> source = new Source<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(type, instance, "fields",
                new SourceFuture(source)));
        assertEquals("3,2.5,7", source.drive(driver, 3, 5, 7));
    }

    @Test
    void statics_should_apply_compound_assignments_to_static_fields() {
        Source<Integer> source = new Source<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "statics", new SourceFuture(source)));
        assertEquals("24,-5", source.drive(driver, 3, 5, 3));
    }

    @Test
    void concatenation_should_keep_earlier_operands_across_suspensions() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "concatenation", "pre", a, b));
        driver.assertPending();
        a.complete("A");
        driver.assertPending();
        b.complete(2);
        driver.assertReady("pre:A:2:3");
    }

    @Test
    void arguments_should_evaluate_nested_call_arguments_in_order() {
        Source<Integer> source = new Source<>();
        Driver<Integer> driver = Driver.of(loader.call(EXPRESSIONS, "arguments", new SourceFuture(source),
                new SourceFuture(source)));
        // max(a=5, min(b=50, 100)) + sum(a=7, 1)
        assertEquals(58, (int) source.drive(driver, 5, 50, 7));
    }

    @Test
    void increments_should_apply_side_effects_before_suspension() {
        Source<Integer> source = new Source<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "increments", new SourceFuture(source)));
        // a = 0 + 10; i = 1 then ++i = 2, b = 2 * 20; i += 30
        assertEquals("10,40,32", source.drive(driver, 10, 20, 30));
    }

    @Test
    void nestedAwait_should_await_the_future_an_await_returned() {
        ManualFuture<Future<String>> outer = new ManualFuture<>();
        ManualFuture<String> inner = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXPRESSIONS, "nestedAwait", outer));
        driver.assertPending();
        outer.complete(inner);
        driver.assertPending();
        inner.complete("x");
        driver.assertReady("got x");
    }

    /** A future that asks a source for a new pending future at each await (each poll of a fresh await). */
    static final class SourceFuture implements Future<Integer> {
        private final Source<Integer> source;
        private Future<Integer> current;

        SourceFuture(Source<Integer> source) {
            this.source = source;
        }

        @Override
        public io.ferrite.Poll<Integer> poll(io.ferrite.Context cx) {
            if (current == null) {
                current = source.next();
            }
            io.ferrite.Poll<Integer> poll = current.poll(cx);
            if (poll.isReady()) {
                current = null;
            }
            return poll;
        }
    }
}

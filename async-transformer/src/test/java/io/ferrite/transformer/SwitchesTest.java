package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchesTest {

    private static final String SWITCHES = "io.ferrite.transformer.fixtures.Switches";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    /** The fixture's enum constant, from the transforming loader. */
    private Object color(String name) {
        Class<?> type = loader.load(SWITCHES + "$Color");
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void oldInt_should_fall_through_into_case_that_awaits() {
        ManualFuture<Integer> selector = new ManualFuture<>();
        ManualFuture<String> name = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        Driver<String> driver = Driver.of(loader.call(SWITCHES, "oldInt", selector, name, log));
        driver.assertPending();
        selector.complete(1);
        driver.assertPending();
        name.complete("n");
        driver.assertReady("one,two or after one: n");
    }

    @Test
    void oldInt_should_return_from_case_and_take_default() {
        Driver<String> early = Driver.of(loader.call(SWITCHES, "oldInt", Future.ready(100), Future.ready("x"),
                new ArrayList<>()));
        early.assertReady("early");
        Driver<String> other = Driver.of(loader.call(SWITCHES, "oldInt", Future.ready(7), Future.ready("x"),
                new ArrayList<>()));
        other.assertReady("default");
    }

    @Test
    void oldString_should_dispatch_on_awaited_string() {
        ManualFuture<String> selector = new ManualFuture<>();
        ManualFuture<Integer> value = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(SWITCHES, "oldString", selector, value));
        driver.assertPending();
        selector.complete("sub");
        driver.assertPending();
        value.complete(3);
        driver.assertReady(7);
        Driver.of(loader.call(SWITCHES, "oldString", Future.ready("nope"), value)).assertReady(-1);
    }

    @Test
    void oldEnum_should_dispatch_on_awaited_enum() {
        ManualFuture<String> suffix = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(SWITCHES, "oldEnum", Future.ready(color("RED")), suffix));
        driver.assertPending();
        suffix.complete("!");
        driver.assertReady("red!");
        Driver.of(loader.call(SWITCHES, "oldEnum", Future.ready(color("GREEN")), suffix)).assertReady("green");
        Driver.of(loader.call(SWITCHES, "oldEnum", Future.ready(color("BLUE")), Future.ready("?")))
                .assertReady("other?");
    }

    @Test
    void arrowStatement_should_run_only_the_matching_arm() {
        ManualFuture<String> value = new ManualFuture<>();
        List<String> log = new ArrayList<>();
        Driver<String> driver = Driver.of(loader.call(SWITCHES, "arrowStatement", Future.ready(3), value, log));
        driver.assertPending();
        value.complete("v");
        driver.assertReady("three v");
        Driver.of(loader.call(SWITCHES, "arrowStatement", Future.ready(2), Future.ready("w"), new ArrayList<>()))
                .assertReady("small w");
    }

    @Test
    void expressionWithYield_should_keep_operand_on_stack_across_awaits_in_arms() {
        ManualFuture<Integer> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(SWITCHES, "expressionWithYield", Future.ready("ab"), a, b));
        driver.assertPending();
        a.complete(1);
        driver.assertPending();
        b.complete(2);
        driver.assertReady(1003);
        Driver.of(loader.call(SWITCHES, "expressionWithYield", Future.ready("b"), a, Future.ready(21)))
                .assertReady(1042);
        Driver.of(loader.call(SWITCHES, "expressionWithYield", Future.ready("z"), a, b)).assertReady(999);
    }

    @Test
    void enumExpression_should_yield_from_block_arm_after_await() {
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(SWITCHES, "enumExpression", Future.ready(color("BLUE")), value));
        driver.assertPending();
        value.complete("x");
        driver.assertReady("b:X");
        Driver.of(loader.call(SWITCHES, "enumExpression", Future.ready(color("GREEN")), value)).assertReady("g");
    }

    @Test
    void oldStyleExpression_should_yield_awaited_values() {
        ManualFuture<Integer> value = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(SWITCHES, "oldStyleExpression", 2, value));
        driver.assertPending();
        value.complete(21);
        driver.assertReady(42);
        Driver.of(loader.call(SWITCHES, "oldStyleExpression", 1, Future.ready(5))).assertReady(5);
        Driver.of(loader.call(SWITCHES, "oldStyleExpression", 3, value)).assertReady(0);
    }
}

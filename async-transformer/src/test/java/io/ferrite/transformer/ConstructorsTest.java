package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstructorsTest {

    private static final String CONSTRUCTORS = "io.ferrite.transformer.fixtures.Constructors";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void pair_should_construct_after_both_arguments_suspend() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<String> b = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "pair", a, b));
        driver.assertPending();
        a.complete("A");
        driver.assertPending();
        b.complete("B");
        driver.assertReady("(A, B)");
    }

    @Test
    void nested_should_keep_evaluation_order_of_nested_constructor_arguments() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<String> b = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "nested", "xy", a, b));
        driver.assertPending();
        a.complete("A");
        driver.assertPending();
        b.complete("B");
        driver.assertReady("((xy, A), (B, 2))");
    }

    @Test
    void builder_should_use_constructed_object_as_receiver() {
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "builder", ManualFuture.completed("ab"),
                Future.ready(7)));
        driver.assertReady("7/ba");
    }

    @Test
    void wideArguments_should_keep_long_and_double_arguments_across_suspension() {
        ManualFuture<Double> d = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "wideArguments", 1L << 40, d, 3));
        driver.assertPending();
        d.complete(0.25);
        driver.assertReady("(1099511627776, (0.25, 3.5))");
    }

    @Test
    void initOrder_should_initialise_class_after_awaited_argument() {
        List<String> log = staticLog();
        log.clear();
        ManualFuture<String> a = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "initOrder", a));
        driver.assertPending();
        assertEquals(List.of("before"), log);
        a.complete("v");
        driver.assertReady("v");
        assertEquals(List.of("before", "Initialised.<clinit>"), log);
    }

    @Test
    void conditional_should_construct_with_awaits_on_either_branch() {
        ManualFuture<String> b = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(CONSTRUCTORS, "conditional", false, Future.ready("a"), b));
        driver.assertPending();
        b.complete("B");
        driver.assertReady("(no, B)");
        Driver.of(loader.call(CONSTRUCTORS, "conditional", true, Future.ready("a"), b)).assertReady("(a, yes)");
    }

    @SuppressWarnings("unchecked")
    private List<String> staticLog() {
        try {
            return (List<String>) loader.load(CONSTRUCTORS).getField("LOG").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

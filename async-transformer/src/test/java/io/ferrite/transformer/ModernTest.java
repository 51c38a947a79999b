package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

class ModernTest {

    private static final String MODERN = "io.ferrite.transformer.fixtures.Modern";
    private static final String POINT = MODERN + "$Point";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private Object point(int x, int y) throws Exception {
        Constructor<?> constructor = loader.load(POINT).getDeclaredConstructor(int.class, int.class);
        constructor.setAccessible(true);
        return constructor.newInstance(x, y);
    }

    @Test
    void pattern_should_keep_binding_across_await_in_condition() {
        ManualFuture<Integer> limit = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(MODERN, "pattern", "abc", limit));
        driver.assertPending();
        limit.complete(5);
        driver.assertReady("short string abc");
        Driver.of(loader.call(MODERN, "pattern", 3, Future.ready(2))).assertReady("big int");
        Driver.of(loader.call(MODERN, "pattern", 1.0, Future.ready(2))).assertReady("other");
    }

    @Test
    void textBlock_should_format_with_awaited_value() {
        ManualFuture<String> name = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(MODERN, "textBlock", name));
        driver.assertPending();
        name.complete("Ada");
        driver.assertReady("Hello, Ada!\nBye.");
    }

    @Test
    void vars_should_work_with_inferred_local_types() {
        ManualFuture<Integer> a = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(MODERN, "vars", a));
        driver.assertPending();
        a.complete(10);
        driver.assertReady(10 + 10 + 11 + 12);
    }

    @Test
    void record_methods_should_run_as_state_machines() throws Exception {
        ManualFuture<Object> b = new ManualFuture<>();
        Driver<Object> driver = Driver.of(loader.call(MODERN, "records", Future.ready(point(1, 2)), b));
        driver.assertPending();
        b.complete(point(3, 4));
        assertEquals(point(40, 60), driver.assertReady());
        Driver<Object> origin = Driver.of(TransformingClassLoader.invoke(loader.load(POINT), null, "origin",
                Future.ready(7)));
        assertEquals(point(7, 0), origin.assertReady());
    }
}

package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/** Pattern switches and record patterns (compiled only on JDK 21+). */
class PatternsTest {

    private static final String PATTERNS = "io.ferrite.transformer.fixtures.Patterns";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private Object record(String name, Object... arguments) throws Exception {
        Constructor<?> constructor = loader.load(PATTERNS + "$" + name).getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }

    @Test
    void describe_should_await_in_guard_and_fall_to_next_case_when_guard_fails() {
        ManualFuture<Integer> limit = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(PATTERNS, "describe", Future.ready(5), limit));
        driver.assertPending();
        limit.complete(10);
        driver.assertReady("int 5");
        Driver.of(loader.call(PATTERNS, "describe", Future.ready(50), Future.ready(10))).assertReady("big int 50");
        Driver.of(loader.call(PATTERNS, "describe", Future.ready("s"), Future.ready(1))).assertReady("string s1");
        Driver.of(loader.call(PATTERNS, "describe", Future.ready(null), limit)).assertReady("null");
        Driver.of(loader.call(PATTERNS, "describe", Future.ready(2.5), limit)).assertReady("other 2.5");
    }

    @Test
    void area_should_deconstruct_records_and_await_in_arms() throws Exception {
        ManualFuture<Double> scale = new ManualFuture<>();
        Driver<Double> driver = Driver.of(loader.call(PATTERNS, "area", Future.ready(record("Square", 3.0)), scale));
        driver.assertPending();
        scale.complete(2.0);
        driver.assertReady(18.0);
        Driver.of(loader.call(PATTERNS, "area", Future.ready(record("Circle", 1.0)), Future.ready(3.0)))
                .assertReady(3.0);
    }

    @Test
    void nested_should_keep_pattern_bindings_across_await() throws Exception {
        ManualFuture<String> suffix = new ManualFuture<>();
        Object value = record("Pair", "ab", record("Pair", 2, "!"));
        Driver<String> driver = Driver.of(loader.call(PATTERNS, "nested", value, suffix));
        driver.assertPending();
        suffix.complete("?");
        driver.assertReady("abab!?");
        Driver.of(loader.call(PATTERNS, "nested", "plain", suffix)).assertReady("no match");
    }
}

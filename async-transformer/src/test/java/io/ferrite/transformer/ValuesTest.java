package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final String VALUES = "io.ferrite.transformer.fixtures.Values";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    @Test
    void locals_should_restore_every_primitive_type_and_arrays() {
        ManualFuture<Integer> f = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(VALUES, "locals", f));
        driver.assertPending();
        f.complete(9);
        driver.assertReady("true -7 q 30000 123456789 1099511627776 1.5 3.141592653589793 [1, 2] 3 s 9");
    }

    @Test
    void stack_should_restore_every_primitive_type_beneath_the_await() {
        ManualFuture<Integer> f = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(VALUES, "stack", f));
        driver.assertPending();
        f.complete(11);
        driver.assertReady("false 1 x 2 3 4 5.5 6.25 7 str 11");
    }

    @Test
    void arithmetic_should_keep_wide_values_beneath_awaits() {
        ManualFuture<Long> fl = new ManualFuture<>();
        ManualFuture<Double> fd = new ManualFuture<>();
        Driver<Double> driver = Driver.of(loader.call(VALUES, "arithmetic", 3L, 0.5, fl, fd));
        driver.assertPending();
        fl.complete(5L);
        driver.assertPending();
        fd.complete(4.0);
        // a = 3*5+3 = 18; b = 0.5 + 4*0.5 = 2.5; 18 + 2.5 + 5*4 = 40.5
        driver.assertReady(40.5);
    }

    @Test
    void nullLocal_should_restore_null_typed_locals_without_fields() {
        ManualFuture<String> f = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(VALUES, "nullLocal", f));
        driver.assertPending();
        f.complete("v");
        driver.assertReady("vtruetrue");
    }

    @Test
    void nullOnStack_should_restore_null_constant_beneath_await() {
        ManualFuture<String> f = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(VALUES, "nullOnStack", f));
        driver.assertPending();
        f.complete("v");
        driver.assertReady("null/v");
    }

    @Test
    void unassignedOnSomePaths_should_handle_variables_defined_on_one_branch() {
        ManualFuture<Integer> f = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(VALUES, "unassignedOnSomePaths", true, f));
        driver.assertPending();
        f.complete(5);
        driver.assertReady(15);
        ManualFuture<Integer> g = new ManualFuture<>();
        Driver<Integer> other = Driver.of(loader.call(VALUES, "unassignedOnSomePaths", false, g));
        other.assertPending();
        g.complete(5);
        other.assertReady(-5);
    }

    @Test
    void mergedTypes_should_restore_values_of_merged_types() {
        for (boolean flag : new boolean[] {true, false}) {
            ManualFuture<Integer> f = new ManualFuture<>();
            Driver<String> driver = Driver.of(loader.call(VALUES, "mergedTypes", flag, f));
            driver.assertPending();
            f.complete(1);
            driver.assertReady(flag ? "7:1:ArrayList" : "8:2:LinkedList");
        }
    }

    @Test
    void loopScopes_should_restore_values_declared_inside_the_loop() {
        ManualFuture<Integer> f = ManualFuture.completed(1);
        Driver.of(loader.call(VALUES, "loopScopes", f)).assertReady(303);
        assertEquals(3, f.polls());
    }

    @Test
    void manyLocals_should_save_more_than_255_slots() {
        ManualFuture<Integer> f = new ManualFuture<>();
        Driver<Long> driver = Driver.of(loader.call("io.ferrite.transformer.fixtures.Large", "manyLocals", f));
        driver.assertPending();
        f.complete(1000);
        long expected = 1000 + (149L * 150 / 2) + (10 * 2 + 10 * 3);
        driver.assertReady(expected);
    }

    @Test
    void manyAwaits_should_suspend_and_resume_at_each_of_300_awaits() {
        Future<Integer> reusable = new Future<>() {
            private boolean pending = true;

            @Override
            public io.ferrite.Poll<Integer> poll(io.ferrite.Context cx) {
                pending = !pending;
                if (!pending) {
                    cx.waker().wake();
                    return io.ferrite.Poll.pending();
                }
                return io.ferrite.Poll.ready(2);
            }
        };
        Driver<Integer> driver = Driver.of(loader.call("io.ferrite.transformer.fixtures.Large", "manyAwaits", reusable));
        for (int i = 0; i < 300; i++) {
            driver.assertPending();
        }
        driver.assertReady(600);
        assertEquals(300, driver.wakes());
    }
}

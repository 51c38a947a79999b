package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LambdasTest {

    private static final String LAMBDAS = "io.ferrite.transformer.fixtures.Lambdas";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    /** Calls the fixture's AsyncFunction. */
    private static Object apply(Object function, Object input) {
        return TransformingClassLoader.invoke(function.getClass(), function, "apply", input);
    }

    @Test
    void async_lambda_should_be_lazy_and_resume_with_captured_values() {
        List<String> log = new ArrayList<>();
        Object plus = loader.call(LAMBDAS, "plus", 5, log);
        ManualFuture<Integer> f = new ManualFuture<>();
        Object future = apply(plus, f);
        assertTrue(log.isEmpty(), "the lambda body runs at the first poll");
        Driver<Integer> driver = Driver.of(future);
        driver.assertPending();
        assertEquals(List.of("lambda ran"), log);
        f.complete(10);
        driver.assertReady(15);
        assertEquals(LAMBDAS + "$lambda$plus$0$Async", future.getClass().getName());
    }

    @Test
    void async_lambda_should_capture_this_and_call_private_methods() throws Exception {
        Constructor<?> constructor = loader.load(LAMBDAS).getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Object lambdas = constructor.newInstance("T");
        Object tagger = TransformingClassLoader.invoke(lambdas.getClass(), lambdas, "tagger");
        ManualFuture<String> f = new ManualFuture<>();
        Driver<String> driver = Driver.of(apply(tagger, f));
        driver.assertPending();
        f.complete("x");
        driver.assertReady("T:x");
    }

    @Test
    @SuppressWarnings("unchecked")
    void supplier_of_future_should_be_an_async_lambda() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<String> b = new ManualFuture<>();
        Supplier<Future<String>> supplier = (Supplier<Future<String>>) loader.call(LAMBDAS, "supplier", a, b);
        Driver<String> driver = Driver.of(supplier.get());
        driver.assertPending();
        a.complete("a");
        driver.assertPending();
        b.complete("b");
        driver.assertReady("ab");
        Driver<String> second = Driver.of(supplier.get());
        second.assertReady("ab");
    }

    @Test
    void insideAsync_should_await_an_async_lambda_created_in_the_body() {
        ManualFuture<Integer> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(LAMBDAS, "insideAsync", a, b));
        driver.assertPending();
        a.complete(1);
        driver.assertPending();
        b.complete(2);
        driver.assertReady(6);
    }

    @Test
    void async_lambda_in_dead_code_should_transform_without_error_and_never_run() {
        ManualFuture<Integer> x = new ManualFuture<>();
        Driver.of(loader.call(LAMBDAS, "deadLambda", x)).assertReady(0);
        assertEquals(0, x.polls());
    }

    @Test
    @SuppressWarnings("unchecked")
    void lambda_tail_should_complete_with_returned_future() {
        ManualFuture<String> other = new ManualFuture<>();
        Function<Future<Boolean>, Future<String>> tail =
                (Function<Future<Boolean>, Future<String>>) loader.call(LAMBDAS, "tail", other);
        Driver<String> driver = Driver.of(tail.apply(Future.ready(true)));
        driver.assertPending();
        other.complete("other");
        driver.assertReady("other");
        Driver.of(tail.apply(Future.ready(false))).assertReady("own");
    }

    @Test
    void plain_lambda_in_async_method_should_stay_a_plain_lambda() {
        ManualFuture<List<Integer>> values = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(LAMBDAS, "plainLambda", values));
        driver.assertPending();
        values.complete(List.of(1, 2, 3));
        driver.assertReady(12);
        TransformResult result = loader.result("io/ferrite/transformer/fixtures/Lambdas");
        assertEquals(9, result.transformedMethods());  // includes deadLambda and its lambda
    }
}

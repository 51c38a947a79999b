package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodsTest {

    private static final String METHODS = "io.ferrite.transformer.fixtures.Methods";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private Object instance(String name) throws Exception {
        Constructor<?> constructor = loader.load(METHODS).getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        return constructor.newInstance(name);
    }

    @Test
    void fibonacci_should_recurse_through_awaited_calls() {
        Future<Integer> tick = new Future<>() {
            private int polls;

            @Override
            public io.ferrite.Poll<Integer> poll(io.ferrite.Context cx) {
                if (polls++ % 2 == 0) {
                    cx.waker().wake();
                    return io.ferrite.Poll.pending();
                }
                return io.ferrite.Poll.ready(0);
            }
        };
        Driver<Integer> driver = Driver.of(loader.call(METHODS, "fibonacci", 10, tick));
        int pending = 0;
        while (driver.poll().isPending()) {
            pending++;
        }
        assertTrue(pending > 10, "expected many suspensions, got " + pending);
        Driver<Integer> again = Driver.of(loader.call(METHODS, "fibonacci", 10, Future.ready(0)));
        again.assertReady(55);
    }

    @Test
    void instance_should_read_receiver_fields_and_private_methods() throws Exception {
        Object methods = instance("m");
        ManualFuture<String> suffix = new ManualFuture<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(methods.getClass(), methods, "instance",
                suffix));
        driver.assertPending();
        suffix.complete("-");
        driver.assertReady("m-1#");
    }

    @Test
    void callsPrivate_should_await_a_private_async_method() throws Exception {
        Object methods = instance("p");
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(methods.getClass(), methods, "callsPrivate",
                value));
        driver.assertPending();
        value.complete("v");
        driver.assertReady("private v p#");
    }

    @Test
    void max_should_work_with_generic_type_parameters() {
        ManualFuture<String> b = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(METHODS, "max", Future.ready("apple"), b));
        driver.assertPending();
        b.complete("pear");
        driver.assertReady("pear");
    }

    @Test
    void varargs_should_iterate_the_array_parameter() {
        ManualFuture<Integer> b = new ManualFuture<>();
        Driver<Integer> driver = Driver.of(loader.call(METHODS, "varargs", 100,
                new Future<?>[] {Future.ready(1), b, Future.ready(3)}));
        driver.assertPending();
        b.complete(2);
        driver.assertReady(106);
    }

    @Test
    void overloaded_methods_should_get_distinct_state_machines() throws Exception {
        Class<?> type = loader.load(METHODS);
        Object one = accessible(type.getDeclaredMethod("overloaded", Future.class)).invoke(null, Future.ready("a"));
        Object two = accessible(type.getDeclaredMethod("overloaded", Future.class, int.class))
                .invoke(null, Future.ready("b"), 2);
        Object list = accessible(type.getDeclaredMethod("overloaded", List.class))
                .invoke(null, List.of(Future.ready("c")));
        assertEquals("one a", Driver.of(one).assertReady());
        assertEquals("two bb", Driver.of(two).assertReady());
        assertEquals("list c", Driver.of(list).assertReady());
        assertEquals(METHODS + "$overloaded$Async", one.getClass().getName());
        assertEquals(METHODS + "$overloaded$1$Async", two.getClass().getName());
        assertEquals(METHODS + "$overloaded$2$Async", list.getClass().getName());
    }

    private static java.lang.reflect.Method accessible(java.lang.reflect.Method method) {
        method.setAccessible(true);
        return method;
    }

    @Test
    void tail_should_delegate_to_returned_future_until_it_completes() {
        ManualFuture<String> other = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(METHODS, "tail", Future.ready(true), other));
        driver.assertPending();
        driver.assertPending();
        assertEquals(2, other.polls());
        other.complete("tail value");
        assertEquals(1, driver.wakes());
        driver.assertReady("tail value");
        Driver.of(loader.call(METHODS, "tail", Future.ready(false), other)).assertReady("own");
    }

    @Test
    void noAwait_should_still_be_lazy() {
        List<String> log = new ArrayList<>();
        Object future = loader.call(METHODS, "noAwait", log);
        assertTrue(log.isEmpty());
        Driver.of(future).assertReady("done");
        assertEquals(List.of("ran"), log);
    }

    @Test
    void unusedParameter_should_not_be_kept_by_the_state_machine() {
        Object future = loader.call(METHODS, "unusedParameter", new Object(), Future.ready(4));
        assertEquals(1, future.getClass().getDeclaredConstructors()[0].getParameterCount());
        assertEquals(4, Driver.of(future).assertReady());
    }

    @Test
    void returnsNull_should_fail_with_message_naming_the_fix() {
        Driver<String> driver = Driver.of(loader.call(METHODS, "returnsNull", Future.ready("x")));
        NullPointerException e = assertThrows(NullPointerException.class, driver::poll);
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("Future.ready(null)"), e.getMessage());
    }
}

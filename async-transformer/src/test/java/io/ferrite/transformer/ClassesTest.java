package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClassesTest {

    private static final String CLASSES = "io.ferrite.transformer.fixtures.Classes";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private Object create(String className, Class<?>[] types, Object... arguments) throws Exception {
        Constructor<?> constructor = loader.load(className).getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }

    private Object classes() throws Exception {
        return create(CLASSES, new Class<?>[] {String.class}, "pre:");
    }

    private static Object call(Object receiver, String method, Object... arguments) {
        return TransformingClassLoader.invoke(receiver.getClass(), receiver, method, arguments);
    }

    @Test
    void nested_class_should_call_private_static_method_of_its_host() throws Exception {
        Object nested = create(CLASSES + "$Nested", new Class<?>[0]);
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(call(nested, "run", value));
        driver.assertPending();
        value.complete("hi");
        driver.assertReady("HI1");
    }

    @Test
    void inner_class_should_read_private_field_of_outer_instance() throws Exception {
        Object inner = call(classes(), "inner");
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(call(inner, "run", value));
        driver.assertPending();
        value.complete("x");
        driver.assertReady("pre:x");
    }

    @Test
    void local_class_should_run_async_method_capturing_outer_instance() throws Exception {
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(call(classes(), "local", value));
        driver.assertPending();
        value.complete("v");
        driver.assertReady("local:vpre:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anonymous_class_should_run_async_method() {
        List<String> log = new ArrayList<>();
        Function<Future<String>, Future<String>> function =
                (Function<Future<String>, Future<String>>) loader.call(CLASSES, "anonymous", log);
        ManualFuture<String> value = new ManualFuture<>();
        Future<String> future = function.apply(value);
        assertTrue(log.isEmpty(), "lazy");
        Driver<String> driver = Driver.of(future);
        driver.assertPending();
        value.complete("a");
        driver.assertReady("anon a");
    }

    @Test
    void enum_constant_bodies_should_run_their_async_methods() {
        Class<?> operation = loader.load(CLASSES + "$Operation");
        Object[] constants = operation.getEnumConstants();
        ManualFuture<Integer> a = new ManualFuture<>();
        Driver<Integer> plus = Driver.of(TransformingClassLoader.invoke(operation, constants[0], "apply", a, 2));
        plus.assertPending();
        a.complete(5);
        plus.assertReady(7);
        Driver.of(TransformingClassLoader.invoke(operation, constants[1], "apply", Future.ready(5), 3)).assertReady(15);
    }

    @Test
    void interface_default_and_static_methods_should_run_as_state_machines() {
        Class<?> greeter = loader.load(CLASSES + "$Greeter");
        Object instance = proxy(greeter, "Bob");
        ManualFuture<String> greeting = new ManualFuture<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(greeter, null, "twice", instance, greeting));
        driver.assertPending();
        greeting.complete("hello");
        driver.assertReady("<hello> Bob!");
    }

    @Test
    void interface_super_call_should_reach_the_superinterface_default() {
        Class<?> loud = loader.load(CLASSES + "$LoudGreeter");
        Object instance = proxy(loud, "Ann");
        ManualFuture<String> greeting = new ManualFuture<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(loud, instance, "greet", greeting));
        driver.assertPending();
        greeting.complete("hey");
        driver.assertReady("<HEY> ANN");
    }

    @Test
    void super_calls_should_reach_the_superclass_methods_through_accessors() throws Exception {
        Object derived = create(CLASSES + "$Derived", new Class<?>[0]);
        ManualFuture<Integer> factor = new ManualFuture<>();
        Driver<String> driver = Driver.of(call(derived, "both", factor));
        driver.assertPending();
        factor.complete(3);
        driver.assertReady("derived/base/30");
    }

    @Test
    void bridge_method_should_call_the_transformed_method_and_get_no_state_machine() throws Exception {
        Object doubler = create(CLASSES + "$Doubler", new Class<?>[0]);
        Method bridge = null;
        for (Method method : doubler.getClass().getDeclaredMethods()) {
            if (method.isBridge()) {
                bridge = method;
            }
        }
        bridge.setAccessible(true);
        Driver<Integer> driver = Driver.of(bridge.invoke(doubler, 21));
        driver.assertReady(42);
        assertEquals(java.util.Set.of("io/ferrite/transformer/fixtures/Classes$Doubler$apply$Async"),
                loader.result("io/ferrite/transformer/fixtures/Classes$Doubler").generatedClasses().keySet());
    }

    /** Implements a fixture interface: name() returns the name, default methods run as written. */
    private Object proxy(Class<?> type, String name) {
        InvocationHandler handler = (Object self, Method method, Object[] arguments) -> {
            if (method.getName().equals("name")) {
                return name;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(self, method, arguments);
            }
            throw new UnsupportedOperationException(method.toString());
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler);
    }
}

package io.ferrite.transformer;

import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

class ProtectedTest {

    private static final String PROTECTED = "io.ferrite.transformer.fixtures.Protected";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private Object instance() throws Exception {
        Constructor<?> constructor = loader.load(PROTECTED).getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    @Test
    void protected_members_of_a_superclass_in_another_package_should_be_reachable() throws Exception {
        Object owner = instance();
        ManualFuture<String> value = new ManualFuture<>();
        Driver<String> driver = Driver.of(TransformingClassLoader.invoke(owner.getClass(), owner, "useAll", value));
        driver.assertPending();
        value.complete("abc");
        driver.assertReady("hook(abc) helper3 banner! 3");
    }

    @Test
    void object_clone_should_be_reachable() throws Exception {
        Object owner = instance();
        Driver<Boolean> driver = Driver.of(TransformingClassLoader.invoke(owner.getClass(), owner, "copy",
                ManualFuture.completed("x")));
        driver.assertReady(true);
    }
}

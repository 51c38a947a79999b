package io.ferrite.transformer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class InitializerFailureTest {

    /** A class with a static initializer of its own. */
    public static class WithInitializer {
        static final StringBuilder LOG = new StringBuilder("initialised");

        public static String log() {
            return LOG.toString();
        }
    }

    /** A class without a static initializer. */
    public static class WithoutInitializer {
        public static String hello() {
            return "hello";
        }
    }

    @Test
    void replace_should_make_initialisation_throw_the_message_when_the_class_is_first_used() throws Exception {
        Class<?> replaced = defineReplaced(WithInitializer.class, "ferrite: Victim.java:[7] no");

        ExceptionInInitializerError error = assertThrows(ExceptionInInitializerError.class,
                () -> replaced.getMethod("log").invoke(null), "the public method is kept, the initializer throws");

        assertInstanceOf(IllegalStateException.class, error.getCause());
        assertEquals("ferrite: Victim.java:[7] no", error.getCause().getMessage());
        assertThrows(NoClassDefFoundError.class, () -> Class.forName(replaced.getName(), true, replaced.getClassLoader()));
    }

    @Test
    void replace_should_add_a_throwing_initializer_when_the_class_has_none() throws Exception {
        Class<?> replaced = defineReplaced(WithoutInitializer.class, "boom");

        ExceptionInInitializerError error = assertThrows(ExceptionInInitializerError.class,
                () -> replaced.getMethod("hello").invoke(null));

        assertEquals("boom", error.getCause().getMessage());
    }

    /** Defines the replaced class file in a child-first loader of its own. */
    private Class<?> defineReplaced(Class<?> type, String message) throws IOException, ClassNotFoundException {
        byte[] original;
        String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            original = in.readAllBytes();
        }
        byte[] replaced = InitializerFailure.replace(original, message);
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, replaced, 0, replaced.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return loader.loadClass(type.getName());
    }
}

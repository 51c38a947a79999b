package io.ferrite.transformer.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines a class in a given class loader, as the loader itself would: how the agent adds the
 * generated state machines to their owner's loader and package. Needs {@code java.lang} open to
 * the agent ({@link FerriteAgent} opens it).
 */
class ClassDefiner {

    private final Method defineClass;

    /** Looks up {@code ClassLoader.defineClass}; java.lang must already be open to this module. */
    ClassDefiner() {
        try {
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
                    int.class, ProtectionDomain.class);
            defineClass.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("ferrite agent: cannot reach ClassLoader.defineClass (" + e
                    + "); java.lang must be open to the agent", e);
        }
    }

    /**
     * Defines a class.
     *
     * @param loader           the loader to define it in
     * @param binaryName       e.g. {@code com.acme.Orders$checkout$Async}
     * @param classFile        its bytes
     * @param protectionDomain the owner's protection domain, or null
     * @throws LinkageError if the loader already defined a class of that name, or the bytes are
     *                      invalid
     */
    void define(ClassLoader loader, String binaryName, byte[] classFile, ProtectionDomain protectionDomain) {
        try {
            defineClass.invoke(loader, binaryName, classFile, 0, classFile.length, protectionDomain);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("ferrite agent: cannot define " + binaryName + ": " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("ferrite agent: cannot define " + binaryName + ": " + e, e);
        }
    }
}

package io.ferrite.transformer.internal;

import org.objectweb.asm.tree.MethodNode;

/**
 * A method to turn into a state machine, as found by {@link AsyncMethodScanner}.
 *
 * @param method           the method as compiled (never modified)
 * @param kind             an {@code @Async} method or an async lambda
 * @param stateMachineName the internal name of the class to generate, e.g. {@code com/acme/Orders$checkout$Async}
 */
public record AsyncMethod(MethodNode method, Kind kind, String stateMachineName) {

    /** Where the method came from. */
    public enum Kind {
        /** A method annotated {@code @Async}. */
        ASYNC_METHOD,
        /**
         * A synthetic {@code lambda$...} method returning {@code io.ferrite.Future} that calls
         * {@code await}, or returning {@code io.ferrite.stream.AsyncStream} that calls {@code await}
         * or {@code emit}.
         */
        ASYNC_LAMBDA
    }

    /**
     * Tells whether the method is a generator: it returns {@code io.ferrite.stream.AsyncStream},
     * may {@code emit}, and becomes a stream rather than a future.
     *
     * @return true for a generator method or lambda
     */
    public boolean generator() {
        return isGenerator(method);
    }

    /**
     * Tells whether a method's declared return type makes it a generator.
     *
     * @param method a method
     * @return true if it returns {@code io.ferrite.stream.AsyncStream}
     */
    static boolean isGenerator(MethodNode method) {
        return org.objectweb.asm.Type.getReturnType(method.desc).getDescriptor().equals(RuntimeAbi.ASYNC_STREAM_DESC);
    }

    @Override
    public String toString() {
        return kind + " " + method.name + method.desc + " -> " + stateMachineName;
    }
}

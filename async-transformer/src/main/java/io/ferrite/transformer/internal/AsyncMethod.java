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
        /** A synthetic {@code lambda$...} method returning {@code io.ferrite.Future} that calls {@code await}. */
        ASYNC_LAMBDA
    }

    @Override
    public String toString() {
        return kind + " " + method.name + method.desc + " -> " + stateMachineName;
    }
}

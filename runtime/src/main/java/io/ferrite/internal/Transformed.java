package io.ferrite.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that Ferrite's transformer has already rewritten (an owner of {@code @Async}
 * methods) or generated (a state machine), so that a second run, such as an incremental build or
 * the agent on top of the Maven plugin, leaves it alone. Written by the transformer only; part of
 * the binary interface with compiled user code.
 *
 * <p>Kept in the class file and invisible to reflection, like {@code @Async}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // What the transformer adds to the class file of
 * @Transformed(stateMachines = "com/acme/Orders$checkout$Async")
 * class Orders { @Async Future<Receipt> checkout(Cart cart) { return new Orders$checkout$Async(this, cart); } }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Transformed {

    /**
     * Returns the internal names of the state machines generated for this class (empty on a
     * generated class), so that a later run can still report them, e.g. to a nest host that was
     * recompiled alone.
     *
     * @return the generated classes, e.g. {@code com/acme/Orders$checkout$Async}
     */
    String[] stateMachines() default {};
}

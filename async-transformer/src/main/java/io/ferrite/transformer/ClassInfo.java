package io.ferrite.transformer;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the transformer needs to know about a class, read from its class file (never by loading
 * the class): its superclass and interfaces, and its protected members.
 *
 * <p>The protected members matter because a state machine is a separate class: a protected
 * member that the owner inherits from a superclass in another package is out of its reach
 * (JVMS 5.4.4), so the owner gets an accessor for it.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ClassInfo info = hierarchy.find("java/lang/Object");
 * info.protectedMembers();   // [clone()Ljava/lang/Object;, finalize()V]
 * }</pre>
 *
 * @param name             the internal name, e.g. {@code java/util/ArrayList}
 * @param superName        the superclass's internal name, null for {@code java/lang/Object}
 * @param interfaces       the internal names of the directly implemented interfaces
 * @param isInterface      whether this is an interface
 * @param protectedMembers the protected fields and methods the class declares, as
 *                         {@code name + descriptor} for methods ({@code hook(Ljava/lang/String;)V})
 *                         and {@code name + ":" + descriptor} for fields ({@code counter:I}); null
 *                         when the hierarchy does not know them
 */
public record ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface,
        Set<String> protectedMembers) {

    /**
     * Copies the collections.
     *
     * @throws NullPointerException if name or interfaces is null
     */
    public ClassInfo {
        Objects.requireNonNull(name, "name");
        interfaces = List.copyOf(interfaces);
        protectedMembers = protectedMembers == null ? null : Set.copyOf(protectedMembers);
    }

    /**
     * Creates the header of a class whose members are not known (for hierarchies that only
     * read headers); the transformer then reports an error if it needs them.
     *
     * @param name        the internal name
     * @param superName   the superclass's internal name, null for {@code java/lang/Object}
     * @param interfaces  the directly implemented interfaces
     * @param isInterface whether this is an interface
     */
    public ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface) {
        this(name, superName, interfaces, isInterface, null);
    }

    /**
     * Returns the key of a method in {@link #protectedMembers()}.
     *
     * @param name       the method's name
     * @param descriptor its descriptor
     * @return {@code name + descriptor}
     */
    public static String methodKey(String name, String descriptor) {
        return name + descriptor;
    }

    /**
     * Returns the key of a field in {@link #protectedMembers()}.
     *
     * @param name       the field's name
     * @param descriptor its descriptor
     * @return {@code name + ":" + descriptor}
     */
    public static String fieldKey(String name, String descriptor) {
        return name + ":" + descriptor;
    }
}

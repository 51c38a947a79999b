package io.ferrite.transformer;

import java.util.List;
import java.util.Objects;

/**
 * What the transformer needs to know about a class to merge types: its superclass and
 * interfaces, read from the class file header (never by loading the class).
 *
 * @param name        the internal name, e.g. {@code java/util/ArrayList}
 * @param superName   the superclass's internal name, null for {@code java/lang/Object}
 * @param interfaces  the internal names of the directly implemented interfaces
 * @param isInterface whether this is an interface
 */
public record ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface) {

    /**
     * Copies the interface list.
     *
     * @throws NullPointerException if name or interfaces is null
     */
    public ClassInfo {
        Objects.requireNonNull(name, "name");
        interfaces = List.copyOf(interfaces);
    }
}

package io.ferrite.transformer.internal;

import io.ferrite.transformer.ClassHierarchy;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers "is the owner of this call the type {@code T} or a subtype of it?" for the pitfall
 * checks, which match calls by the type javac wrote as their owner ({@code ReentrantLock.lock}
 * for a receiver declared {@code ReentrantLock}). Reads the {@link ClassHierarchy} (class files,
 * never loading a class) and remembers each answer.
 *
 * <p>A class missing from the class path, or whose class file cannot be read, answers "no": a
 * warning is never worth failing a build over, and the transformation itself does not need that
 * class.
 */
final class Subtypes {

    private final ClassHierarchy hierarchy;
    private final Map<String, Boolean> answers = new HashMap<>();

    /**
     * Creates the lookup.
     *
     * @param hierarchy where to read class headers
     */
    Subtypes(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * Tells whether {@code owner} is {@code type} or a subtype of it.
     *
     * @param owner an internal class name, as a method instruction names it (never an array)
     * @param type  the internal name of a class or interface
     * @return true if a value of {@code owner} is a {@code type}; false when unknown
     */
    boolean isA(String owner, String type) {
        if (owner.equals(type)) {
            return true;
        }
        return answers.computeIfAbsent(owner + ' ' + type, key -> {
            try {
                return hierarchy.isAssignable(type, owner);
            } catch (RuntimeException e) {
                // Missing (TypeNotFoundException), unreadable or too new a class file: no warning.
                return false;
            }
        });
    }
}

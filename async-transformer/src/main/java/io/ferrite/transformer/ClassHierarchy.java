package io.ferrite.transformer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers "what is the superclass of X, is X an interface, and which members does it declare
 * protected?" from class files, without loading any class. The transformer reads an owner's
 * superclasses with it: protected members inherited from another package need accessors, since
 * a state machine is not a subclass (JVMS 5.4.4). Type merges (JVMS 4.10.1.2) can use it too;
 * the transformer itself needs none, as it reuses the compiler's stack map frames.
 *
 * <p>Build tools create one from the project's class path ({@link #ofClassPath(List)}: its output
 * directories and dependency jars, then the JDK); the agent from the defining class loader
 * ({@link #ofClassLoader(ClassLoader)}).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(List.of(classesDir, dependencyJar))) {
 *     String common = types.commonSuperClass("java/lang/Integer", "java/lang/Long"); // java/lang/Number
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Implementations are safe for concurrent use.
 */
public interface ClassHierarchy {

    /**
     * Looks up a class by internal name.
     *
     * @param internalName e.g. {@code com/acme/Orders}
     * @return its header, or null if no class file of that name is on the class path
     */
    ClassInfo find(String internalName);

    /**
     * Returns the most specific class both types extend, as the JVM's verifier merges them:
     * interfaces merge to {@code java/lang/Object}.
     *
     * @param type1 an internal class name
     * @param type2 another internal class name
     * @return the internal name of their nearest common superclass
     * @throws TypeNotFoundException if the class path lacks a class of either chain
     */
    default String commonSuperClass(String type1, String type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        ClassInfo info1 = require(type1, type1, type2);
        ClassInfo info2 = require(type2, type1, type2);
        if (info1.isInterface() || info2.isInterface()) {
            return isAssignable(type1, type2) ? type1 : isAssignable(type2, type1) ? type2 : "java/lang/Object";
        }
        List<String> chain1 = superChain(info1, type1, type2);
        for (String candidate : superChain(info2, type1, type2)) {
            if (chain1.contains(candidate)) {
                return candidate;
            }
        }
        return "java/lang/Object";
    }

    /**
     * Tells whether a value of class {@code from} may be stored where {@code to} is expected.
     *
     * @param to   the target internal name
     * @param from the source internal name
     * @return true if {@code from} is {@code to} or a subtype of it
     * @throws TypeNotFoundException if the class path lacks a class needed to decide
     */
    default boolean isAssignable(String to, String from) {
        if (to.equals(from) || to.equals("java/lang/Object")) {
            return true;
        }
        ClassInfo info = require(from, to, from);
        if (info.superName() != null && isAssignable(to, info.superName())) {
            return true;
        }
        for (String itf : info.interfaces()) {
            if (isAssignable(to, itf)) {
                return true;
            }
        }
        return false;
    }

    private List<String> superChain(ClassInfo start, String type1, String type2) {
        List<String> chain = new ArrayList<>();
        ClassInfo info = start;
        while (true) {
            chain.add(info.name());
            if (info.superName() == null) {
                return chain;
            }
            info = require(info.superName(), type1, type2);
        }
    }

    private ClassInfo require(String name, String type1, String type2) {
        ClassInfo info = find(name);
        if (info == null) {
            throw new TypeNotFoundException(name, type1, type2);
        }
        return info;
    }

    /**
     * Creates a hierarchy over class directories and jars, searched in order, then the JDK
     * running the build. Jars stay open until {@link ClassPathHierarchy#close()}.
     *
     * @param classPath directories and jar files; missing entries are ignored
     * @return a caching hierarchy
     */
    static ClassPathHierarchy ofClassPath(List<Path> classPath) {
        return new ClassPathHierarchy(classPath);
    }

    /**
     * Creates a hierarchy that reads class files as resources of {@code loader} (and of the
     * JDK), without loading them: for the agent.
     *
     * @param loader the class loader whose resources to read; null for the JDK alone
     * @return a caching hierarchy
     */
    static ClassHierarchy ofClassLoader(ClassLoader loader) {
        ClassFiles files = ClassFiles.ofClassLoader(loader != null ? loader : ClassLoader.getPlatformClassLoader());
        return new CachingHierarchy() {
            @Override
            protected byte[] read(String internalName) {
                return files.find(internalName);
            }
        };
    }

    /** Thrown when a class needed for a type merge is not on the class path. */
    final class TypeNotFoundException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String missing;

        TypeNotFoundException(String missing, String type1, String type2) {
            super("class " + missing.replace('/', '.') + " is not on the class path; it is needed to merge the types "
                    + type1.replace('/', '.') + " and " + type2.replace('/', '.')
                    + ": add the dependency that contains it to the project");
            this.missing = Objects.requireNonNull(missing);
        }

        /**
         * Returns the class that could not be found.
         *
         * @return its internal name
         */
        public String missing() {
            return missing;
        }
    }
}

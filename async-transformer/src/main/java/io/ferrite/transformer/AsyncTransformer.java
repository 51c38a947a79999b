package io.ferrite.transformer;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.objectweb.asm.ClassReader;

/**
 * The transformer's one entry point: rewrites the {@code @Async} methods and async lambdas of a
 * class file into state machines implementing {@code io.ferrite.Future}.
 *
 * <p>Build tools and the agent hand it class files; it never loads classes and never writes
 * files. Failures in user code come back as {@link Diagnostic}s; a failure of the transformer
 * itself is reported as an error diagnostic naming the class and method, never as a
 * half-transformed class.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(classPath)) {
 *     AsyncTransformer transformer = new AsyncTransformer(types);
 *     TransformResult result = transformer.transform(Files.readAllBytes(classFile));
 *     if (result.hasErrors()) {
 *         result.diagnostics().forEach(d -> System.err.println(d.format(null)));
 *     } else if (result.outcome() == TransformResult.Outcome.TRANSFORMED) {
 *         // write result.classFile() and result.generatedClasses()
 *     }
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * An instance may transform several classes concurrently if its hierarchy allows it (the
 * provided ones do).
 */
public final class AsyncTransformer {

    private static final byte[][] MARKERS = {
        "Lio/ferrite/annotations/Async;".getBytes(StandardCharsets.UTF_8),
        "io/ferrite/Await".getBytes(StandardCharsets.UTF_8),
    };

    private final ClassHierarchy hierarchy;

    /**
     * Creates a transformer resolving types from {@code hierarchy}.
     *
     * @param hierarchy where to look up superclasses when merging types
     */
    public AsyncTransformer(ClassHierarchy hierarchy) {
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
    }

    /**
     * Cheap pre-check on the raw bytes: false means the class certainly needs no
     * transformation (it mentions neither {@code @Async} nor {@code Await}).
     *
     * @param classFile a class file
     * @return whether {@link #transform(byte[])} could change it
     */
    public static boolean mightNeedTransformation(byte[] classFile) {
        for (byte[] marker : MARKERS) {
            if (indexOf(classFile, marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Transforms one class file.
     *
     * @param classFile the class file as compiled
     * @return the outcome, the bytes to write, generated classes and diagnostics
     */
    public TransformResult transform(byte[] classFile) {
        String className = new ClassReader(classFile).getClassName();
        if (!mightNeedTransformation(classFile)) {
            return TransformResult.untouched(className, classFile, TransformResult.Outcome.UNCHANGED);
        }
        return TransformResult.failed(className, classFile, List.of(new Diagnostic(Diagnostic.Severity.ERROR,
                "not-implemented", className, null, null, null, 0, null,
                "the Ferrite transformer cannot rewrite @Async methods yet (hierarchy " + hierarchy + ")")));
    }

    /**
     * Adds generated classes to the {@code NestMembers} of a nest host class file (JVMS 4.7.29),
     * so that they may access its private members and those of its other members.
     *
     * @param hostClassFile the nest host's class file
     * @param members       internal names of the classes to add; ones already listed are skipped
     * @return the updated class file
     */
    public static byte[] addNestMembers(byte[] hostClassFile, Collection<String> members) {
        throw new UnsupportedOperationException("not implemented yet: " + members);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

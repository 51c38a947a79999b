package io.ferrite.transformer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link AsyncTransformer#transform(byte[])} or {@link TransformBatch#add} made of one class
 * file.
 *
 * <p>Write {@link #classFile()} and every entry of {@link #generatedClasses()} only when
 * {@link #outcome()} is {@link Outcome#TRANSFORMED}; on {@link Outcome#FAILED} write nothing
 * and report {@link #diagnostics()}. When the class is a member of a nest (an inner class, say),
 * the generated state machines join that nest, so the classes named in
 * {@link #nestMembersToAdd()} must list them: a {@link TransformBatch} sees to it.
 *
 * @param outcome            what happened
 * @param className          the internal name of the input class
 * @param classFile          the class file to write: the rewritten one, or the input unchanged
 * @param generatedClasses   new classes by internal name, e.g. {@code com/acme/Orders$checkout$Async}
 * @param nestMembersToAdd   nest host internal name to the generated classes it must list; the
 *                           input class itself is already updated when it is the host
 * @param diagnostics        errors and warnings, in the order found
 * @param transformedMethods the number of {@code @Async} methods and async lambdas rewritten
 */
public record TransformResult(
        Outcome outcome,
        String className,
        byte[] classFile,
        Map<String, byte[]> generatedClasses,
        Map<String, List<String>> nestMembersToAdd,
        List<Diagnostic> diagnostics,
        int transformedMethods) {

    /** What happened to a class. */
    public enum Outcome {
        /**
         * Nothing to do: no {@code @Async} method, async lambda or {@code await} call. Warnings
         * about plain methods (a future never polled) may accompany it.
         */
        UNCHANGED,
        /** Already processed by Ferrite (a rebuild or a second run): left as is. */
        ALREADY_TRANSFORMED,
        /** Rewritten; generated classes may accompany it. */
        TRANSFORMED,
        /** Errors were found: nothing must be written and the build must fail. */
        FAILED
    }

    /**
     * Copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public TransformResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(classFile, "classFile");
        generatedClasses = Collections.unmodifiableMap(new LinkedHashMap<>(generatedClasses));
        Map<String, List<String>> nests = new LinkedHashMap<>();
        nestMembersToAdd.forEach((host, members) -> nests.put(host, List.copyOf(members)));
        nestMembersToAdd = Collections.unmodifiableMap(nests);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Tells whether an error was reported.
     *
     * @return true if any diagnostic is an error
     */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * Returns the result for a class left as it was.
     *
     * @param className the class's internal name
     * @param classFile its bytes
     * @param outcome   {@link Outcome#UNCHANGED} or {@link Outcome#ALREADY_TRANSFORMED}
     * @return the result
     */
    public static TransformResult untouched(String className, byte[] classFile, Outcome outcome) {
        return new TransformResult(outcome, className, classFile, Map.of(), Map.of(), List.of(), 0);
    }

    /**
     * Returns the result for a class whose transformation failed.
     *
     * @param className   the class's internal name
     * @param classFile   its unchanged bytes
     * @param diagnostics what went wrong; at least one error
     * @return the result
     */
    public static TransformResult failed(String className, byte[] classFile, List<Diagnostic> diagnostics) {
        return new TransformResult(Outcome.FAILED, className, classFile, Map.of(), Map.of(), diagnostics, 0);
    }
}

package io.ferrite.transformer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link TransformBatch} made of its class files: the files to write and every diagnostic.
 *
 * <p>Write {@link #classFilesToWrite()} in its order, and only when {@link #hasErrors()} is
 * false (it is then empty): first the generated state machines, so that a class on disk never
 * refers to a missing one; then the rewritten classes of the batch; last the nest hosts that only
 * gained {@code NestMembers} entries, since those only grant access.
 *
 * @param classFilesToWrite the class files to write, by internal name ({@code a/b/C} is written to
 *                          {@code a/b/C.class} in a class directory), in the order to write them
 * @param nestHostsUpdated  the classes among them that are written only to list new nest members,
 *                          inside the batch or outside it
 * @param diagnostics       every error and warning: those of each class in the order added, then
 *                          those about nest hosts
 */
public record BatchResult(Map<String, byte[]> classFilesToWrite, Set<String> nestHostsUpdated,
        List<Diagnostic> diagnostics) {

    /** Copies the collections, keeping their order. */
    public BatchResult {
        classFilesToWrite = Collections.unmodifiableMap(new LinkedHashMap<>(classFilesToWrite));
        nestHostsUpdated = Collections.unmodifiableSet(new LinkedHashSet<>(nestHostsUpdated));
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Tells whether an error was reported: then nothing is to be written.
     *
     * @return true if any diagnostic is an error
     */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}

package io.ferrite.transformer.internal;

import io.ferrite.transformer.Diagnostic;
import java.util.List;

/**
 * What {@link AsyncMethodScanner} found in a class.
 *
 * @param alreadyTransformed the class carries Ferrite's {@code @Transformed} marker
 * @param generatedBefore    for an already transformed class, the state machines its marker lists
 * @param asyncMethods       the methods to transform, in declaration order
 * @param diagnostics        errors for misplaced awaits and invalid {@code @Async} declarations, and
 *                           {@code future-never-polled} warnings
 */
public record ScanResult(boolean alreadyTransformed, List<String> generatedBefore, List<AsyncMethod> asyncMethods,
        List<Diagnostic> diagnostics) {

    /**
     * Copies the lists.
     */
    public ScanResult {
        generatedBefore = List.copyOf(generatedBefore);
        asyncMethods = List.copyOf(asyncMethods);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Tells whether the class needs no change at all.
     *
     * @return true when there is nothing to transform and nothing to report
     */
    public boolean isEmpty() {
        return asyncMethods.isEmpty() && diagnostics.isEmpty();
    }
}

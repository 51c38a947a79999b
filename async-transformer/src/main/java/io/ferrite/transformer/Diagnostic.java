package io.ferrite.transformer;

import java.util.Objects;

/**
 * A problem the transformer found in user code (an error fails the build) or in itself.
 *
 * <p>Each diagnostic names the class, the method, the source file and line as the class file
 * records them, and says what to do. Build tools print it in the compiler's format with
 * {@link #format(String)}; when they have the source file they can locate the column by
 * searching the line for {@link #token()}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * for (Diagnostic d : result.diagnostics()) {
 *     log.error(d.format("src/main/java/" + d.sourcePath()));
 * }
 * }</pre>
 *
 * @param severity   how bad it is
 * @param code       a stable identifier, e.g. {@code "await-in-synchronized"}
 * @param className  the internal name of the class, e.g. {@code "com/acme/Orders"}
 * @param methodName the method's name, or null when the problem concerns the whole class
 * @param methodDesc the method's descriptor, or null
 * @param sourceFile the SourceFile attribute (e.g. {@code "Orders.java"}), or null if absent
 * @param line       the source line, or 0 when unknown (no LineNumberTable)
 * @param token      the text to look for on that line to find the column (e.g. {@code "await"}),
 *                   or null
 * @param message    what is wrong and how to fix it
 */
public record Diagnostic(
        Severity severity,
        String code,
        String className,
        String methodName,
        String methodDesc,
        String sourceFile,
        int line,
        String token,
        String message) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /** The class is left untransformed and the build must fail. */
        ERROR,
        /** Worth knowing; fails the build only with {@code failOnWarning}. */
        WARNING
    }

    /**
     * Validates the required components.
     *
     * @throws NullPointerException if severity, code, className or message is null
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Tells whether this diagnostic must fail the build.
     *
     * @return true for {@link Severity#ERROR}
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * Returns the source path relative to a source root, derived from the class's package and
     * its SourceFile attribute: {@code com/acme/Orders.java}.
     *
     * @return the relative path, or null when the class file has no SourceFile attribute
     */
    public String sourcePath() {
        if (sourceFile == null) {
            return null;
        }
        int slash = className.lastIndexOf('/');
        return slash < 0 ? sourceFile : className.substring(0, slash + 1) + sourceFile;
    }

    /**
     * Returns the class name in Java form, {@code com.acme.Orders}.
     *
     * @return the binary class name with dots
     */
    public String javaClassName() {
        return className.replace('/', '.');
    }

    /**
     * Formats this diagnostic as javac does: {@code path:[line,column] message}. The column is
     * omitted here (the class file does not record it).
     *
     * @param path the path to show for the source file; null to use {@link #sourcePath()}, or
     *             the class name when that is unknown too
     * @return the formatted line
     */
    public String format(String path) {
        String where = path != null ? path : sourcePath() != null ? sourcePath() : javaClassName();
        return line > 0 ? where + ":[" + line + "] " + message : where + ": " + message;
    }

    @Override
    public String toString() {
        return severity + " " + format(null);
    }
}

package io.ferrite.transformer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link TransformBatch} reads the class files it was not given (the nest hosts and nest
 * members of its classes), and what becomes of those classes.
 *
 * <p>There are two kinds. The files of a class directory ({@link #ofDirectory}) stay as they are
 * unless the batch returns them to be written: a nest host among them that must list new state
 * machines is read, updated and returned, and a nest member contributes the state machines it
 * already has. The classes of a class loader ({@link #ofClassLoader}) are transformed one by one
 * as they load, by the agent: none is ever returned (a nest host lists its members' state
 * machines when it loads itself), and a member is transformed in memory to learn the state
 * machines it will have.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classesDirectory));
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable; reading is as thread-safe as the directory or class loader.
 */
public final class ClassFiles {

    /** Reads the bytes of a class file by its resource name, or returns null if there is none. */
    @FunctionalInterface
    private interface Reader {
        byte[] read(String resource) throws IOException;
    }

    private final String description;
    private final Reader reader;
    private final boolean transformedOnLoad;

    private ClassFiles(String description, Reader reader, boolean transformedOnLoad) {
        this.description = description;
        this.reader = reader;
        this.transformedOnLoad = transformedOnLoad;
    }

    /**
     * The class files of a directory, which stay as they are unless written: a build's output.
     *
     * @param directory the root of the class files ({@code a/b/C} is {@code a/b/C.class} below it)
     * @return the class files
     */
    public static ClassFiles ofDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new ClassFiles(directory.toString(), resource -> {
            Path file = directory.resolve(resource);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }, false);
    }

    /**
     * The class files of a class loader's resources, whose classes are transformed as they load:
     * the agent's view.
     *
     * @param loader the loader whose resources to read
     * @return the class files
     */
    public static ClassFiles ofClassLoader(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new ClassFiles("the resources of " + loader, resource -> {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            }
        }, true);
    }

    /**
     * Reads a class file.
     *
     * @param internalName the class's internal name, e.g. {@code com/acme/Orders}
     * @return its bytes, or null if there is no such class file here
     * @throws UncheckedIOException if it exists but cannot be read
     */
    public byte[] find(String internalName) {
        String resource = internalName + ".class";
        try {
            return reader.read(resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tells which kind this is.
     *
     * @return true for a class loader's classes, transformed as they load; false for files that
     *         stay as they are unless written
     */
    public boolean transformedOnLoad() {
        return transformedOnLoad;
    }

    /** Says where the class files are, as messages name it: the directory, or the class loader. */
    @Override
    public String toString() {
        return description;
    }
}

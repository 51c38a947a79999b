package io.ferrite.transformer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A {@link ClassHierarchy} over directories and jars, then the JDK running the build. Created by
 * {@link ClassHierarchy#ofClassPath(List)}; close it to release the jars.
 */
public final class ClassPathHierarchy extends CachingHierarchy implements AutoCloseable {

    private final List<Path> directories = new ArrayList<>();
    private final List<JarFile> jars = new ArrayList<>();

    ClassPathHierarchy(List<Path> classPath) {
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                directories.add(entry);
            } else if (Files.isRegularFile(entry)) {
                try {
                    jars.add(new JarFile(entry.toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open class path entry " + entry, e);
                }
            }
        }
    }

    @Override
    protected byte[] read(String internalName) {
        String resource = internalName + ".class";
        try {
            for (Path directory : directories) {
                Path file = directory.resolve(resource);
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
            }
            for (JarFile jar : jars) {
                JarEntry entry = jar.getJarEntry(resource);
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            }
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }

    /** Closes the jar files. */
    @Override
    public void close() {
        for (JarFile jar : jars) {
            try {
                jar.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the hierarchy is being discarded.
            }
        }
        jars.clear();
    }
}

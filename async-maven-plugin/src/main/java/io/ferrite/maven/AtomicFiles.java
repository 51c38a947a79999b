package io.ferrite.maven;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces files so that a reader, or a build interrupted half-way, sees either the old content
 * or the new one, never a truncated file: write a temporary file beside the target, then rename
 * it over the target.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically.
     *
     * @param target  the file to create or replace
     * @param content its new content
     * @throws IOException if it cannot be written; the target is then unchanged
     */
    static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // The temporary name does not end in ".class", so no tool mistakes it for a class.
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".ferrite-tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

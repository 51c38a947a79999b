package io.ferrite.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the last successful run of a goal left in its classes directory: for each class file, its
 * size and modification time after that run (so an unchanged file is not read again), and for
 * each owner the state machine classes generated from it (so that they can be removed, and only
 * they, when the owner is recompiled without them or deleted).
 *
 * <p>Stored as a small text file under {@code target/ferrite/}. A state written by another version
 * of the plugin or for another directory, or one that cannot be read, counts as empty: the next
 * run reads every class again, which is always correct, only slower.
 */
final class IncrementalState {

    private static final String HEADER = "# Ferrite incremental state: delete it to make the next run read every class";

    /**
     * A class file's size and modification time; equal fingerprints mean the compiler did not
     * rewrite the file since it was recorded.
     *
     * @param size     the size in bytes
     * @param modified the modification time in nanoseconds since the epoch (as precise as the
     *                 file system records it)
     */
    record Fingerprint(long size, long modified) {

        /**
         * Reads a file's fingerprint.
         *
         * @param file the file
         * @return its fingerprint
         * @throws IOException if its attributes cannot be read
         */
        static Fingerprint of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Fingerprint(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    /**
     * What is recorded for one class file.
     *
     * @param fingerprint the file as the last run left it
     * @param generated   the class files generated from it, relative paths; empty for most
     */
    record Entry(Fingerprint fingerprint, List<String> generated) {

        /** Copies the list. */
        Entry {
            generated = List.copyOf(generated);
        }
    }

    private final String key;
    private final Map<String, Entry> entries;

    private IncrementalState(String key, Map<String, Entry> entries) {
        this.key = key;
        this.entries = entries;
    }

    /**
     * Creates an empty state.
     *
     * @param version          the plugin's version; a state of another version is not reused
     * @param classesDirectory the directory the state describes
     * @return the state
     */
    static IncrementalState empty(String version, Path classesDirectory) {
        return new IncrementalState(key(version, classesDirectory), new TreeMap<>());
    }

    /**
     * Loads a state file, or returns an empty state if it is missing, unreadable, or was written
     * by another version or for another directory.
     *
     * @param stateFile        the file
     * @param version          the plugin's version
     * @param classesDirectory the classes directory
     * @return the state
     */
    static IncrementalState load(Path stateFile, String version, Path classesDirectory) {
        IncrementalState state = empty(version, classesDirectory);
        if (!Files.isRegularFile(stateFile)) {
            return state;
        }
        try {
            List<String> lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(1).equals(state.key)) {
                return state;
            }
            for (String line : lines.subList(2, lines.size())) {
                String[] fields = line.split("\t", -1);
                List<String> generated = fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(","));
                state.entries.put(fields[0], new Entry(
                        new Fingerprint(Long.parseLong(fields[1]), Long.parseLong(fields[2])), generated));
            }
            return state;
        } catch (IOException | RuntimeException e) {
            // A damaged state only costs a full run.
            return empty(version, classesDirectory);
        }
    }

    /**
     * Returns the entry of a class file.
     *
     * @param relativePath the class file's path below the classes directory
     * @return the entry, or null
     */
    Entry get(String relativePath) {
        return entries.get(relativePath);
    }

    /**
     * Records a class file.
     *
     * @param relativePath the class file's path below the classes directory
     * @param entry        what to record
     */
    void put(String relativePath, Entry entry) {
        entries.put(relativePath, entry);
    }

    /**
     * Returns the recorded class files.
     *
     * @return their relative paths with their entries, sorted
     */
    Map<String, Entry> entries() {
        return entries;
    }

    /**
     * Writes the state atomically (a reader sees the old file or the new one).
     *
     * @param stateFile the file
     * @throws IOException if it cannot be written
     */
    void save(Path stateFile) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add(key);
        entries.forEach((path, entry) -> lines.add(path + "\t" + entry.fingerprint().size() + "\t"
                + entry.fingerprint().modified() + "\t" + String.join(",", entry.generated())));
        Files.createDirectories(stateFile.getParent());
        AtomicFiles.write(stateFile, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String version, Path classesDirectory) {
        return "version " + version + " directory " + classesDirectory.toAbsolutePath().normalize();
    }
}

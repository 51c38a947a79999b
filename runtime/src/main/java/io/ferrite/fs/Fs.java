package io.ferrite.fs;

import io.ferrite.Future;
import io.ferrite.stream.AsyncStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * File-system operations as futures (Tokio's {@code tokio::fs}): each runs the JDK's
 * {@link Files} method on the runtime's blocking pool, so a slow disk stalls no worker.
 *
 * <p>Why the blocking pool: Linux has no readiness for regular files (they are always
 * "ready", and a read may still wait for the disk), so Tokio, Netty and the JDK's own
 * {@code AsynchronousFileChannel} all run file I/O on threads. Ferrite measured the JDK's
 * {@code AsynchronousFileChannel} (its own thread pool, a completion handler per operation)
 * against the blocking pool and kept the blocking pool; {@code docs/io.md} gives the figures.
 *
 * <p>The futures are lazy: nothing touches the disk until the first poll. They need a runtime
 * (a task, or inside {@code AsyncRuntime.blockOn}); polled elsewhere they fail with
 * {@link IllegalStateException}. Failures are the JDK's exceptions, with the path in the
 * message ({@link java.nio.file.NoSuchFileException}, {@link java.nio.file.AccessDeniedException},
 * ...), never wrapped.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * Future<Integer> countWords(Path file) throws IOException {
 *     String text = await(Fs.readString(file));
 *     await(Fs.writeString(file.resolveSibling("count.txt"), "words: " + text.split("\\s+").length));
 *     return Future.ready(text.split("\\s+").length);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Cancelling a future whose operation has not started on the pool stops it; an operation
 * already running finishes (a write is then complete or failed, as with {@link Files}).
 *
 * <h2>Thread safety</h2>
 * The methods may be called from any thread; as for every future, each is polled by one task.
 */
public final class Fs {

    private Fs() {
    }

    /**
     * Returns a future of the whole file decoded as UTF-8 ({@link Files#readString(Path)}).
     *
     * <pre>{@code
     * String config = await(Fs.readString(Path.of("app.conf")));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path the file
     * @return a single-use future; it fails with {@link java.nio.file.NoSuchFileException} if
     *         there is no such file, and {@link java.nio.charset.MalformedInputException} if it
     *         is not UTF-8
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<String> readString(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingCall<>("Fs.readString", "read", path, () -> Files.readString(path));
    }

    /**
     * Returns a future of the whole file's bytes ({@link Files#readAllBytes(Path)}).
     *
     * <pre>{@code
     * byte[] image = await(Fs.readAllBytes(Path.of("logo.png")));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path the file
     * @return a single-use future
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<byte[]> readAllBytes(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingCall<>("Fs.readAllBytes", "read", path, () -> Files.readAllBytes(path));
    }

    /**
     * Returns a future that writes {@code bytes} to the file, creating it or replacing what it
     * held ({@link Files#write(Path, byte[], java.nio.file.OpenOption...)}).
     *
     * <pre>{@code
     * await(Fs.write(Path.of("out.bin"), bytes));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path  the file
     * @param bytes the content; not copied, so do not change it before the future completes
     * @return a single-use future
     * @throws NullPointerException if an argument is null
     */
    public static Future<Void> write(Path path, byte[] bytes) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        return new BlockingCall<>("Fs.write", "write", path, () -> {
            Files.write(path, bytes);
            return null;
        });
    }

    /**
     * Returns a future that writes {@code text} as UTF-8 to the file, creating it or replacing
     * what it held ({@link Files#writeString(Path, CharSequence, java.nio.file.OpenOption...)}).
     *
     * <pre>{@code
     * await(Fs.writeString(Path.of("hello.txt"), "Hello, file!"));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path the file
     * @param text the content
     * @return a single-use future
     * @throws NullPointerException if an argument is null
     */
    public static Future<Void> writeString(Path path, CharSequence text) {
        Objects.requireNonNull(path, "path");
        String content = Objects.requireNonNull(text, "text").toString();
        return new BlockingCall<>("Fs.writeString", "write", path, () -> {
            Files.writeString(path, content, StandardCharsets.UTF_8);
            return null;
        });
    }

    /**
     * Returns a future that creates a directory and every missing parent
     * ({@link Files#createDirectories}); an existing directory is fine.
     *
     * <pre>{@code
     * await(Fs.createDirectories(Path.of("data/2030/01")));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path the directory
     * @return a single-use future; it fails with
     *         {@link java.nio.file.FileAlreadyExistsException} if a file that is not a directory
     *         is in the way
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<Void> createDirectories(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingCall<>("Fs.createDirectories", "create directories", path, () -> {
            Files.createDirectories(path);
            return null;
        });
    }

    /**
     * Returns a future that deletes a file or an empty directory ({@link Files#delete}).
     *
     * <pre>{@code
     * await(Fs.delete(Path.of("old.log")));
     * }</pre>
     *
     * <p>Cancellation: see the class comment.
     *
     * @param path the file or empty directory
     * @return a single-use future; it fails with {@link java.nio.file.NoSuchFileException} if
     *         there is nothing to delete, {@link java.nio.file.DirectoryNotEmptyException} for a
     *         directory that is not empty
     * @throws NullPointerException if {@code path} is null
     */
    public static Future<Void> delete(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingCall<>("Fs.delete", "delete", path, () -> {
            Files.delete(path);
            return null;
        });
    }

    /**
     * Returns the entries of a directory as a stream of paths (Tokio's {@code read_dir}), in
     * no particular order, read in batches on the blocking pool. The directory is held open
     * until the stream ends or is cancelled.
     *
     * <pre>{@code
     * AsyncStream<Path> entries = Fs.list(Path.of("logs"));
     * for (Path p; (p = await(entries.next())) != null; ) { ... }
     * }</pre>
     *
     * <p>Cancel safety: {@code next()} is cancel-safe (an entry read meanwhile is kept for the
     * next call); cancelling the stream closes the directory.
     *
     * @param dir the directory
     * @return a stream of its entries; it fails with
     *         {@link java.nio.file.NotDirectoryException} or
     *         {@link java.nio.file.NoSuchFileException} as {@link Files#newDirectoryStream} does
     * @throws NullPointerException if {@code dir} is null
     */
    public static AsyncStream<Path> list(Path dir) {
        return new DirectoryListing(Objects.requireNonNull(dir, "dir"));
    }
}

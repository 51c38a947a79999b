package io.ferrite.fs;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.scheduler.Scheduler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A file operation run on the blocking pool of the runtime that polls it, started at the first
 * poll (futures are lazy). An {@link IOException} gets the path in its message if the JDK did
 * not put it there. The engine of every {@link Fs} method and of {@link AsyncFile}.
 *
 * @param <T> the operation's result
 */
final class BlockingCall<T> implements Future<T> {

    /** A file operation that may throw. */
    @FunctionalInterface
    interface FileOp<T> {
        T run() throws IOException;
    }

    private final String name;
    private final String verb;
    private final Path path;
    private final FileOp<T> op;
    private JoinHandle<T> handle;

    /**
     * @param name the operation, for {@link #toString()}: {@code "Fs.readString"}
     * @param verb what is done to the path, for error messages: {@code "read"}
     * @param path the path
     * @param op   the blocking operation
     */
    BlockingCall(String name, String verb, Path path, FileOp<T> op) {
        this.name = name;
        this.verb = verb;
        this.path = path;
        this.op = op;
    }

    /** Starts {@code op} on the blocking pool of {@code cx}'s runtime now, and returns its handle. */
    static <T> JoinHandle<T> start(Context cx, Object what, String verb, Path path, FileOp<T> op) {
        Scheduler s = Scheduler.of(cx);
        if (s == null) {
            throw IoErrors.outsideRuntime(what, "file operations run on its blocking pool");
        }
        return s.spawnBlocking(() -> {
            try {
                return op.run();
            } catch (IOException e) {
                throw IoErrors.withContext(e, verb + " " + path);
            }
        });
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (handle == null) {
            handle = start(cx, this, verb, path, op);
        }
        return handle.poll(cx);
    }

    /** Stops the operation if it has not started on the pool yet; a started one runs to its end. */
    @Override
    public void cancel() {
        if (handle != null) {
            handle.abort();
        }
    }

    @Override
    public String toString() {
        return name + "(" + path + ")";
    }
}

package io.ferrite.fs;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The stream of {@link Fs#list}: a {@link DirectoryStream} read on the blocking pool, a batch of
 * entries per trip, closed as soon as its end is seen (or the stream is cancelled).
 */
final class DirectoryListing implements AsyncStream<Path> {

    static final int BATCH = 64;

    private final Path dir;
    /** Opened and read on pool threads, one batch at a time; closed from either side. */
    private volatile DirectoryStream<Path> stream;
    private Iterator<Path> entries;
    private volatile boolean cancelled;
    private JoinHandle<List<Path>> batch;
    private List<Path> current;
    private int index;
    private boolean ended;

    DirectoryListing(Path dir) {
        this.dir = dir;
    }

    @Override
    public Poll<Path> pollNext(Context cx) {
        if (ended) {
            return Poll.ready(null);
        }
        if (current != null && index < current.size()) {
            return Poll.ready(current.get(index++));
        }
        if (batch == null) {
            batch = BlockingCall.start(cx, this, "list", dir, this::readBatch);
        }
        Poll<List<Path>> p;
        try {
            p = batch.poll(cx);
        } catch (Throwable failure) {
            ended = true;
            closeQuietly();
            throw failure;
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        batch = null;
        current = p.value();
        if (current.isEmpty()) {
            ended = true;
            current = null;
            return Poll.ready(null);
        }
        index = 1;
        return Poll.ready(current.get(0));
    }

    /** On a pool thread: the next entries; an empty list at the end (the directory is then closed). */
    private List<Path> readBatch() throws IOException {
        if (stream == null) {
            stream = Files.newDirectoryStream(dir);
            entries = stream.iterator();
        }
        List<Path> out = new ArrayList<>(BATCH);
        try {
            while (out.size() < BATCH && !cancelled && entries.hasNext()) {
                out.add(entries.next());
            }
            if (cancelled || !entries.hasNext()) {
                closeQuietly();
            }
        } catch (DirectoryIteratorException e) {
            closeQuietly();
            throw e.getCause();
        }
        return out;
    }

    @Override
    public void cancel() {
        ended = true;
        cancelled = true;
        if (batch != null) {
            batch.abort();
        }
        closeQuietly();   // a DirectoryStream may be closed while a pool thread iterates it
    }

    private void closeQuietly() {
        DirectoryStream<Path> s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a directory reports nothing a caller could act on
            }
        }
    }

    @Override
    public String toString() {
        return "Fs.list(" + dir + ")";
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.fs.AsyncFile;
import io.ferrite.fs.Fs;
import io.ferrite.io.BufReader;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' file examples: {@code tokio::fs::write} and {@code read_to_string} ({@code Fs}), a
 * file appended to line by line and read back as a stream of lines ({@code AsyncFile},
 * {@code BufReader.lines()}), a directory listed as a stream, and the clean-up. Files have no
 * readiness on Linux, so every call runs on the runtime's blocking pool, as Tokio's do; the task
 * only awaits.
 */
final class FileReadWrite {

    /** What the demo observed. */
    record Outcome(String greeting, List<String> logLines, List<String> listed, boolean deleted) {
    }

    private final Report report;
    private final Path dir;

    FileReadWrite(Report report, Path dir) {
        this.report = report;
        this.dir = dir;
    }

    /** Appends {@code lines} to {@code file}, one write each, and syncs it to the disk. */
    @Async
    Future<Long> appendAll(Path file, List<String> lines) throws IOException {
        try (AsyncFile log = await(AsyncFile.open(file, CREATE, WRITE, APPEND))) {
            for (String line : lines) {
                await(log.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))));
            }
            await(log.sync());
            return Future.ready(await(log.size()));
        }
    }

    /** Reads {@code file} back as a stream of lines. */
    @Async
    Future<List<String>> readLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (AsyncFile f = await(AsyncFile.open(file))) {
            AsyncStream<String> stream = new BufReader(f).lines();
            for (String line; (line = await(stream.next())) != null; ) {
                lines.add(line);
            }
        }
        return Future.ready(lines);
    }

    /** The names in {@code dir}, sorted, read from {@code Fs.list} as a stream. */
    @Async
    Future<List<String>> names(Path dir) {
        List<String> names = new ArrayList<>();
        AsyncStream<Path> entries = Fs.list(dir);
        for (Path p; (p = await(entries.next())) != null; ) {
            names.add(p.getFileName().toString());
        }
        names.sort(null);
        return Future.ready(names);
    }

    @Async
    Future<Outcome> run() throws IOException {
        Path greeting = dir.resolve("hello.txt");
        Path log = dir.resolve("orders.log");
        await(Fs.createDirectories(dir));
        await(Fs.writeString(greeting, "Hello, Ferrite!"));                     // fs::write
        String read = await(Fs.readString(greeting));                            // fs::read_to_string
        report.line("Fs.writeString then Fs.readString(%s): \"%s\"", greeting.getFileName(), read);

        List<String> orders = List.of("order 1: 3 x tea", "order 2: 1 x cake", "order 3: 2 x coffee");
        long size = await(appendAll(log, orders));
        List<String> back = await(readLines(log));
        report.line("appended %d lines to %s (%d bytes, synced); read back as a stream of lines: %s", orders.size(),
                log.getFileName(), size, back);

        List<String> listed = await(names(dir));
        report.line("Fs.list(%s): %s", dir.getFileName(), listed);

        await(Fs.delete(greeting));
        await(Fs.delete(log));
        List<String> left = await(names(dir));
        boolean deleted = left.isEmpty();
        report.line("after Fs.delete of both, Fs.list(%s): %s", dir.getFileName(), left);
        await(Fs.delete(dir));
        report.check(read.equals("Hello, Ferrite!"), "Fs.readString returned what Fs.writeString wrote");
        report.check(back.equals(orders) && size == expectedSize(orders),
                "every appended line came back, in order, and the file holds exactly those bytes");
        report.check(listed.equals(List.of("hello.txt", "orders.log")), "Fs.list streamed the directory's two files");
        report.check(deleted, "Fs.delete removed both files (and then the empty directory)");
        return Future.ready(new Outcome(read, back, listed, deleted));
    }

    private static long expectedSize(List<String> lines) {
        long n = 0;
        for (String l : lines) {
            n += (l + "\n").getBytes(UTF_8).length;
        }
        return n;
    }
}

package io.ferrite.benchmarks.fs;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.fs.AsyncFile;
import io.ferrite.fs.Fs;
import io.ferrite.runtime.AsyncRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * F1 of issue 14: file reads from an {@code @Async} method on a two-worker runtime, through the
 * runtime's blocking pool ({@link AsyncFile}, {@link Fs}: what Ferrite ships) against the JDK's
 * {@link AsynchronousFileChannel} (its own thread pool, a completion handler per read, awaited as
 * a {@code CompletionStage}). Two sizes: a 16 MiB file read in 64 KiB chunks (score: ms per
 * file), and a 4 KiB file opened, read whole and closed (score: µs per file). The file sits in
 * the page cache, so the figures are the cost of the hand-offs, not of the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FileReadBenchmark {

    static final int BIG = 16 << 20;
    static final int SMALL = 4096;
    static final int CHUNK = 64 * 1024;

    private AsyncRuntime rt;
    private Path dir;
    private Path big;
    private Path small;

    /** Writes the files and starts the runtime. */
    @Setup
    public void setUp() throws IOException {
        rt = AsyncRuntime.multiThread().workerThreads(2).build();
        dir = Files.createTempDirectory("ferrite-f1");
        byte[] bytes = new byte[BIG];
        new Random(1).nextBytes(bytes);
        big = Files.write(dir.resolve("big.bin"), bytes);
        small = Files.write(dir.resolve("small.bin"), java.util.Arrays.copyOf(bytes, SMALL));
    }

    /** Stops the runtime and deletes the files. */
    @TearDown
    public void tearDown() throws IOException {
        rt.close();
        Files.delete(big);
        Files.delete(small);
        Files.delete(dir);
    }

    /** 16 MiB in 64 KiB reads with {@link AsyncFile} (the blocking pool). */
    @Benchmark
    public long bigAsyncFile() {
        return rt.blockOn(readAll(big));
    }

    /** 16 MiB in 64 KiB reads with {@link AsynchronousFileChannel}. */
    @Benchmark
    public long bigAsynchronousFileChannel() throws IOException {
        return rt.blockOn(readAllAfc(big));
    }

    /** A 4 KiB file with {@link Fs#readAllBytes} (the blocking pool: open, read, close in one trip). */
    @Benchmark
    public int smallFsReadAllBytes() {
        return rt.blockOn(Fs.readAllBytes(small)).length;
    }

    /** A 4 KiB file with {@link AsyncFile}: open, read, close. */
    @Benchmark
    public long smallAsyncFile() {
        return rt.blockOn(readAll(small));
    }

    /** A 4 KiB file with {@link AsynchronousFileChannel}: open, read, close. */
    @Benchmark
    public long smallAsynchronousFileChannel() throws IOException {
        return rt.blockOn(readAllAfc(small));
    }

    @Async
    static Future<Long> readAll(Path path) {
        long total = 0;
        try (AsyncFile file = await(AsyncFile.open(path))) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            for (int n; (n = await(file.read(buf.clear()))) >= 0; ) {
                total += n;
            }
        }
        return Future.ready(total);
    }

    @Async
    static Future<Long> readAllAfc(Path path) throws IOException {
        long total = 0;
        try (AsynchronousFileChannel file = AsynchronousFileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            for (int n; (n = await(read(file, buf.clear(), total))) >= 0; ) {
                total += n;
            }
        }
        return Future.ready(total);
    }

    static CompletableFuture<Integer> read(AsynchronousFileChannel file, ByteBuffer buf, long position) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        file.read(buf, position, done, new CompletionHandler<>() {
            @Override
            public void completed(Integer n, CompletableFuture<Integer> f) {
                f.complete(n);
            }

            @Override
            public void failed(Throwable e, CompletableFuture<Integer> f) {
                f.completeExceptionally(e);
            }
        });
        return done;
    }
}

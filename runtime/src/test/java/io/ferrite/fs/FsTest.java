package io.ferrite.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.BlockOn;
import io.ferrite.stream.AsyncStream;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsTest {

    @TempDir
    Path dir;
    AsyncRuntime rt;

    @BeforeEach
    void start() {
        rt = AsyncRuntime.builder().workerThreads(2).threadNamePrefix("fs").build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void writeString_and_readString_should_round_trip_text_on_the_blocking_pool() {
        Path file = dir.resolve("hello.txt");
        rt.blockOn(Fs.writeString(file, "Hello, file! €"));
        assertEquals("Hello, file! €", rt.blockOn(Fs.readString(file)));
        assertTrue(rt.metrics().numBlockingThreads() >= 1, "the calls ran on the blocking pool");
    }

    @Test
    void write_and_readAllBytes_should_round_trip_bytes_and_replace_what_the_file_held() {
        Path file = dir.resolve("data.bin");
        rt.blockOn(Fs.write(file, new byte[] {1, 2, 3, 4}));
        rt.blockOn(Fs.write(file, new byte[] {9}));
        assertArrayEquals(new byte[] {9}, rt.blockOn(Fs.readAllBytes(file)));
    }

    @Test
    void readString_should_fail_with_no_such_file_naming_the_path_when_it_is_missing() {
        Path missing = dir.resolve("missing.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> rt.blockOn(Fs.readString(missing)));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void readString_should_name_the_path_when_the_jdk_does_not() {
        IOException e = assertThrows(IOException.class, () -> rt.blockOn(Fs.readString(dir)));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void futures_should_be_lazy_and_touch_nothing_until_polled() {
        Path file = dir.resolve("never.txt");
        Future<Void> unpolled = Fs.writeString(file, "x");
        assertFalse(Files.exists(file));
        unpolled.cancel();
        assertFalse(Files.exists(file));
    }

    @Test
    void createDirectories_list_and_delete_should_work_on_a_tree() throws Exception {
        Path nested = dir.resolve("a/b/c");
        rt.blockOn(Fs.createDirectories(nested));
        rt.blockOn(Fs.createDirectories(nested));   // existing: fine
        Set<Path> expected = new HashSet<>();
        for (int i = 0; i < 150; i++) {            // more than one batch
            Path f = nested.resolve("f" + i);
            Files.writeString(f, "x");
            expected.add(f);
        }
        assertEquals(expected, listAll(nested));
        assertThrows(DirectoryNotEmptyException.class, () -> rt.blockOn(Fs.delete(nested)));
        for (Path f : expected) {
            rt.blockOn(Fs.delete(f));
        }
        rt.blockOn(Fs.delete(nested));
        assertFalse(Files.exists(nested));
        assertThrows(NoSuchFileException.class, () -> rt.blockOn(Fs.delete(nested)));
        assertEquals(Set.of(), listAll(dir.resolve("a/b")));
    }

    private Set<Path> listAll(Path d) {
        AsyncStream<Path> entries = Fs.list(d);
        Set<Path> out = new HashSet<>();
        for (Path p; (p = rt.blockOn(entries.next())) != null; ) {
            out.add(p);
        }
        assertEquals(null, rt.blockOn(entries.next()), "fused");
        return out;
    }

    @Test
    void list_should_fail_with_not_directory_when_given_a_file() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThrows(NotDirectoryException.class, () -> rt.blockOn(Fs.list(file).next()));
    }

    @Test
    void list_should_close_the_directory_when_cancelled_before_its_end() throws Exception {
        for (int i = 0; i < 100; i++) {
            Files.writeString(dir.resolve("f" + i), "x");
        }
        assertEquals(100, listAll(dir).size());   // warm up: the pool's thread started, classes loaded
        long before = openFds();
        AsyncStream<Path> entries = Fs.list(dir);
        rt.blockOn(entries.next());
        assertTrue(openFds() > before, "the directory is open while listed");
        entries.cancel();
        assertEquals(before, openFds());
        assertEquals(null, rt.blockOn(entries.next()));
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void readString_should_fail_saying_what_to_do_when_polled_outside_a_runtime() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BlockOn.blockOn(Fs.readString(dir.resolve("x"))));
        assertTrue(e.getMessage().contains("blocking pool"), e.getMessage());
        assertTrue(e.getMessage().contains("AsyncRuntime.blockOn"), e.getMessage());
    }
}

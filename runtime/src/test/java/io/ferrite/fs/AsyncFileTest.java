package io.ferrite.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.io.BufReader;
import io.ferrite.runtime.AsyncRuntime;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncFileTest {

    @TempDir
    Path dir;
    AsyncRuntime rt;

    @BeforeEach
    void start() {
        rt = AsyncRuntime.builder().workerThreads(2).threadNamePrefix("file").build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void writeAll_then_readExact_should_round_trip_bytes_larger_than_one_chunk() throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(3).nextBytes(bytes);
        Path path = dir.resolve("big.bin");
        try (AsyncFile file = rt.blockOn(AsyncFile.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE))) {
            rt.blockOn(file.writeAll(ByteBuffer.wrap(bytes)));
            assertEquals(bytes.length, file.position());
            rt.blockOn(file.sync());
            assertEquals(bytes.length, rt.blockOn(file.size()));
            rt.blockOn(file.position(0));
            ByteBuffer back = ByteBuffer.allocate(bytes.length);
            rt.blockOn(file.readExact(back));
            assertArrayEquals(bytes, back.array());
            assertEquals(-1, rt.blockOn(file.read(ByteBuffer.allocate(1))));
        }
        assertArrayEquals(bytes, Files.readAllBytes(path));
    }

    @Test
    void readToEnd_should_read_a_whole_file_through_the_blocking_pool() throws Exception {
        Path path = Files.writeString(dir.resolve("t.txt"), "line one\nline two\n");
        try (AsyncFile file = rt.blockOn(AsyncFile.open(path))) {
            assertEquals("line one\nline two\n", new String(rt.blockOn(file.readToEnd())));
        }
    }

    @Test
    void bufReader_should_read_lines_of_a_file() throws Exception {
        Path path = Files.writeString(dir.resolve("lines.txt"), "a\nb\r\nc");
        try (AsyncFile file = rt.blockOn(AsyncFile.open(path))) {
            BufReader in = new BufReader(file);
            assertEquals("a", rt.blockOn(in.readLine()));
            assertEquals("b", rt.blockOn(in.readLine()));
            assertEquals("c", rt.blockOn(in.readLine()));
            assertEquals(null, rt.blockOn(in.readLine()));
        }
    }

    @Test
    void write_should_return_before_the_bytes_land_and_flush_should_wait_for_them() throws Exception {
        Path path = dir.resolve("w.txt");
        try (AsyncFile file = rt.blockOn(AsyncFile.create(path))) {
            assertEquals(5, rt.blockOn(file.write(ByteBuffer.wrap("hello".getBytes()))));
            rt.blockOn(file.flush());
            assertEquals("hello", Files.readString(path));
        }
    }

    @Test
    void open_should_fail_with_no_such_file_naming_the_path() {
        Path missing = dir.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> rt.blockOn(AsyncFile.open(missing)));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void read_after_close_should_fail_naming_the_path() throws Exception {
        Path path = Files.writeString(dir.resolve("c.txt"), "x");
        AsyncFile file = rt.blockOn(AsyncFile.open(path));
        file.close();
        Exception e = assertThrows(Exception.class, () -> rt.blockOn(file.read(ByteBuffer.allocate(4))));
        assertTrue(e instanceof java.io.IOException, e.toString());
    }
}

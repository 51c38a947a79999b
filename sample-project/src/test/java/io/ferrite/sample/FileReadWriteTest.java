package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadWriteTest {

    @TempDir
    Path tmp;

    @Test
    void run_should_read_back_what_it_wrote_and_leave_nothing_behind() throws Exception {
        RealClock clock = new RealClock();
        Report report = clock.report();
        Path dir = tmp.resolve("files");
        FileReadWrite.Outcome outcome;
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build()) {
            outcome = rt.blockOn(new FileReadWrite(report, dir).run());
        }
        String out = clock.printed();
        assertEquals("Hello, Ferrite!", outcome.greeting(), out);
        assertEquals(List.of("order 1: 3 x tea", "order 2: 1 x cake", "order 3: 2 x coffee"), outcome.logLines(), out);
        assertEquals(List.of("hello.txt", "orders.log"), outcome.listed(), out);
        assertTrue(outcome.deleted(), out);
        assertFalse(Files.exists(dir), "the demo deleted its directory");
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.fs.AsyncFile;
import io.ferrite.runtime.AsyncRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of {@link AsyncFile}. */
class AsyncFileExampleTest {

    @TempDir
    Path dir;

    // --- the class example, as in the javadoc ---

    @Async
    Future<Long> appendLog(Path file, String line) throws IOException {
        try (AsyncFile log = await(AsyncFile.open(file, CREATE, WRITE, APPEND))) {
            await(log.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))));
            await(log.sync());                   // on the disk
            return Future.ready(await(log.size()));
        }
    }

    // --- end of the example ---

    @Test
    void appendLog_should_append_each_line_and_return_the_new_size() throws Exception {
        Path file = dir.resolve("app.log");
        try (AsyncRuntime rt = NetExamples.runtime()) {
            assertEquals(6L, rt.blockOn(appendLog(file, "start")));
            assertEquals(11L, rt.blockOn(appendLog(file, "stop")));
        }
        assertEquals("start\nstop\n", Files.readString(file));
    }
}

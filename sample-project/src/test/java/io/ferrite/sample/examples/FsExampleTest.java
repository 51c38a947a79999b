package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.fs.Fs;
import io.ferrite.runtime.AsyncRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of {@link Fs}. */
class FsExampleTest {

    @TempDir
    Path dir;

    // --- the class example, as in the javadoc ---

    @Async
    Future<Integer> countWords(Path file) throws IOException {
        String text = await(Fs.readString(file));
        await(Fs.writeString(file.resolveSibling("count.txt"), "words: " + text.split("\\s+").length));
        return Future.ready(text.split("\\s+").length);
    }

    // --- end of the example ---

    @Test
    void countWords_should_count_and_write_the_count_beside_the_file() throws Exception {
        Path file = Files.writeString(dir.resolve("poem.txt"), "the quick brown fox\njumps over the lazy dog");
        try (AsyncRuntime rt = NetExamples.runtime()) {
            assertEquals(9, rt.blockOn(countWords(file)));
        }
        assertEquals("words: 9", Files.readString(dir.resolve("count.txt")));
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.BufReader;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.stream.AsyncStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example of {@link BufReader}. */
class BufReaderExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Integer> countErrors(TcpStream stream) {
        AsyncStream<String> lines = new BufReader(stream).lines();
        int errors = 0;
        for (String line; (line = await(lines.next())) != null; ) {
            if (line.startsWith("ERROR")) errors++;
        }
        return Future.ready(errors);
    }

    // --- end of the example ---

    @Test
    void countErrors_should_count_the_error_lines_until_the_stream_ends() {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpStream[] p = NetExamples.pair(rt);
            String log = "INFO start\r\nERROR disk full\nWARN slow\nERROR disk still full\nINFO done";
            rt.blockOn(p[0].writeAll(ByteBuffer.wrap(log.getBytes(StandardCharsets.UTF_8))));
            p[0].close();
            assertEquals(2, rt.blockOn(countErrors(p[1])));
        }
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.BufWriter;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link BufWriter}. */
class BufWriterExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Void> report(TcpStream stream, List<String> rows) {
        BufWriter out = new BufWriter(stream);
        for (String row : rows) {
            await(out.writeAll(ByteBuffer.wrap((row + "\n").getBytes(UTF_8))));   // buffered
        }
        await(out.flush());                                                        // one write
        return Future.ready(null);
    }

    // --- end of the example ---

    @Test
    void report_should_send_every_row_once_flushed() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpStream[] p = NetExamples.pair(rt);
            rt.blockOn(report(p[0], List.of("a,1", "b,2", "c,3")));
            p[0].shutdownOutput();
            assertEquals("a,1\nb,2\nc,3\n", new String(rt.blockOn(p[1].readToEnd()), UTF_8));
        }
    }
}

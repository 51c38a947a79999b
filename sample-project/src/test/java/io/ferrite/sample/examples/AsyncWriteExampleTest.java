package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.AsyncWrite;
import io.ferrite.io.BufReader;
import io.ferrite.io.BufWriter;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The example of {@link AsyncWrite}. */
class AsyncWriteExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Void> send(AsyncWrite out, String line) {
        await(out.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))));
        await(out.flush());
        return Future.ready(null);
    }

    // --- end of the example ---

    @Test
    void send_should_deliver_the_line_through_a_buffered_writer_once_flushed() {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpStream[] p = NetExamples.pair(rt);
            rt.blockOn(send(new BufWriter(p[0]), "hello over TCP"));
            assertEquals("hello over TCP", rt.blockOn(new BufReader(p[1]).readLine()));
        }
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.AsyncRead;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import java.io.EOFException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The example of {@link AsyncRead}. */
class AsyncReadExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Integer> readHeader(AsyncRead in) {
        ByteBuffer header = ByteBuffer.allocate(4);
        await(in.readExact(header));        // fails with EOFException if the stream ends first
        return Future.ready(header.flip().getInt());
    }

    // --- end of the example ---

    @Test
    void readHeader_should_read_four_bytes_as_an_int_and_fail_at_an_early_end() {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpStream[] p = NetExamples.pair(rt);
            rt.blockOn(p[0].writeAll(ByteBuffer.allocate(4).putInt(0, 4242)));
            assertEquals(4242, rt.blockOn(readHeader(p[1])));
            rt.blockOn(p[0].writeAll(ByteBuffer.wrap(new byte[] {1, 2})));
            p[0].close();
            assertThrows(EOFException.class, () -> rt.blockOn(readHeader(p[1])));
        }
    }
}

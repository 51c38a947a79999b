package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.io.AsyncIo;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link AsyncIo}. */
class AsyncIoExampleTest {

    /** A logger stub that keeps what it is told. */
    static final class Log {
        final List<String> lines = new ArrayList<>();

        void info(String line) {
            lines.add(line);
        }
    }

    final Log log = new Log();

    // --- the class example, as in the javadoc ---

    @Async
    Future<Void> proxy(TcpStream client, InetSocketAddress upstream) throws IOException {
        try (client; TcpStream server = await(TcpStream.connect(upstream))) {
            AsyncIo.Transferred t = await(AsyncIo.copyBidirectional(client, server));
            log.info(t.aToB() + " bytes up, " + t.bToA() + " bytes down");
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    /** The upstream: answers what it read, upper-cased. */
    @Async
    Future<Void> shout(TcpListener listener) throws IOException {
        try (TcpStream s = await(listener.accept())) {
            String heard = new String(await(s.readToEnd()), UTF_8);
            await(s.writeAll(ByteBuffer.wrap(heard.toUpperCase().getBytes(UTF_8))));
            s.shutdownOutput();
        }
        return Future.ready(null);
    }

    @Test
    void proxy_should_relay_both_ways_and_log_the_byte_counts() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpListener upstream = rt.blockOn(TcpListener.bind(NetExamples.anyLoopbackPort()));
            rt.spawn(shout(upstream));
            TcpStream[] p = NetExamples.pair(rt);
            JoinHandle<Void> proxying = rt.spawn(proxy(p[1], upstream.localAddress()));
            rt.blockOn(p[0].writeAll(ByteBuffer.wrap("hello".getBytes(UTF_8))));
            p[0].shutdownOutput();
            assertEquals("HELLO", new String(rt.blockOn(p[0].readToEnd()), UTF_8));
            rt.blockOn(proxying);
            assertEquals(List.of("5 bytes up, 5 bytes down"), log.lines);
        }
    }
}

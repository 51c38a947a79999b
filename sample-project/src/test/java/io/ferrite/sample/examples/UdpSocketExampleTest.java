package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.net.UdpSocket;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The example of {@link UdpSocket}. */
class UdpSocketExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<String> ping(InetSocketAddress server) throws IOException {
        try (UdpSocket socket = await(UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)))) {
            await(socket.send(ByteBuffer.wrap("ping".getBytes(UTF_8)), server));
            ByteBuffer reply = ByteBuffer.allocate(1500);
            InetSocketAddress from = await(socket.receive(reply));
            return Future.ready(from + " says " + UTF_8.decode(reply.flip()));
        }
    }

    // --- end of the example ---

    @Async
    Future<Void> pong(UdpSocket server) {
        ByteBuffer in = ByteBuffer.allocate(1500);
        InetSocketAddress client = await(server.receive(in));
        await(server.send(ByteBuffer.wrap("pong".getBytes(UTF_8)), client));
        return Future.ready(null);
    }

    @Test
    void ping_should_get_the_answer_and_the_sender() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            UdpSocket server = rt.blockOn(UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)));
            JoinHandle<Void> answering = rt.spawn(pong(server));
            assertEquals(server.localAddress() + " says pong", rt.blockOn(ping(server.localAddress())));
            rt.blockOn(answering);
        }
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.stream.AsyncStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link TcpListener}. */
class TcpListenerExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<Void> serve(TcpListener listener) {
        AsyncStream<TcpStream> connections = listener.incoming();
        for (TcpStream c; (c = await(connections.next())) != null; ) {
            Task.spawn(echo(c));                  // one task per connection
        }
        return Future.ready(null);
    }

    @Async
    Future<Void> echo(TcpStream c) {
        try (c) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (await(c.read(buf)) >= 0) {
                await(c.writeAll(buf.flip()));
                buf.clear();
            }
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    @Async
    Future<String> roundTrip(InetSocketAddress server, String message) throws java.io.IOException {
        try (TcpStream s = await(TcpStream.connect(server))) {
            await(s.writeAll(ByteBuffer.wrap(message.getBytes(UTF_8))));
            s.shutdownOutput();
            return Future.ready(new String(await(s.readToEnd()), UTF_8));
        }
    }

    @Test
    void serve_should_echo_each_client_in_a_task_of_its_own() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            JoinHandle<Void> server = rt.spawn(serve(listener));
            List<JoinHandle<String>> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(rt.spawn(roundTrip(listener.localAddress(), "client " + i)));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("client " + i, rt.blockOn(clients.get(i)));
            }
            listener.close();
            server.abort();
        }
    }
}

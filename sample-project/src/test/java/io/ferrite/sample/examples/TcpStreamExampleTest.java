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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of {@link TcpStream}. */
class TcpStreamExampleTest {

    // --- the class example, as in the javadoc ---

    @Async
    Future<String> ask(InetSocketAddress server, String question) throws IOException {
        try (TcpStream stream = await(TcpStream.connect(server, Duration.ofSeconds(5)))) {
            await(stream.writeAll(ByteBuffer.wrap((question + "\n").getBytes(UTF_8))));
            stream.shutdownOutput();                      // the server reads the end of the stream
            return Future.ready(new String(await(stream.readToEnd()), UTF_8));
        }
    }

    // --- end of the example ---

    /** A server that reads the question to its end and answers it. */
    @Async
    Future<Void> answerOne(TcpListener listener) throws IOException {
        try (TcpStream client = await(listener.accept())) {
            String question = new String(await(client.readToEnd()), UTF_8).trim();
            await(client.writeAll(ByteBuffer.wrap(("you asked: " + question).getBytes(UTF_8))));
            client.shutdownOutput();
        }
        return Future.ready(null);
    }

    @Test
    void ask_should_send_the_question_and_read_the_whole_answer() throws Exception {
        try (AsyncRuntime rt = NetExamples.runtime()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(NetExamples.anyLoopbackPort()));
            JoinHandle<Void> server = rt.spawn(answerOne(listener));
            assertEquals("you asked: what time is it?", rt.blockOn(ask(listener.localAddress(), "what time is it?")));
            rt.blockOn(server);
        }
    }
}

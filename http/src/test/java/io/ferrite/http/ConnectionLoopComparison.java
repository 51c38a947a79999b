package io.ferrite.http;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Not a test: the measurement behind docs/http.md's choice of a hand-written connection. It
 * serves {@code GET /fast} either with {@link HttpServer} (its hand-written {@link Connection})
 * or with the same parser, head encoder and handler driven by an {@code @Async} loop that awaits
 * {@code read} and {@code writeAll}, as a first version of the server written with Ferrite's own
 * tools would. Only the keep-alive GET path is written in the {@code @Async} loop (no bodies,
 * no timeouts, no shutdown): it is the loop's cost per request that is compared.
 *
 * <pre>
 * java -cp http/target/test-classes:http/target/classes:runtime/target/classes:async-annotations/target/classes \
 *     io.ferrite.http.ConnectionLoopComparison hand|async PORT
 * wrk -t2 -c64 -d10s http://127.0.0.1:PORT/fast
 * </pre>
 */
final class ConnectionLoopComparison {

    private static final Response OK = Response.text(200, "ok");
    private static final Handler FAST = request -> Future.ready(OK);

    private ConnectionLoopComparison() {
    }

    public static void main(String[] args) throws IOException {
        boolean async = args[0].equals("async");
        int port = Integer.parseInt(args[1]);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (AsyncRuntime rt = AsyncRuntime.builder().threadNamePrefix("cmp").build()) {
            if (async) {
                TcpListener listener = rt.blockOn(TcpListener.bind(address, 4096));
                rt.spawn(acceptLoop(listener));
            } else {
                HttpServer server = rt.blockOn(HttpServer.builder().backlog(4096).bind(address));
                rt.spawn(server.serve(FAST));
            }
            System.out.println((async ? "@Async loop" : "hand-written connection") + " on " + address);
            rt.blockOn(Time.sleep(Duration.ofDays(1)));
        }
    }

    @Async
    private static Future<Void> acceptLoop(TcpListener listener) throws IOException {
        while (true) {
            TcpStream s = await(listener.accept());
            s.setNodelay(true);
            Task.spawn(connection(s));
        }
    }

    /** The keep-alive GET path of {@link Connection}, as an {@code @Async} loop. */
    @Async
    private static Future<Void> connection(TcpStream s) {
        try (s) {
            ReadBuffer rb = new ReadBuffer();
            RequestParser parser = new RequestParser(8192, 16384, 100);
            ResponseHead encoder = new ResponseHead();
            while (true) {
                parser.reset();
                int r = rb.isEmpty() ? RequestParser.PARTIAL : parser.parse(rb.array, rb.start, rb.end);
                while (r == RequestParser.PARTIAL) {
                    if (await(s.read(rb.readView(0, ReadBuffer.CHUNK))) < 0) {
                        return Future.ready(null);
                    }
                    rb.filled();
                    r = parser.parse(rb.array, rb.start, rb.end);
                }
                if (r == RequestParser.ERROR) {
                    return Future.ready(null);
                }
                RequestHead head = parser.head();
                head.bind(rb.array, rb.start);
                rb.consume(head.length);
                if (head.analyze() != 0) {
                    return Future.ready(null);
                }
                Response response = await(FAST.handle(new Request(head, null, 0, s.peerAddress())));
                byte[] body = response.body();
                ByteBuffer out = encoder.encode(response.status(), response.rawHeaders(), body.length, false, false);
                await(s.writeAll(out, ByteBuffer.wrap(body)));
            }
        } catch (Exception reset) {
            // the load generator resets its connections at the end (await declares nothing, so
            // only Exception catches the socket's IOException)
            return Future.ready(null);
        }
    }
}

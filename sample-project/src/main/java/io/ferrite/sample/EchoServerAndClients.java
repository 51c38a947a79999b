package io.ferrite.sample;

import static io.ferrite.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.stream.AsyncStream;
import io.ferrite.sync.Barrier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP echo server and many clients at once, on one runtime (Tokio's echo example): the
 * server reads {@code listener.incoming()} as a stream of connections and spawns a task per
 * connection; every client connects, waits until all are connected (so every connection is open
 * at the same time), sends its messages, and checks that each comes back byte for byte.
 *
 * <p>No thread waits for a socket: a task whose read would block is parked by the runtime until
 * the socket is readable, so a few worker threads serve all the connections.
 */
final class EchoServerAndClients {

    /** What the demo observed. */
    record Outcome(int clients, int clientsVerified, long bytesEchoed, int connectionsServed, int mostOpenAtOnce) {
    }

    private final Report report;
    private final int clients;
    private final int messages;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicLong echoed = new AtomicLong();

    EchoServerAndClients(Report report, int clients, int messages) {
        this.report = report;
        this.clients = clients;
        this.messages = messages;
    }

    /** The server: a task per connection, until {@code connections} were accepted. */
    @Async
    Future<Integer> serve(TcpListener listener, int connections) {
        AsyncStream<TcpStream> incoming = listener.incoming();
        List<JoinHandle<Void>> handlers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            TcpStream c = await(incoming.next());
            handlers.add(Task.spawn(echo(c)));
        }
        listener.close();
        for (JoinHandle<Void> h : handlers) {
            await(h);
        }
        return Future.ready(handlers.size());
    }

    /** One connection: everything read is written back, until the client shuts its side. */
    @Async
    Future<Void> echo(TcpStream c) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (c) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n;
            while ((n = await(c.read(buf))) >= 0) {
                await(c.writeAll(buf.flip()));
                echoed.addAndGet(n);
                buf.clear();
            }
        } finally {
            open.decrementAndGet();
        }
        return Future.ready(null);
    }

    /** One client: connect, wait for the others, then send each message and read it back; true if all matched. */
    @Async
    Future<Boolean> client(InetSocketAddress server, int id, Barrier allConnected) throws IOException {
        try (TcpStream s = await(TcpStream.connect(server))) {
            await(allConnected.arriveAndWait());
            boolean same = true;
            for (int m = 0; m < messages; m++) {
                byte[] sent = ("client " + id + " says hello #" + m + "\n").getBytes(UTF_8);
                await(s.writeAll(ByteBuffer.wrap(sent)));
                ByteBuffer back = ByteBuffer.allocate(sent.length);
                await(s.readExact(back));
                same &= Arrays.equals(sent, back.array());
            }
            s.shutdownOutput();
            same &= await(s.read(ByteBuffer.allocate(1))) == -1;   // the server closed after our end of stream
            return Future.ready(same);
        }
    }

    @Async
    Future<Outcome> run() throws IOException {
        TcpListener listener = await(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        InetSocketAddress address = listener.localAddress();
        long start = report.now();
        JoinHandle<Integer> server = Task.spawn(serve(listener, clients));
        Barrier allConnected = new Barrier(clients);
        List<JoinHandle<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tasks.add(Task.spawn(client(address, i, allConnected)));
        }
        int verified = 0;
        for (JoinHandle<Boolean> t : tasks) {
            verified += await(t) ? 1 : 0;
        }
        int served = await(server);
        report.line("echo server on %s; %d clients connected at once, %d messages each", address, clients, messages);
        report.line("%d of %d clients got every byte back; %d bytes echoed in %d ms; at most %d connections open"
                + " on the server at once", verified, clients, echoed.get(), report.millisSince(start), mostOpen.get());
        report.check(verified == clients, "every client got its own bytes back, in order, and then the end of stream");
        report.check(served == clients && echoed.get() == expectedBytes(),
                "the server echoed each connection in a task of its own, and nothing more");
        report.check(mostOpen.get() == clients,
                "all " + clients + " connections were open at the same time, served by a few worker threads");
        return Future.ready(new Outcome(clients, verified, echoed.get(), served, mostOpen.get()));
    }

    private long expectedBytes() {
        long n = 0;
        for (int id = 0; id < clients; id++) {
            for (int m = 0; m < messages; m++) {
                n += ("client " + id + " says hello #" + m + "\n").getBytes(UTF_8).length;
            }
        }
        return n;
    }
}

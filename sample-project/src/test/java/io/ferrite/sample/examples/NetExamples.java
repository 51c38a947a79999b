package io.ferrite.sample.examples;

import io.ferrite.net.TcpListener;
import io.ferrite.net.TcpStream;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** What the socket and file examples share: a real runtime (sockets need real readiness) and a free loopback port. */
final class NetExamples {

    private NetExamples() {
    }

    static AsyncRuntime runtime() {
        return AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix("example").build();
    }

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** A connected pair of streams: [client, server side]. */
    static TcpStream[] pair(AsyncRuntime rt) {
        TcpListener listener = rt.blockOn(TcpListener.bind(anyLoopbackPort()));
        JoinHandle<TcpStream> accepted = rt.spawn(listener.accept());
        TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress()));
        TcpStream server = rt.blockOn(accepted);
        listener.close();
        return new TcpStream[] {client, server};
    }
}

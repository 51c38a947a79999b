package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.runtime.driver.IoWaiter;
import io.ferrite.runtime.driver.NodeIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The engine of a {@link TcpStream}: try the system call, and wait on the driver only when it
 * would block. Each step first checks the task's cooperative budget, so a connection that
 * always has bytes ready cannot hold a worker.
 */
final class SocketEngine implements NodeIo {

    final IoRegistration reg;
    final SocketChannel channel;
    final InetSocketAddress local;
    final InetSocketAddress peer;
    /** The nodes of the poll methods (last waker wins), one per direction. */
    final IoWaiter pollReader = new IoWaiter();
    final IoWaiter pollWriter = new IoWaiter();

    SocketEngine(IoRegistration reg, SocketChannel channel) throws IOException {
        this.reg = reg;
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.peer = (InetSocketAddress) channel.getRemoteAddress();
    }

    @Override
    public Poll<Integer> pollRead(Context cx, ByteBuffer dst, IoWaiter node) throws IOException {
        if (reg.isClosed()) {
            throw IoErrors.closed(reg.closedReason(), "read from " + peer);
        }
        if (!Task.hasBudgetRemaining()) {
            cx.waker().wake();
            return Poll.pending();
        }
        int n;
        try {
            n = channel.read(dst);
        } catch (IOException e) {
            throw failure(e, "read from " + peer);
        }
        if (n != 0 || !dst.hasRemaining()) {
            Task.pollProceed(cx);
            return Poll.ready(n);
        }
        if (!reg.await(IoRegistration.READ, node, cx.waker())) {
            throw IoErrors.closed(reg.closedReason(), "read from " + peer);
        }
        return Poll.pending();
    }

    @Override
    public Poll<Long> pollWrite(Context cx, ByteBuffer[] srcs, IoWaiter node) throws IOException {
        if (reg.isClosed()) {
            throw IoErrors.closed(reg.closedReason(), "write to " + peer);
        }
        if (!Task.hasBudgetRemaining()) {
            cx.waker().wake();
            return Poll.pending();
        }
        long n;
        try {
            n = srcs.length == 1 ? channel.write(srcs[0]) : channel.write(srcs);
        } catch (IOException e) {
            throw failure(e, "write to " + peer);
        }
        if (n > 0 || !hasRemaining(srcs)) {
            Task.pollProceed(cx);
            return Poll.ready(n);
        }
        if (!reg.await(IoRegistration.WRITE, node, cx.waker())) {
            throw IoErrors.closed(reg.closedReason(), "write to " + peer);
        }
        return Poll.pending();
    }

    @Override
    public void leave(IoWaiter node) {
        reg.leave(node);
    }

    /** A failed system call: reported closed if our own close raced it, else the JDK's error with the address. */
    IOException failure(IOException e, String context) {
        return reg.isClosed() ? IoErrors.closed(reg.closedReason(), context) : IoErrors.withContext(e, context);
    }

    private static boolean hasRemaining(ByteBuffer[] srcs) {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TcpStream[" + local + " -> " + peer + (reg.isClosed() ? ", closed" : "") + "]";
    }
}

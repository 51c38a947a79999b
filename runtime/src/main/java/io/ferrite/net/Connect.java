package io.ferrite.net;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncSupport;
import io.ferrite.runtime.driver.IoDriver;
import io.ferrite.runtime.driver.IoErrors;
import io.ferrite.runtime.driver.IoRegistration;
import io.ferrite.runtime.driver.IoWaiter;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.time.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The future of {@link TcpStream#connect}: resolve the name if needed (on the blocking pool),
 * start a non-blocking connect, wait for {@code OP_CONNECT}, finish it; optionally race a timer.
 */
final class Connect extends IoWaiter implements Future<TcpStream> {

    private final SocketAddress address;
    private final Duration timeout;
    private Future<InetAddress> resolving;
    private InetSocketAddress target;
    private Future<Void> timer;
    private IoRegistration reg;
    private SocketChannel channel;
    private boolean done;

    Connect(SocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(this + " was polled after it completed");
        }
        try {
            Poll<TcpStream> p = step(cx);
            if (p.isReady()) {
                finish();
            }
            return p;
        } catch (Throwable failure) {
            abandon();
            throw AsyncSupport.sneaky(failure);
        }
    }

    private Poll<TcpStream> step(Context cx) throws IOException {
        if (timeout != null && timer == null) {
            timer = Time.sleep(timeout);
        }
        if (target == null && !resolve(cx)) {
            return timedOut(cx);
        }
        if (channel == null) {
            IoDriver driver = IoDriver.of(cx, this);
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
            } catch (IOException e) {
                throw IoErrors.withContext(e, "connect to " + target);
            }
            reg = driver.adopt(channel, SelectionKey.OP_READ, SelectionKey.OP_CONNECT);
            try {
                if (channel.connect(target)) {
                    return Poll.ready(established());
                }
            } catch (IOException e) {
                throw IoErrors.withContext(e, "connect to " + target);
            }
        } else {
            try {
                if (channel.finishConnect()) {
                    return Poll.ready(established());
                }
            } catch (IOException e) {
                throw reg.isClosed() ? IoErrors.closed(reg.closedReason(), "connect to " + target)
                        : IoErrors.withContext(e, "connect to " + target);
            }
        }
        if (!reg.await(IoRegistration.WRITE, this, cx.waker())) {
            throw IoErrors.closed(reg.closedReason(), "connect to " + target);
        }
        return timedOut(cx);
    }

    /** Resolves an unresolved name on the blocking pool; true once {@link #target} is known. */
    private boolean resolve(Context cx) throws IOException {
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("TcpStream.connect(" + address + "): not an InetSocketAddress");
        }
        if (!inet.isUnresolved()) {
            target = inet;
            return true;
        }
        if (resolving == null) {
            Scheduler s = Scheduler.of(cx);
            if (s == null) {
                IoDriver.of(cx, this);   // throws the "outside any runtime" error
            }
            String host = inet.getHostString();
            resolving = s.spawnBlocking(() -> InetAddress.getByName(host));
        }
        Poll<InetAddress> p = resolving.poll(cx);
        if (p.isPending()) {
            return false;
        }
        resolving = null;
        target = new InetSocketAddress(p.value(), inet.getPort());
        return true;
    }

    /** Pending, unless the timer has fired: then the attempt is given up. */
    private Poll<TcpStream> timedOut(Context cx) throws IOException {
        if (timer != null && timer.poll(cx).isReady()) {
            throw new SocketTimeoutException("Connect timed out after " + timeout + " (connect to "
                    + (target != null ? target : address) + ")");
        }
        return Poll.pending();
    }

    private TcpStream established() throws IOException {
        reg.writeOp(SelectionKey.OP_WRITE);
        try {
            return new TcpStream(new SocketEngine(reg, channel));
        } catch (IOException e) {
            throw IoErrors.withContext(e, "connect to " + target);
        }
    }

    private void finish() {
        done = true;
        if (reg != null) {
            reg.leave(this);
        }
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Gives the attempt up: the half-made connection is closed, the resolution and timer dropped. */
    private void abandon() {
        done = true;
        if (reg != null) {
            reg.leave(this);
            reg.close("closed");
        } else if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // never connected: nothing to report
            }
        }
        if (resolving != null) {
            resolving.cancel();
        }
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public void cancel() {
        if (!done) {
            abandon();
        }
    }

    @Override
    public String toString() {
        return "TcpStream.connect(" + address + (timeout != null ? ", " + timeout : "") + ")";
    }
}

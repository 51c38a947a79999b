package io.ferrite.http;

import io.ferrite.sync.Notify;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the connections of one server share: the limits, the handler, the set of open
 * connections (for the sweeper and the shutdown), the sweeper's tick count and the draining
 * flag.
 *
 * <p>Timeouts cost a connection no timer: it stamps its phase with the current tick when the
 * phase changes (one release store), and the sweeper, once a tick, marks and wakes the
 * connections whose phase has lasted too long (see {@link Connection#timing}).
 */
final class ServerCore {

    static final System.Logger LOG = System.getLogger(HttpServer.class.getName());

    final Limits limits;
    final long headerTicks;
    final long idleTicks;
    final Handler handler;
    final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /** Notified when the last connection closes while draining. */
    final Notify allClosed = new Notify();
    volatile long tick;
    volatile boolean draining;

    ServerCore(Limits limits, Handler handler) {
        this.limits = limits;
        this.handler = handler;
        this.headerTicks = limits.ticks(limits.headerTimeout());
        this.idleTicks = limits.ticks(limits.idleTimeout());
    }

    void add(Connection c) {
        open.add(c);
    }

    void remove(Connection c) {
        if (open.remove(c) && draining && open.isEmpty()) {
            allClosed.notifyOne();
        }
    }

    /** One sweep: advance the tick, then mark and wake the connections past their timeout. */
    void sweep() {
        long now = tick + 1;
        tick = now;
        for (Connection c : open) {
            c.expireIfDue(now, headerTicks, idleTicks);
        }
    }

    /** Starts draining: each connection closes when idle, or after the response in progress. */
    void drain() {
        draining = true;
        if (open.isEmpty()) {
            allClosed.notifyOne();
        }
        for (Connection c : open) {
            c.wake();
        }
    }
}

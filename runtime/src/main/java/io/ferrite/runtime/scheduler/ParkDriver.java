package io.ferrite.runtime.scheduler;

import java.util.function.BooleanSupplier;

/**
 * Something a worker with nothing to run may block in instead of {@code LockSupport.park}: the
 * runtime's I/O driver (Tokio's driver-in-park). One thread at a time turns it; the others park
 * as usual. Internal: not part of Ferrite's API.
 *
 * <p>The contract that keeps a wake from being lost: {@link #turn} first publishes that it is
 * about to block (with a full fence), then asks {@code mayBlock}, and blocks only if that says
 * yes; {@link #unpark()} makes a blocked (or about-to-block) turn return. A notifier writes its
 * news (a volatile write), then calls {@link #unpark()}, which reads the published state: one of
 * the two sides sees the other.
 */
public interface ParkDriver {

    /**
     * Waits for readiness once and wakes the tasks whose I/O became ready; any thread may call
     * it, one at a time.
     *
     * @param timeoutNanos how long to block: 0 not at all, negative until {@link #unpark()} or
     *                     readiness
     * @param mayBlock     asked after the turn published that it blocks: false makes it only
     *                     poll (the caller was notified meanwhile); null means yes
     * @return false if another thread was turning it (nothing was done)
     */
    boolean turn(long timeoutNanos, BooleanSupplier mayBlock);

    /** Makes a blocked turn return; costs nothing (no system call) when nobody is blocked in it. */
    void unpark();
}

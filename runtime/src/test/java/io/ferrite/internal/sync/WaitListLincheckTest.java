package io.ferrite.internal.sync;

import io.ferrite.testing.Lincheck;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the shared wait list driven the way its owners drive it: a FIFO counter of
 * free units (a semaphore in miniature; waiter {@code i} wants {@code 1 + i % 3} units) whose
 * operations run under one lock and wake after releasing it. Besides the results, every run checks
 * that each waiter taken off the list by a grant or a removal of all was woken exactly once, and a
 * cancelled one never.
 */
@Tag("stress")
@Param(name = "id", gen = IntGen.class, conf = "0:3")
@Param(name = "units", gen = IntGen.class, conf = "1:3")
public class WaitListLincheckTest {

    private static final int WAITERS = 4;

    private final WaitList list = new WaitList();
    private final WaitList.Waiter[] waiters = new WaitList.Waiter[WAITERS];
    private final AtomicIntegerArray wakes = new AtomicIntegerArray(WAITERS);
    /** Guarded by the list's monitor, as an owner's state is. */
    private final boolean[] cancelled = new boolean[WAITERS];
    private int free;

    public WaitListLincheckTest() {
        for (int i = 0; i < WAITERS; i++) {
            waiters[i] = new WaitList.Waiter(1 + i % 3) {
            };
        }
    }

    /** Takes the units waiter {@code id} wants now if free with nobody queued, else queues it. */
    @Operation
    public String acquire(@Param(name = "id") int id) {
        synchronized (list) {
            WaitList.Waiter w = waiters[id];
            if (w.remaining() != WaitList.Waiter.NEW) {
                return "used";
            }
            int units = w.requested();
            if (free >= units && list.isEmpty()) {
                free -= units;
                return "took";
            }
            list.add(w, () -> wakes.incrementAndGet(id));
            return "queued";
        }
    }

    /** Gives units back: to the waiters first, in order. */
    @Operation
    public int release(@Param(name = "units") int units) {
        WaitList.Waiter woken;
        int unused;
        synchronized (list) {
            unused = list.grant(units);
            free += unused;
            woken = list.takeWakeups();
        }
        WaitList.wake(woken);
        return unused;
    }

    /** A cancelled wait: what it held goes to the next waiters. */
    @Operation
    public int cancel(@Param(name = "id") int id) {
        WaitList.Waiter woken;
        int held;
        synchronized (list) {
            WaitList.Waiter w = waiters[id];
            if (w.isQueued()) {
                cancelled[id] = true;
            }
            held = list.remove(w);
            free += list.grant(held);
            woken = list.takeWakeups();
        }
        WaitList.wake(woken);
        return held;
    }

    /** A close: every waiter leaves, and what they held in part is free again. */
    @Operation
    public int removeAll() {
        WaitList.Waiter woken;
        int held;
        synchronized (list) {
            held = list.removeAll();
            free += held;
            woken = list.takeWakeups();
        }
        WaitList.wake(woken);
        return held;
    }

    /** What the polling task reads without the lock. */
    @Operation
    public int remaining(@Param(name = "id") int id) {
        return waiters[id].remaining();
    }

    @Validate
    public void everyWaiterTakenOffTheListWasWokenOnce() {
        synchronized (list) {
            for (int i = 0; i < WAITERS; i++) {
                int r = waiters[i].remaining();
                boolean served = r == 0 || (r == WaitList.Waiter.REMOVED && !cancelled[i]);
                int expected = served ? 1 : 0;
                if (wakes.get(i) != expected) {
                    throw new IllegalStateException("waiter " + i + " (remaining " + r + (cancelled[i] ? ", cancelled" : "")
                            + ") was woken " + wakes.get(i) + " times, expected " + expected);
                }
            }
        }
    }

    @Test
    void waitList_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void waitList_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}

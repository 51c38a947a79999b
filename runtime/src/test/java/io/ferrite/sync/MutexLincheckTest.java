package io.ferrite.sync;

import io.ferrite.testing.Lincheck;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Linearizability of the mutex's non-waiting operations; the held guard is shared state. */
@Tag("stress")
public class MutexLincheckTest {

    private final Mutex<Integer> mutex = new Mutex<>(0);
    private final AtomicReference<Mutex.Guard<Integer>> held = new AtomicReference<>();

    @Operation
    public int tryLockAndIncrement() {
        Mutex.Guard<Integer> g = mutex.tryLock();
        if (g == null) {
            return -1;
        }
        int v = g.get() + 1;
        g.set(v);
        held.set(g);
        return v;
    }

    /** Unlocks the held guard; waits out the moment between a tryLock and its guard's publication. */
    @Operation
    public boolean unlock() {
        while (true) {
            Mutex.Guard<Integer> g = held.getAndSet(null);
            if (g != null) {
                g.close();
                return true;
            }
            if (!mutex.isLocked()) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    @Operation
    public boolean isLocked() {
        return mutex.isLocked();
    }

    @Test
    void mutex_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void mutex_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}

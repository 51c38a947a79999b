package io.ferrite.sync;

import io.ferrite.testing.Lincheck;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Linearizability of the semaphore's non-waiting operations. */
@Tag("stress")
public class SemaphoreLincheckTest {

    private final Semaphore semaphore = new Semaphore(1);

    @Operation
    public boolean tryAcquire() {
        Semaphore.Permit p = semaphore.tryAcquire();
        if (p == null) {
            return false;
        }
        p.forget();
        return true;
    }

    @Operation
    public boolean tryAcquireTwo() {
        Semaphore.Permit p = semaphore.tryAcquireMany(2);
        if (p == null) {
            return false;
        }
        p.forget();
        return true;
    }

    @Operation
    public void addPermit() {
        semaphore.addPermits(1);
    }

    @Operation
    public int available() {
        return semaphore.availablePermits();
    }

    @Operation
    public void close() {
        semaphore.close();
    }

    @Test
    void semaphore_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void semaphore_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}

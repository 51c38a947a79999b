package io.ferrite.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.testing.CountingWaker;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {

    private final CountingWaker w1 = new CountingWaker();
    private final CountingWaker w2 = new CountingWaker();

    @Test
    void cancelled_should_complete_when_the_token_is_cancelled() {
        CancellationToken t = new CancellationToken();
        Future<Void> f = t.cancelled();
        w1.assertPending(f);
        assertFalse(t.isCancelled());
        t.cancel();
        assertTrue(t.isCancelled());
        assertTrue(w1.woken());
        w1.assertReady(f);
        w2.assertReady(t.cancelled());       // at once when already cancelled
    }

    @Test
    void child_should_be_cancelled_with_its_parent_and_grandparent() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.childToken();
        CancellationToken grandchild = child.childToken();
        Future<Void> f = grandchild.cancelled();
        w1.assertPending(f);
        root.cancel();
        assertTrue(child.isCancelled());
        assertTrue(grandchild.isCancelled());
        assertTrue(w1.woken());
        w1.assertReady(f);
    }

    @Test
    void child_cancel_should_not_cancel_the_parent() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.childToken();
        Future<Void> rootWait = root.cancelled();
        w1.assertPending(rootWait);
        child.cancel();
        assertTrue(child.isCancelled());
        assertFalse(root.isCancelled());
        assertFalse(w1.woken());
        w1.assertPending(rootWait);
    }

    @Test
    void childToken_should_be_cancelled_at_once_when_the_parent_already_is() {
        CancellationToken root = new CancellationToken();
        root.cancel();
        CancellationToken child = root.childToken();
        assertTrue(child.isCancelled());
        w1.assertReady(child.cancelled());
    }

    @Test
    void cancel_of_the_wait_should_leave_the_token_untouched_and_not_be_woken() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.childToken();
        Future<Void> f = child.cancelled();
        w1.assertPending(f);
        f.cancel();
        root.cancel();
        assertFalse(w1.woken(), "a cancelled wait left every queue it had joined");
        assertTrue(child.isCancelled());
    }
}

package io.ferrite.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.testing.CountingWaker;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver turned by the test's own threads (no I/O thread), over a pipe. */
class IoDriverTest {

    IoDriver driver;
    Pipe pipe;
    IoRegistration source;

    @BeforeEach
    void open() throws Exception {
        driver = new IoDriver("test", false);
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        source = driver.adopt(pipe.source(), SelectionKey.OP_READ, 0);
    }

    @AfterEach
    void close() throws Exception {
        driver.close();
        pipe.sink().close();
    }

    private void send(String s) throws Exception {
        pipe.sink().write(ByteBuffer.wrap(s.getBytes()));
    }

    @Test
    void await_should_set_the_interest_only_when_asked_and_turn_should_wake_the_waiter_when_ready() throws Exception {
        assertEquals(0, source.interestOps(), "adopting a channel does not touch the selector");
        CountingWaker waker = new CountingWaker();
        IoWaiter node = new IoWaiter();
        assertTrue(source.await(IoRegistration.READ, node, waker));
        assertEquals(SelectionKey.OP_READ, source.interestOps());
        send("x");
        driver.turn(-1);
        assertEquals(1, waker.takeWakes());
        assertFalse(node.isQueued(), "a woken node leaves the list");
    }

    @Test
    void turn_should_drop_the_interest_when_a_ready_channel_has_no_waiter_and_await_should_set_it_again() throws Exception {
        CountingWaker waker = new CountingWaker();
        IoWaiter node = new IoWaiter();
        source.await(IoRegistration.READ, node, waker);
        send("x");
        driver.turn(-1);
        assertEquals(1, waker.takeWakes());
        assertEquals(SelectionKey.OP_READ, source.interestOps(), "kept while the woken task has not read yet");
        driver.turn(0);   // still readable, nobody waits: a level-triggered selector would report it forever
        assertEquals(0, source.interestOps());
        source.await(IoRegistration.READ, node, waker);
        assertEquals(SelectionKey.OP_READ, source.interestOps());
        driver.turn(-1);
        assertEquals(1, waker.takeWakes(), "the bytes still there wake the new wait at once");
    }

    @Test
    void leave_should_release_the_interest_when_the_last_waiter_leaves() {
        IoWaiter one = new IoWaiter();
        IoWaiter two = new IoWaiter();
        source.await(IoRegistration.READ, one, new CountingWaker());
        source.await(IoRegistration.READ, two, new CountingWaker());
        assertEquals(2, source.waiterCount(IoRegistration.READ));
        source.leave(one);
        assertEquals(SelectionKey.OP_READ, source.interestOps(), "another task still waits");
        source.leave(two);
        assertEquals(0, source.interestOps());
        assertFalse(source.hasWaiters(IoRegistration.READ));
    }

    @Test
    void unpark_should_call_wakeup_only_when_a_thread_selects_and_once_per_select() throws Exception {
        for (int i = 0; i < 1000; i++) {
            driver.unpark();
        }
        assertEquals(0, driver.wakeupCount(), "nobody selects: waking costs no system call");
        Thread turner = new Thread(() -> driver.turn(-1));
        turner.start();
        while (!driver.isSelecting()) {
            LockSupport.parkNanos(100_000L);
        }
        for (int i = 0; i < 1000; i++) {
            driver.unpark();
        }
        turner.join();
        assertEquals(1, driver.wakeupCount(), "a thousand changes during one select cost one wakeup");
        assertEquals(1, driver.turnCount());
    }

    @Test
    void turn_should_keep_going_when_a_waker_throws() throws Exception {
        IoWaiter bad = new IoWaiter();
        CountingWaker good = new CountingWaker();
        source.await(IoRegistration.READ, bad, () -> {
            throw new IllegalStateException("a faulty waker");
        });
        source.await(IoRegistration.READ, new IoWaiter(), good);
        send("x");
        driver.turn(-1);
        assertEquals(1, good.takeWakes(), "the other waiter is still woken");
    }

    @Test
    void close_should_close_every_channel_and_wake_its_waiters() {
        CountingWaker waker = new CountingWaker();
        source.await(IoRegistration.READ, new IoWaiter(), waker);
        driver.close();
        assertEquals(1, waker.takeWakes());
        assertTrue(source.isClosed());
        assertFalse(pipe.source().isOpen());
        assertEquals("runtime 'test' shut down", source.closedReason());
        assertFalse(source.await(IoRegistration.READ, new IoWaiter(), waker), "nothing waits on a closed driver");
        assertEquals(0, driver.openCount());
    }
}

package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FutureTest {

    @Test
    void ready_should_return_value_on_every_poll() {
        Future<String> future = Future.ready("v");
        for (int i = 0; i < 3; i++) {
            Poll<String> poll = future.poll(Context.noop());
            assertTrue(poll.isReady());
            assertEquals("v", poll.value());
        }
    }

    @Test
    void ready_should_be_its_own_poll_when_polled() {
        Future<String> future = Future.ready("v");
        // Polling a ready future allocates nothing: the future is the poll.
        assertSame(future, future.poll(Context.noop()));
    }

    @Test
    void ready_should_share_one_instance_when_value_is_null() {
        Future<Object> a = Future.ready(null);
        Future<String> b = Future.ready(null);
        assertSame(a, b);
        assertNull(b.poll(Context.noop()).value());
    }

    @Test
    void ready_should_not_call_waker_when_polled() {
        AtomicInteger wakes = new AtomicInteger();
        Future.ready(1).poll(Context.of(wakes::incrementAndGet));
        assertEquals(0, wakes.get());
    }

    @Test
    void failed_should_throw_same_instance_on_every_poll() {
        IOException error = new IOException("disk full");
        Future<Integer> future = Future.failed(error);
        for (int i = 0; i < 3; i++) {
            Throwable thrown = assertThrows(Throwable.class, () -> future.poll(Context.noop()));
            assertSame(error, thrown);
        }
    }

    @Test
    void failed_should_throw_npe_when_error_is_null() {
        assertThrows(NullPointerException.class, () -> Future.failed(null));
    }

    @Test
    void cancel_should_do_nothing_by_default() {
        AtomicInteger polls = new AtomicInteger();
        Future<Integer> future = cx -> Poll.ready(polls.incrementAndGet());
        future.cancel();
        assertEquals(0, polls.get());
        assertEquals(1, future.poll(Context.noop()).value());
    }

    @Test
    void toString_should_show_value_or_error() {
        assertEquals("Future.ready(3)", Future.ready(3).toString());
        assertTrue(Future.failed(new IllegalStateException("boom")).toString().contains("boom"));
    }
}

package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextTest {

    @Test
    void of_should_return_context_holding_given_waker() {
        AtomicInteger wakes = new AtomicInteger();
        Waker waker = wakes::incrementAndGet;
        Context cx = Context.of(waker);
        assertSame(waker, cx.waker());
        cx.waker().wake();
        cx.waker().wake();
        assertEquals(2, wakes.get());
    }

    @Test
    void of_should_throw_npe_when_waker_is_null() {
        assertThrows(NullPointerException.class, () -> Context.of(null));
    }

    @Test
    void noop_should_return_shared_context_whose_waker_does_nothing() {
        assertSame(Context.noop(), Context.noop());
        assertSame(Waker.noop(), Context.noop().waker());
        Context.noop().waker().wake();
    }
}

package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** A task object that is its own context and waker. */
    static final class SelfWaking extends Context implements Waker {
        int wakes;

        @Override
        public void wake() {
            wakes++;
        }
    }

    /** Claims the no-argument constructor without being a waker. */
    static final class NotAWaker extends Context {
    }

    @Test
    void noArgConstructor_should_make_context_its_own_waker_when_subclass_is_a_waker() {
        SelfWaking task = new SelfWaking();
        assertSame(task, task.waker());
        task.waker().wake();
        assertEquals(1, task.wakes);
    }

    @Test
    void noArgConstructor_should_throw_when_subclass_is_not_a_waker() {
        IllegalStateException e = assertThrows(IllegalStateException.class, NotAWaker::new);
        assertTrue(e.getMessage().contains(NotAWaker.class.getName()), e.getMessage());
    }
}

package io.ferrite.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.sync.Semaphore;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A task whose waits are always ready (a channel full of messages, a semaphore with free
 * permits) must still yield now and then, or it holds its worker and starves the others:
 * Tokio's cooperative budget, which Ferrite's channels and semaphores spend.
 */
class CooperativeBudgetTest {

    private static final int ITEMS = 1_000;

    /**
     * Takes {@link #ITEMS} ready values in a loop that never suspends by itself, and records
     * how many it had taken when it first saw the other task's flag.
     */
    static final class Greedy implements Future<Integer> {
        private final Function<Context, Poll<?>> next;
        private final boolean[] otherRan;
        private int taken;
        private int takenWhenOtherRan = -1;

        Greedy(Function<Context, Poll<?>> next, boolean[] otherRan) {
            this.next = next;
            this.otherRan = otherRan;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (taken < ITEMS) {
                if (otherRan[0] && takenWhenOtherRan < 0) {
                    takenWhenOtherRan = taken;
                }
                if (next.apply(cx).isPending()) {
                    return Poll.pending();
                }
                taken++;
            }
            return Poll.ready(takenWhenOtherRan);
        }
    }

    /** Runs a greedy task and a one-poll task on one thread; returns when the other task ran. */
    private static int otherTaskRanAfter(Function<Context, Poll<?>> next) {
        boolean[] otherRan = {false};
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            return run(rt, next, otherRan);
        }
    }

    private static int run(AsyncRuntime rt, Function<Context, Poll<?>> next, boolean[] otherRan) {
        return rt.blockOn(new Future<Integer>() {
            JoinHandle<Integer> greedy;

            @Override
            public Poll<Integer> poll(Context cx) {
                if (greedy == null) {
                    greedy = rt.spawn(new Greedy(next, otherRan));
                    rt.spawn(ready -> {
                        otherRan[0] = true;
                        return Poll.ready(null);
                    });
                }
                return greedy.poll(cx);
            }
        });
    }

    @Test
    void mpsc_recv_should_yield_to_other_tasks_when_messages_are_always_ready() {
        Mpsc.UnboundedChannel<Integer> ch = Mpsc.unboundedChannel();
        for (int i = 0; i < ITEMS; i++) {
            ch.sender().send(i);
        }
        int taken = otherTaskRanAfter(cx -> ch.receiver().pollRecv(cx));
        assertTrue(taken > 0 && taken < ITEMS, "the other task ran after " + taken + " of " + ITEMS + " messages");
    }

    @Test
    void broadcast_recv_should_yield_to_other_tasks_when_messages_are_always_ready() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(ITEMS);
        Broadcast.Receiver<Integer> rx = ch.receiver();
        for (int i = 0; i < ITEMS; i++) {
            ch.sender().send(i);
        }
        int taken = otherTaskRanAfter(rx::pollRecv);
        assertTrue(taken > 0 && taken < ITEMS, "the other task ran after " + taken + " of " + ITEMS + " messages");
    }

    @Test
    void semaphore_acquire_should_yield_to_other_tasks_when_permits_are_always_free() {
        Semaphore semaphore = new Semaphore(1);
        int taken = otherTaskRanAfter(cx -> {
            Poll<Semaphore.Permit> p = semaphore.acquire().poll(cx);
            if (p.isReady()) {
                p.value().close();
            }
            return p;
        });
        assertTrue(taken > 0 && taken < ITEMS, "the other task ran after " + taken + " of " + ITEMS + " acquires");
        assertEquals(1, semaphore.availablePermits());
    }
}

package io.ferrite.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ferrite.Future;
import io.ferrite.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalQueueTest {

    private final Scheduler scheduler = new Scheduler(null, true, 2, "queue-test", 1, Duration.ofSeconds(1),
            (t, e) -> { }, TimeSource.system());
    private final InjectQueue inject = new InjectQueue();

    @AfterEach
    void close() {
        scheduler.shutdown(0);
    }

    private RawTask<?> task() {
        return new RawTask<>(scheduler, Future.ready(null));
    }

    @Test
    void pop_should_return_tasks_in_fifo_order() {
        LocalQueue q = new LocalQueue();
        RawTask<?> a = task();
        RawTask<?> b = task();
        q.push(a, inject);
        q.push(b, inject);
        assertEquals(2, q.size());
        assertSame(a, q.pop());
        assertSame(b, q.pop());
        assertNull(q.pop());
    }

    @Test
    void push_should_move_half_to_inject_queue_when_full() {
        LocalQueue q = new LocalQueue();
        List<RawTask<?>> all = new ArrayList<>();
        for (int i = 0; i < LocalQueue.CAPACITY + 1; i++) {
            RawTask<?> t = task();
            all.add(t);
            q.push(t, inject);
        }
        assertEquals(LocalQueue.CAPACITY / 2 + 1, inject.size());
        assertEquals(LocalQueue.CAPACITY / 2, q.size());
        assertSame(all.get(0), inject.pop(), "the oldest half moves, in order");
        assertSame(all.get(LocalQueue.CAPACITY / 2), q.pop());
    }

    @Test
    void stealInto_should_move_half_and_return_one() {
        LocalQueue victim = new LocalQueue();
        LocalQueue thief = new LocalQueue();
        Set<RawTask<?>> all = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            RawTask<?> t = task();
            all.add(t);
            victim.push(t, inject);
        }
        Worker w = scheduler.workers[1];
        RawTask<?> first = victim.stealInto(thief, w);
        assertEquals(5, victim.size());
        assertEquals(4, thief.size());
        assertEquals(5, w.counter(Worker.STEALS));
        Set<RawTask<?>> seen = new HashSet<>();
        seen.add(first);
        RawTask<?> t;
        while ((t = thief.pop()) != null) {
            seen.add(t);
        }
        while ((t = victim.pop()) != null) {
            seen.add(t);
        }
        assertEquals(all, seen, "every task once, none lost or duplicated");
        assertNull(victim.stealInto(thief, w));
    }
}

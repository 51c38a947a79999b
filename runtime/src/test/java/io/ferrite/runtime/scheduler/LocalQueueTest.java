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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LocalQueueTest {

    private final Scheduler scheduler = new Scheduler(null, true, 2, "queue-test", 1, Duration.ofSeconds(1),
            (t, e) -> { }, TimeSource.system(), 0);
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

    @Test
    @Tag("stress")
    void owner_and_thieves_racing_should_take_every_task_exactly_once() throws Exception {
        int n = 500_000;
        List<RawTask<?>> tasks = new ArrayList<>(n);
        java.util.IdentityHashMap<RawTask<?>, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            RawTask<?> t = task();
            tasks.add(t);
            index.put(t, i);
        }
        LocalQueue owner = new LocalQueue();
        AtomicIntegerArray taken = new AtomicIntegerArray(n);
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> thieves = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Worker w = scheduler.workers[1];
            Thread thief = new Thread(() -> {
                LocalQueue mine = new LocalQueue();
                while (!done.get() || !owner.isEmpty()) {
                    RawTask<?> t = owner.stealInto(mine, w);
                    if (t == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    taken.incrementAndGet(index.get(t));
                    RawTask<?> m;
                    while ((m = mine.pop()) != null) {
                        taken.incrementAndGet(index.get(m));
                    }
                }
            });
            thief.start();
            thieves.add(thief);
        }
        for (int i = 0; i < n; i++) {
            owner.push(tasks.get(i), inject);
            if (i % 3 == 0) {
                RawTask<?> t = owner.pop();
                if (t != null) {
                    taken.incrementAndGet(index.get(t));
                }
            }
        }
        done.set(true);
        for (Thread t : thieves) {
            t.join();
        }
        RawTask<?> t;
        while ((t = owner.pop()) != null) {
            taken.incrementAndGet(index.get(t));
        }
        while ((t = inject.pop()) != null) {
            taken.incrementAndGet(index.get(t));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, taken.get(i), "task " + i);
        }
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Notify;
import io.ferrite.time.VirtualTimeSource;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The examples of {@link Notify}. */
class NotifyExampleTest {

    record Job(String name) {
    }

    final Queue<Job> queue = new ConcurrentLinkedQueue<>();

    // --- the class example ---

    Notify ready = new Notify();

    @Async
    Future<Void> consumer() {
        while (queue.isEmpty()) {
            await(ready.notified());
        }
        return Future.ready(null);
    }

    void producer(Job job) {
        queue.add(job);
        ready.notifyOne();     // the consumer does not miss it, even if it has not waited yet
    }

    // --- end of the example ---

    @Test
    void consumer_should_return_when_the_producer_adds_a_job_after_it_started_waiting() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> waiting = rt.spawn(consumer());
            rt.blockOn(Task.yieldNow());                // the consumer finds no job and waits
            assertFalse(waiting.isFinished());
            producer(new Job("resize"));
            rt.blockOn(waiting);
        }
        assertEquals(new Job("resize"), queue.peek());
    }

    @Test
    void consumer_should_not_miss_a_notification_sent_before_it_waited() {
        ready.notifyOne();                              // a stored permit: nobody waits yet
        queue.add(new Job("late"));
        Runtimes.blockOnVirtual(consumer());
        assertEquals(new Job("late"), queue.peek());
    }

    // --- the notifyWaiters example ---

    final Notify notify = new Notify();
    final AtomicBoolean done = new AtomicBoolean();

    boolean condition() {
        return done.get();
    }

    @Async
    Future<Void> waitForCondition() {
        while (true) {
            Future<Void> changed = notify.notified();   // from now on, no notifyWaiters() is missed
            if (condition()) break;
            await(changed);
        }
        return Future.ready(null);
    }

    @Test
    void waitForCondition_should_return_once_the_condition_holds_and_waiters_are_notified() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> waiter = rt.spawn(waitForCondition());
            rt.blockOn(Task.yieldNow());   // the waiter checks and waits
            assertFalse(waiter.isFinished());
            done.set(true);
            notify.notifyWaiters();
            rt.blockOn(waiter);
            assertTrue(waiter.isFinished());
        }
    }
}

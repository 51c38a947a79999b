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

    // --- the enable example of the class documentation ---

    final Notify jobsAdded = new Notify();

    @Async
    @SuppressWarnings("try")
    Future<Job> nextJob() {
        while (true) {
            try (Notify.Notified next = jobsAdded.notified()) {
                next.enable();               // queued now: a notifyOne() from here on reaches it
                Job job = queue.poll();
                if (job != null) return Future.ready(job);   // closing it leaves the queue
                await(next);
            }
        }
    }

    // --- end of the example ---

    @Test
    void nextJob_should_get_the_job_whose_notifyOne_came_between_its_check_and_its_await() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Job> waiting = rt.spawn(nextJob());
            rt.blockOn(Task.yieldNow());               // found no job: enabled, then waiting
            queue.add(new Job("late"));
            jobsAdded.notifyOne();                      // reaches the enabled future, stores nothing
            assertEquals(new Job("late"), rt.blockOn(waiting));
        }
    }

    @Test
    void nextJob_should_leave_no_place_in_the_queue_when_it_returns_without_waiting() {
        queue.add(new Job("ready"));
        assertEquals(new Job("ready"), Runtimes.blockOnVirtual(nextJob()));
        jobsAdded.notifyOne();                          // nobody waits: stored, not swallowed
        assertTrue(jobsAdded.notified().enable(), "the notification was stored for the next waiter");
    }

    // --- the examples of Notify.Notified and enable() ---

    @Async
    @SuppressWarnings("try")
    Future<Boolean> waitIfEmpty() {
        boolean waited = false;
        try (Notify.Notified next = jobsAdded.notified()) {
            next.enable();
            if (queue.isEmpty()) {
                await(next);
                waited = true;
            }
        }
        return Future.ready(waited);
    }

    final Notify notify2 = new Notify();

    @Async
    @SuppressWarnings("try")
    Future<Void> waitUnlessDone() {
        try (Notify.Notified next = notify2.notified()) {
            if (!next.enable() && !condition()) {
                await(next);
            }
        }
        return Future.ready(null);
    }

    // --- end of the examples ---

    @Test
    void waitIfEmpty_should_not_wait_when_a_job_is_queued() {
        queue.add(new Job("ready"));
        assertFalse(Runtimes.blockOnVirtual(waitIfEmpty()));
    }

    @Test
    void waitIfEmpty_should_wait_for_a_notifyOne_when_no_job_is_queued() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Boolean> waiting = rt.spawn(waitIfEmpty());
            rt.blockOn(Task.yieldNow());
            assertFalse(waiting.isFinished());
            jobsAdded.notifyOne();
            assertTrue(rt.blockOn(waiting));
        }
    }

    @Test
    void waitUnlessDone_should_return_at_once_when_a_notifyOne_was_stored() {
        notify2.notifyOne();
        Runtimes.blockOnVirtual(waitUnlessDone());
        assertFalse(notify2.notified().enable(), "the stored permit was taken by enable()");
    }

    @Test
    void waitUnlessDone_should_pass_a_notification_on_when_the_condition_already_holds() {
        done.set(true);
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            rt.blockOn(waitUnlessDone());
        }
        notify2.notifyOne();
        assertTrue(notify2.notified().enable(), "the closed future left the queue: the permit was stored");
    }
}

package io.ferrite.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle path: spinning workers end parked, one of them in the park driver when there is one,
 * and every kind of news (a spawn from outside, an earlier timer, shutdown) reaches a worker
 * blocked there. No timing: conditions are awaited, and a condition never met fails with what
 * was seen.
 */
class IdleParkTest {

    private Scheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            assertTrue(scheduler.shutdown(Duration.ofSeconds(30).toNanos()), "every worker ended at shutdown");
        }
    }

    private Scheduler start(int workers) {
        scheduler = new Scheduler(new Object(), true, workers, "idle-test", 4, Duration.ofSeconds(1), (t, e) -> { },
                TimeSource.system(), 0);
        scheduler.start();
        return scheduler;
    }

    /** A task that yields {@code n} times (each yield wakes itself: a spin's worth of work for the workers). */
    private static Future<Integer> yielding(int n) {
        return new Future<>() {
            int left = n;

            @Override
            public Poll<Integer> poll(Context cx) {
                if (left-- > 0) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready(n);
            }
        };
    }

    private static void awaitCondition(String what, BooleanSupplier condition, Object seen) {
        for (int i = 0; i < 30_000 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        if (!condition.getAsBoolean()) {
            fail(what + " never happened; seen: " + seen);
        }
    }

    private static boolean blockedOutsideTheDriver(Worker w) {
        Thread.State st = w.thread.getState();
        return w.parkState == Worker.PARKED && !w.inDriver
                && (st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING);
    }

    private void runBurst(Scheduler s) {
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            handles.add(s.spawn(yielding(3)));
        }
        int sum = 0;
        for (JoinHandle<Integer> h : handles) {
            sum += s.blockOn(h);
        }
        assertEquals(6_000, sum);
    }

    private static String states(Scheduler s) {
        StringBuilder b = new StringBuilder();
        for (Worker w : s.workers) {
            b.append(w.thread.getName()).append(' ').append(w.thread.getState()).append(" parkState=")
                    .append(w.parkState).append(" inDriver=").append(w.inDriver).append("; ");
        }
        return b.toString();
    }

    @Test
    void workers_should_end_parked_when_the_runtime_is_idle_after_a_burst() {
        Scheduler s = start(2);
        runBurst(s);
        awaitCondition("both workers parked (not spinning)",
                () -> blockedOutsideTheDriver(s.workers[0]) && blockedOutsideTheDriver(s.workers[1]), states(s));
    }

    @Test
    void one_worker_should_wait_in_the_park_driver_and_the_other_park_when_the_runtime_is_idle() {
        Scheduler s = start(2);
        FakeDriver d = new FakeDriver();
        assertTrue(s.parkIn(d));
        runBurst(s);
        awaitCondition("one worker blocked in the driver, the other parked",
                () -> d.blocked > 0 && (blockedOutsideTheDriver(s.workers[0]) || blockedOutsideTheDriver(s.workers[1]))
                        && (s.workers[0].inDriver || s.workers[1].inDriver),
                states(s));
    }

    @Test
    void spawn_from_outside_should_wake_a_worker_outside_the_driver_when_one_sleeps_there() {
        Scheduler s = start(2);
        FakeDriver d = new FakeDriver();
        s.parkIn(d);
        runBurst(s);
        awaitCondition("one worker in the driver, one parked", () -> d.blocked > 0
                && (blockedOutsideTheDriver(s.workers[0]) || blockedOutsideTheDriver(s.workers[1])), states(s));
        int unparks = d.unparks.get();
        // A task that completes at its first poll: the spawn is the only news (a task that
        // yields would requeue itself, and more work in a queue may wake the one in the driver).
        assertEquals(0, s.blockOn(s.spawn(yielding(0))));
        assertEquals(unparks, d.unparks.get(), "the worker in the driver was left watching the sockets");
    }

    /** One worker, idle in {@code d}. */
    private Scheduler oneWorkerInDriver(FakeDriver d) {
        Scheduler s = start(1);
        s.parkIn(d);
        awaitCondition("the worker blocked in the driver", () -> d.blocked > 0 && s.workers[0].inDriver, states(s));
        return s;
    }

    @Test
    void spawn_from_outside_should_unpark_the_driver_when_the_only_worker_waits_in_it() {
        FakeDriver d = new FakeDriver();
        Scheduler s = oneWorkerInDriver(d);
        assertEquals(5, s.blockOn(s.spawn(yielding(5))));
        assertTrue(d.unparks.get() >= 1, "the wake went through the driver");
    }

    /**
     * A worker that finds the driver taken falls back to {@code LockSupport.park} while its
     * {@code inDriver} mark is still set; a notifier that reads the mark then must unpark the
     * thread too, or the notified worker sleeps on, counted as searching, and no one is woken
     * again (seen once as a hang of the descriptor-leak test). Many spawns from outside, each
     * waited for, with both workers racing to park.
     */
    @Test
    void spawns_from_outside_should_all_run_when_the_workers_race_for_the_driver() throws Exception {
        Scheduler s = start(2);
        s.parkIn(new FakeDriver());
        int rounds = Boolean.getBoolean("ferrite.stress.full") ? 100_000 : 2_000;
        for (int i = 0; i < rounds; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            s.spawn(cx -> {
                ran.countDown();
                return Poll.ready(null);
            });
            if (!ran.await(60, TimeUnit.SECONDS)) {
                fail("spawn " + i + " never ran: a wake was lost; " + states(s));
            }
        }
    }

    @Test
    void an_earlier_timer_should_reach_the_worker_blocked_in_the_driver() {
        Scheduler s = oneWorkerInDriver(new FakeDriver());
        AtomicInteger fired = new AtomicInteger();
        TimerEntry entry = new TimerEntry() { };
        entry.deadline = s.timers.clock().nanoTime() + Duration.ofMillis(5).toNanos();
        assertTrue(s.timers.register(entry, fired::incrementAndGet));
        awaitCondition("the timer fired", () -> fired.get() > 0, states(s));
    }

    @Test
    void shutdown_should_end_the_worker_blocked_in_the_driver() {
        Scheduler s = start(2);
        FakeDriver d = new FakeDriver();
        s.parkIn(d);
        awaitCondition("a worker blocked in the driver", () -> d.blocked > 0, states(s));
        scheduler = null;
        assertTrue(s.shutdown(Duration.ofSeconds(30).toNanos()), "every worker ended: " + states(s));
    }

    /**
     * A park driver with the real one's gate and no selector: a turn blocks on a monitor until
     * {@link #unpark()} or its timeout, and counts the unparks that found it blocked.
     */
    static final class FakeDriver implements ParkDriver {
        private final Object lock = new Object();
        private boolean holder;
        private boolean selecting;
        private boolean woken;
        volatile int blocked;
        final AtomicInteger unparks = new AtomicInteger();

        @Override
        public boolean turn(long timeoutNanos, BooleanSupplier mayBlock) {
            boolean taken;
            synchronized (lock) {
                taken = holder;
            }
            if (taken) {
                // Keep the caller's inDriver mark set for a while, as a descheduled thread would:
                // the window in which a notifier reads a stale mark.
                LockSupport.parkNanos(200_000L);
                return false;
            }
            synchronized (lock) {
                if (holder) {
                    return false;
                }
                holder = true;
                if (timeoutNanos == 0) {
                    holder = false;
                    return true;
                }
                selecting = true;
            }
            try {
                if (mayBlock != null && !mayBlock.getAsBoolean()) {
                    return true;
                }
                synchronized (lock) {
                    blocked++;
                    long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
                    while (!woken) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        lock.wait(Math.max(1, Math.min(left / 1_000_000L, 60_000L)));
                    }
                    blocked--;
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } finally {
                synchronized (lock) {
                    selecting = false;
                    woken = false;
                    holder = false;
                }
            }
        }

        @Override
        public void unpark() {
            synchronized (lock) {
                if (selecting && !woken) {
                    woken = true;
                    unparks.incrementAndGet();
                    lock.notifyAll();
                }
            }
        }
    }
}

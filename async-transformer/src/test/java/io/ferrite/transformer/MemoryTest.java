package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.stream.AsyncStream;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.transformer.testing.StreamDriver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One state machine per call, reused at every suspension: suspending a loop a million times
 * does not grow the heap, and a suspended machine holds only what is live.
 */
@SuppressWarnings("unchecked")
class MemoryTest {

    private static final String LOOPS = "io.ferrite.transformer.fixtures.Loops";
    private static final String GENERATORS = "io.ferrite.transformer.fixtures.Generators";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private static final Poll<Integer> READY_ONE = Poll.ready(1);

    /** Pending on every other poll, then ready with 1: one suspension per await; allocates nothing. */
    static final class Alternating implements Future<Integer> {
        private boolean pending;

        @Override
        public Poll<Integer> poll(Context cx) {
            pending = !pending;
            if (pending) {
                cx.waker().wake();
                return Poll.pending();
            }
            return READY_ONE;
        }
    }

    @Test
    void ready_awaits_should_allocate_nothing() {
        Object machine = loader.call(LOOPS, "suspendManyOn", Future.ready(1), 1_000_000);
        Driver<Long> driver = Driver.of(machine);
        long before = allocatedBytes();
        Poll<Long> poll = driver.poll();
        long allocated = allocatedBytes() - before;
        assertEquals(1_000_000L, poll.value());
        // The completion allocates a Long and its ready future; a million awaits add nothing.
        assertTrue(allocated < 10_000, allocated + " bytes allocated by a million ready awaits");
    }

    @Test
    void suspensions_should_allocate_nothing_in_the_state_machine() {
        int times = 100_000;
        Driver<Long> driver = Driver.of(loader.call(LOOPS, "suspendManyOn", new Alternating(), times));
        driver.assertPending();
        long before = allocatedBytes();
        for (int i = 1; i < times; i++) {
            driver.poll();
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 10_000, allocated + " bytes allocated by " + times + " suspensions and resumptions");
        driver.assertReady((long) times);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void suspending_a_loop_a_million_times_should_keep_the_heap_flat() {
        int times = 1_000_000;
        Driver<Long> driver = Driver.of(loader.call(LOOPS, "suspendManyOn", new Alternating(), times));
        long atHundredThousand = 0;
        for (int i = 0; i < times; i++) {
            driver.assertPending();
            if (i == 100_000) {
                atHundredThousand = usedHeapAfterGc();
            }
        }
        long atMillion = usedHeapAfterGc();
        driver.assertReady((long) times);
        assertEquals(times, driver.wakes());
        // Nine hundred thousand more suspensions: anything retained per suspension (even 8 bytes)
        // would show as 7 MB or more; GC noise stays well under that.
        assertTrue(atMillion - atHundredThousand < 4 * 1024 * 1024,
                "heap grew from " + atHundredThousand + " to " + atMillion + " bytes");
    }

    @Test
    void emitting_in_a_loop_a_million_times_should_keep_the_heap_flat_and_allocate_only_the_item_polls() {
        int times = 1_000_000;
        AsyncStream<Integer> stream = (AsyncStream<Integer>) loader.call(GENERATORS, "many", times);
        Context cx = Context.noop();
        long atHundredThousand = 0;
        long allocatedFrom = 0;
        long allocated = 0;
        for (int i = 0; i < times; i++) {
            if (i == 100_000) {
                atHundredThousand = usedHeapAfterGc();
                allocatedFrom = allocatedBytes();
            }
            assertEquals(1, stream.pollNext(cx).value());
            if (i == 200_000) {
                allocated = allocatedBytes() - allocatedFrom;
            }
        }
        long atMillion = usedHeapAfterGc();
        assertEquals(null, stream.pollNext(cx).value());
        assertTrue(atMillion - atHundredThousand < 4 * 1024 * 1024,
                "heap grew from " + atHundredThousand + " to " + atMillion + " bytes");
        // One ready Poll per item (16 bytes with compressed oops, 24 without), nothing else.
        assertTrue(allocated <= 100_001L * 24, allocated + " bytes allocated by 100,000 emits");
    }

    @Test
    void suspended_generator_should_hold_only_live_values() throws Exception {
        List<String> log = new ArrayList<>();
        ManualFuture<String> f = new ManualFuture<>("f");
        Object generator = loader.call(GENERATORS, "nestedFinally", f, log);
        StreamDriver<String> stream = StreamDriver.of(generator);
        stream.assertItem("one");
        assertEquals(Map.of("L$0", f, "L$1", log), references(generator), "at the first emit: f and log live");
        stream.assertPending();
        f.complete("two");
        stream.assertItem("two");
        assertEquals(Map.of("L$0", log), references(generator), "f is dead after its await");
        stream.assertItem("three");
        stream.assertEnd();
        assertEquals(Map.of(), references(generator), "nothing retained after the end");
    }

    @Test
    void suspended_machine_should_hold_only_live_values_and_the_awaited_future() throws Exception {
        Alternating awaited = new Alternating();
        Object machine = loader.call(LOOPS, "suspendManyOn", awaited, 3);
        Driver<Long> driver = Driver.of(machine);
        driver.assertPending();
        // The parameter 'future' is live (the loop awaits it again) and is the awaited future.
        assertEquals(Map.of("L$0", awaited, "awaiting", awaited), references(machine));
        driver.assertPending();
        driver.assertPending();
        driver.assertReady(3L);
        assertEquals(Map.of(), references(machine), "nothing retained after completion");
    }

    @Test
    void resumed_machine_should_clear_references_a_later_state_does_not_need() throws Exception {
        ManualFuture<Integer> a = new ManualFuture<>("a");
        ManualFuture<Integer> b = new ManualFuture<>("b");
        Object machine = loader.call("io.ferrite.transformer.fixtures.Basics", "add", a, b);
        assertEquals(Map.of("L$0", a, "L$1", b), references(machine), "state 0 holds the parameters");
        Driver<Integer> driver = Driver.of(machine);
        driver.assertPending();
        assertEquals(Map.of("L$0", b, "awaiting", a), references(machine), "state 1: b is live, a awaited");
        a.complete(1);
        driver.assertPending();
        assertEquals(Map.of("awaiting", b), references(machine), "state 2 keeps x in an int field only");
    }

    /** The non-null reference fields of a machine, by name. */
    private static Map<String, Object> references(Object machine) throws IllegalAccessException {
        Map<String, Object> references = new HashMap<>();
        for (Class<?> c = machine.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(machine);
                if (value != null) {
                    references.put(field.getName(), value);
                }
            }
        }
        return references;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}

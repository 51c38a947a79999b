package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The examples of {@link Semaphore}. */
class SemaphoreExampleTest {

    /** An HTTP client stub whose calls take 100 ms and count how many are in flight. */
    final class Http {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Async
        Future<String> get(String url) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            await(Time.sleep(Duration.ofMillis(100)));
            inFlight.decrementAndGet();
            return Future.ready("body of " + url);
        }
    }

    final Http http = new Http();

    // --- the class example, as in the javadoc ---

    Semaphore limit = new Semaphore(3);   // at most three requests in flight

    @Async
    @SuppressWarnings("try")
    Future<String> fetch(String url) {
        try (Semaphore.Permit permit = await(limit.acquire())) {
            return Future.ready(await(http.get(url)));
        }                                 // the permit goes back here, even on failure
    }

    // --- end of the example ---

    @Async
    Future<List<String>> fetchAll(int n) {
        List<JoinHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(Task.spawn(fetch("/page/" + i)));
        }
        List<String> bodies = new ArrayList<>();
        for (JoinHandle<String> h : handles) {
            bodies.add(await(h));
        }
        return Future.ready(bodies);
    }

    @Test
    void fetch_should_keep_at_most_three_requests_in_flight_when_eight_run_at_once() {
        List<String> bodies = Runtimes.blockOnVirtual(fetchAll(8));
        assertEquals(8, bodies.size());
        assertEquals("body of /page/7", bodies.get(7));
        assertEquals(3, http.maxInFlight.get());
        assertEquals(3, limit.availablePermits(), "every permit given back");
    }

    @Async
    @SuppressWarnings("try")
    Future<String> fetchAsFirstDocumented(String url) {
        try (Semaphore.Permit permit = await(limit.acquire())) {
            return http.get(url);         // a tail: runs after the try-with-resources closed the permit
        }
    }

    @Async
    Future<Integer> maxInFlightOfFirstDocumented(int n) {
        List<JoinHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(Task.spawn(fetchAsFirstDocumented("/page/" + i)));
        }
        for (JoinHandle<String> h : handles) {
            await(h);
        }
        return Future.ready(http.maxInFlight.get());
    }

    /** Why the javadoc awaits the call inside the try: returning the future limits nothing. */
    @Test
    void fetch_should_not_limit_anything_when_it_returns_the_call_instead_of_awaiting_it() {
        assertEquals(8, Runtimes.blockOnVirtual(maxInFlightOfFirstDocumented(8)));
    }

    // --- the example of Semaphore.Permit.merge ---

    final Semaphore semaphore = new Semaphore(2);

    @Async
    Future<Semaphore.Permit> takeTwo() {
        Semaphore.Permit both = await(semaphore.acquire());
        both.merge(await(semaphore.acquire()));   // one permit worth 2, given back at once
        return Future.ready(both);
    }

    // --- end of the example ---

    @Test
    void takeTwo_should_hold_both_permits_in_one_and_give_them_back_together() {
        Semaphore.Permit both = Runtimes.blockOnVirtual(takeTwo());
        assertEquals(2, both.count());
        assertEquals(0, semaphore.availablePermits());
        both.close();
        assertEquals(2, semaphore.availablePermits());
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.JoinSet;
import io.ferrite.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Semaphore limiting concurrency (Tokio's {@code Semaphore}): eight requests are spawned at
 * once, but each must hold one of three permits while it talks to the backend, so at most three
 * are in flight and the others queue, in order, for a permit.
 */
final class SemaphoreLimit {

    /** What the demo observed. */
    record Outcome(int maxInFlight, List<Integer> finished, long millis) {
    }

    private static final int REQUESTS = 8;
    private static final int LIMIT = 3;
    private static final Duration REQUEST_TIME = Duration.ofMillis(100);

    private final Report report;
    private final Semaphore backendSlots = new Semaphore(LIMIT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private long start;

    SemaphoreLimit(Report report) {
        this.report = report;
    }

    @Async
    @SuppressWarnings("try")                            // the permit is held, never read
    Future<Integer> request(int id) {
        try (Semaphore.Permit permit = await(backendSlots.acquire())) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            report.at(start, "request %d starts", id);
            await(sleep(REQUEST_TIME));                 // the backend call
            inFlight.decrementAndGet();
        }                                               // the permit goes back here, even on failure
        return Future.ready(id);
    }

    @Async
    Future<Outcome> run() {
        start = report.now();
        List<Integer> finished = new ArrayList<>();
        try (JoinSet<Integer> requests = new JoinSet<>()) {
            for (int id = 1; id <= REQUESTS; id++) {
                requests.spawn(request(id));
            }
            while (!requests.isEmpty()) {
                finished.add(await(requests.joinNext()));   // in the order they finish
            }
        }
        long millis = report.millisSince(start);
        report.line("%d requests of %d ms with %d permits: all done in %d ms, at most %d in flight", REQUESTS,
                REQUEST_TIME.toMillis(), LIMIT, millis, maxInFlight.get());
        report.line("one at a time they would take %d ms; without a limit the backend would see %d at once",
                REQUESTS * REQUEST_TIME.toMillis(), REQUESTS);
        report.check(maxInFlight.get() == LIMIT, "never more than " + LIMIT + " requests in flight, and the limit"
                + " was reached");
        report.check(finished.size() == REQUESTS && millis < REQUESTS * REQUEST_TIME.toMillis(),
                "every request finished, " + LIMIT + " at a time rather than one at a time");
        return Future.ready(new Outcome(maxInFlight.get(), finished, millis));
    }
}

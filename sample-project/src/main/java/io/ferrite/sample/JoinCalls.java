package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;
import static io.ferrite.Futures.tryJoin;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * join and tryJoin (Tokio's {@code join!} and {@code try_join!}): independent calls run at the
 * same time, so three calls take as long as the slowest, not the sum. {@code tryJoin} stops at
 * the first failure and cancels the calls still running.
 */
final class JoinCalls {

    /** What the demo observed. */
    record Outcome(List<String> joined, long joinMillis, String tryJoinFailure, List<String> cancelled) {
    }

    private final Report report;
    private final List<String> cancelled = new CopyOnWriteArrayList<>();

    JoinCalls(Report report) {
        this.report = report;
    }

    /** A remote call that answers after {@code millis}, or fails then if {@code fails}. */
    @Async
    Future<String> call(String service, int millis, boolean fails) {
        try {
            await(sleep(Duration.ofMillis(millis)));
        } catch (Cancelled c) {
            cancelled.add(service);      // thrown at the await when the call is cancelled
            throw c;
        }
        if (fails) {
            throw new ServiceException(service + " answered 503");
        }
        return Future.ready(service + " ok");
    }

    @Async
    Future<Outcome> run() {
        long start = report.now();
        Futures.Join3<String, String, String> all = await(join(
                call("prices", 100, false),
                call("stock", 200, false),
                call("reviews", 300, false)));
        long joinMillis = report.millisSince(start);
        report.line("join(prices 100 ms, stock 200 ms, reviews 300 ms) -> [%s, %s, %s] in %d ms",
                all.first(), all.second(), all.third(), joinMillis);
        report.line("one after the other they would take 100 + 200 + 300 = 600 ms");
        report.check(joinMillis < 600, "the join took less than the sum: the calls ran at the same time");

        start = report.now();
        String failure = null;
        try {
            await(tryJoin(
                    call("prices", 100, false),
                    call("stock", 150, true),
                    call("reviews", 5000, false)));
        } catch (ServiceException e) {
            failure = e.getMessage();
        }
        report.line("tryJoin(prices 100 ms, stock fails at 150 ms, reviews 5000 ms) failed after %d ms: %s",
                report.millisSince(start), failure);
        report.line("cancelled without waiting for them: %s", cancelled);
        report.check("stock answered 503".equals(failure), "tryJoin failed with the first failure, unwrapped");
        report.check(cancelled.equals(List.of("reviews")), "the call still running was cancelled, not awaited");
        return Future.ready(new Outcome(List.of(all.first(), all.second(), all.third()), joinMillis, failure,
                List.copyOf(cancelled)));
    }
}

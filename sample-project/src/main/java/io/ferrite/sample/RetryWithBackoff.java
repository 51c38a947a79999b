package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.sync.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Retry with exponential backoff (the Rust seed's {@code retry_with_backoff}): an operation that
 * fails twice and then succeeds, run by a {@link Retry} policy that waits 50 ms, then 100 ms,
 * then 200 ms... between attempts, on the runtime's timer.
 */
final class RetryWithBackoff {

    /** What the demo observed. */
    record Outcome(String response, int attempts, List<Long> attemptStartMillis) {
    }

    private static final Duration CALL_TIME = Duration.ofMillis(20);

    private final Report report;
    private final Retry policy = Retry.withBackoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(2), 5)
            .retryingOn(e -> e instanceof ServiceException);
    private final List<Long> attemptStarts = new ArrayList<>();
    private long start;

    RetryWithBackoff(Report report) {
        this.report = report;
    }

    /** A flaky call: the first two attempts fail, the third answers. */
    @Async
    Future<String> fetchStatus() {
        long at = report.millisSince(start);
        attemptStarts.add(at);
        int attempt = attemptStarts.size();
        await(sleep(CALL_TIME));
        if (attempt < 3) {
            report.line("attempt %d at %3d ms: connection reset; the policy waits %d ms", attempt, at,
                    policy.delayBeforeRetry(attempt).toMillis());
            throw new ServiceException("connection reset (attempt " + attempt + ")");
        }
        report.line("attempt %d at %3d ms: 200 OK", attempt, at);
        return Future.ready("200 OK");
    }

    @Async
    Future<Outcome> run() {
        start = report.now();
        String response = await(policy.run(this::fetchStatus));
        report.line("%s after %d attempts in %d ms (policy: up to 5 attempts, waits of 50 ms doubling each"
                + " retry, at most 2 s)", response, attemptStarts.size(), report.millisSince(start));
        report.check(response.equals("200 OK") && attemptStarts.size() == 3,
                "two failures were retried and the third attempt's answer returned");
        boolean backedOff = true;
        for (int retry = 1; retry < attemptStarts.size(); retry++) {
            long gap = attemptStarts.get(retry) - attemptStarts.get(retry - 1);
            backedOff &= gap >= CALL_TIME.toMillis() + policy.delayBeforeRetry(retry).toMillis();
        }
        report.check(backedOff, "each retry started after the failed call plus its backoff delay (50, then 100 ms)");
        return Future.ready(new Outcome(response, attemptStarts.size(), List.copyOf(attemptStarts)));
    }
}

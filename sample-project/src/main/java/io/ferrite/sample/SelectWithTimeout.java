package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * select (Tokio's {@code select!}): wait for the first of several futures and cancel the
 * others. First a slow call raced against a timer, then a biased select that drains an urgent
 * queue before a routine one and ends in its {@code else} branch when both are closed.
 */
final class SelectWithTimeout {

    /** What the demo observed. */
    record Outcome(String slowAnswer, String fastAnswer, List<String> cancelled, List<String> handled,
            boolean endedByElse) {
    }

    private static final Duration LIMIT = Duration.ofMillis(100);

    private final Report report;
    private final List<String> cancelled = new CopyOnWriteArrayList<>();

    SelectWithTimeout(Report report) {
        this.report = report;
    }

    @Async
    Future<String> quote(String provider, int millis) {
        try {
            await(sleep(Duration.ofMillis(millis)));
        } catch (Cancelled c) {
            cancelled.add(provider);
            throw c;
        }
        return Future.ready(provider + " quotes 42.10 EUR");
    }

    /**
     * The quote, or a fallback if it takes longer than {@link #LIMIT}. Biased towards the call:
     * when a stalled machine wakes the call and the timer in the same tick, the answer that
     * arrived in time is taken rather than a coin toss between the two.
     */
    @Async
    Future<String> quoteWithin(String provider, int millis) {
        return Futures.Select.<String>biased()
                .on(quote(provider, millis), answer -> answer)
                .on(sleep(LIMIT), timeUp -> "no quote within " + LIMIT.toMillis() + " ms");
    }

    @Async
    Future<Outcome> run() {
        long start = report.now();
        String slow = await(quoteWithin("slow-provider", 400));
        long slowMillis = report.millisSince(start);
        report.line("select(400 ms call, 100 ms timer) -> \"%s\" after %d ms", slow, slowMillis);
        start = report.now();
        String fast = await(quoteWithin("fast-provider", 30));
        report.line("select(30 ms call, 100 ms timer)  -> \"%s\" after %d ms", fast, report.millisSince(start));
        report.line("the losing call was cancelled: %s", cancelled);
        report.check(slow.startsWith("no quote") && slowMillis < 400,
                "the timer won against the slow call, which was not waited for");
        report.check(fast.startsWith("fast-provider"), "the fast call won against the timer");
        report.check(cancelled.equals(List.of("slow-provider")), "the losing call was cancelled");

        List<String> handled = new ArrayList<>();
        boolean endedByElse = await(drainUrgentFirst(handled));
        report.line("biased select over an urgent and a routine queue handled, in order: %s", handled);
        report.check(handled.equals(List.of("urgent 1", "urgent 2", "routine 1", "routine 2", "routine 3")),
                "a biased select checks its branches in order: every urgent message came first");
        report.check(endedByElse, "the else branch ran once both queues were closed and empty");
        return Future.ready(new Outcome(slow, fast, List.copyOf(cancelled), handled, endedByElse));
    }

    /** Handles messages from two queues, urgent ones first; returns true when ended by else. */
    @Async
    Future<Boolean> drainUrgentFirst(List<String> handled) {
        Mpsc.Channel<String> urgent = Mpsc.channel(8);
        Mpsc.Channel<String> routine = Mpsc.channel(8);
        try (Mpsc.Sender<String> tx = routine.sender()) {
            for (int i = 1; i <= 3; i++) {
                await(tx.send("routine " + i));
            }
        }
        try (Mpsc.Sender<String> tx = urgent.sender()) {
            for (int i = 1; i <= 2; i++) {
                await(tx.send("urgent " + i));
            }
        }
        while (true) {
            String next = await(Futures.Select.<String>biased()
                    .onNonNull(urgent.receiver().recv(), message -> message)
                    .onNonNull(routine.receiver().recv(), message -> message)
                    .orElse(() -> null));              // every branch disabled: both queues ended
            if (next == null) {
                return Future.ready(true);
            }
            handled.add(next);
        }
    }
}

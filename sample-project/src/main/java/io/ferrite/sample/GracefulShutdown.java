package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Broadcast;
import io.ferrite.runtime.JoinSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Graceful shutdown (the Rust seed's pattern 1): worker tasks loop on a select between their
 * next job and a broadcast shutdown signal. On the signal, the job in progress is cancelled (its
 * rollback runs), each worker runs its async cleanup and returns, and main joins them all.
 */
final class GracefulShutdown {

    /** What the demo observed. */
    record Outcome(int jobsDone, Set<Integer> cleanedUp, long shutdownMillis) {
    }

    private static final int WORKERS = 3;
    private static final Duration JOB_TIME = Duration.ofMillis(50);

    private final Report report;
    private final Set<Integer> cleanedUp = new ConcurrentSkipListSet<>();
    private long start;

    GracefulShutdown(Report report) {
        this.report = report;
    }

    @Async
    Future<Void> job(int worker, int number) {
        try {
            await(sleep(JOB_TIME));
        } catch (Cancelled c) {
            report.at(start, "worker %d:    job %d interrupted by the shutdown, rolled back", worker, number);
            throw c;
        }
        return Future.ready(null);
    }

    @Async
    Future<Void> cleanup(int worker, int jobs) {
        await(sleep(Duration.ofMillis(10)));            // flush buffers, close connections
        cleanedUp.add(worker);
        report.at(start, "worker %d:    cleaned up after %d jobs", worker, jobs);
        return Future.ready(null);
    }

    /** Does jobs until told to stop; returns how many it finished. */
    @Async
    Future<Integer> worker(int id, Broadcast.Receiver<String> shutdown) {
        int jobs = 0;
        try (shutdown) {
            while (true) {
                boolean stopping = await(Futures.Select.<Boolean>biased()
                        .on(shutdown.recv(), signal -> true)     // checked first: shutdown wins ties
                        .on(job(id, jobs + 1), done -> false));
                if (stopping) {
                    break;
                }
                jobs++;
            }
        }
        await(cleanup(id, jobs));
        return Future.ready(jobs);
    }

    @Async
    Future<Outcome> run() {
        start = report.now();
        Broadcast.Channel<String> shutdown = Broadcast.channel(1);
        int jobsDone = 0;
        long shutdownMillis;
        try (JoinSet<Integer> workers = new JoinSet<>()) {
            for (int id = 1; id <= WORKERS; id++) {
                workers.spawn(worker(id, shutdown.sender().subscribe()));
            }
            shutdown.receiver().close();                // main only sends; each worker has its own receiver
            await(sleep(Duration.ofMillis(120)));       // the application serves for a while
            report.at(start, "main:        sending the shutdown signal to %d workers",
                    shutdown.sender().receiverCount());
            long signalled = report.now();
            shutdown.sender().send("shutdown");
            while (!workers.isEmpty()) {
                jobsDone += await(workers.joinNext());
            }
            shutdownMillis = report.millisSince(signalled);
        }
        report.at(start, "main:        all workers stopped, %d jobs done, %d ms after the signal", jobsDone,
                shutdownMillis);
        report.check(cleanedUp.equals(new TreeSet<>(List.of(1, 2, 3))),
                "every worker heard the signal, ran its cleanup and returned");
        report.check(jobsDone > 0, "the workers did their jobs until the signal");
        return Future.ready(new Outcome(jobsDone, Set.copyOf(cleanedUp), shutdownMillis));
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.Task;
import io.ferrite.time.Interval;
import io.ferrite.time.MissedTickBehavior;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The "blocking the runtime" pitfall and its fix, {@code spawnBlocking} (Tokio's
 * {@code spawn_blocking}).
 *
 * <p>A task runs on a worker thread until its poll returns. A blocking call inside it
 * ({@code Thread.sleep}, JDBC, a synchronous HTTP client, a long computation) keeps the worker
 * busy for the whole call, so nothing else queued on that worker runs, and on a current-thread
 * runtime nothing runs at all. To show it, a heartbeat ticks every 20 ms in the same task as a
 * 300 ms blocking call: made directly, the call silences the heartbeat for 300 ms; moved to the
 * runtime's blocking pool with {@code Task.spawnBlocking}, it runs on another thread and the
 * task only awaits its handle, so the heartbeat keeps its pace.
 */
final class BlockingCalls {

    /** What the demo observed. */
    record Outcome(String directResult, String directThread, long directLongestPauseMillis, String pooledResult,
            String pooledThread, long pooledLongestPauseMillis) {
    }

    private static final Duration BEAT = Duration.ofMillis(20);

    private final Report report;
    private final Duration blockingTime;
    private volatile String blockingThread;

    BlockingCalls(Report report, Duration blockingTime) {
        this.report = report;
        this.blockingTime = blockingTime;
    }

    /** A legacy client with a blocking API; the sleep stands for a JDBC query. */
    String legacyInventoryLookup(String sku) {
        blockingThread = Thread.currentThread().getName();
        try {
            Thread.sleep(blockingTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("inventory lookup of " + sku + " interrupted");
        }
        return sku + ": 17 in stock";
    }

    /** The pitfall: the blocking call runs inside the task's poll, on the worker thread. */
    @Async
    Future<String> lookupDirectly(String sku) {
        return Future.ready(legacyInventoryLookup(sku));
    }

    /** The fix: the blocking call runs on the blocking pool; the task awaits its handle. */
    @Async
    Future<String> lookupOnBlockingPool(String sku) {
        return Task.spawnBlocking(() -> legacyInventoryLookup(sku));
    }

    /** Runs {@code lookup} beside a heartbeat in this one task; returns the longest pause between beats. */
    @Async
    Future<Futures.Join2<Long, String>> withHeartbeat(Future<String> lookup) {
        AtomicBoolean finished = new AtomicBoolean();
        return join(heartbeat(finished), finishing(lookup, finished));
    }

    @Async
    Future<Long> heartbeat(AtomicBoolean finished) {
        Interval beat = Time.interval(BEAT);
        beat.setMissedTickBehavior(MissedTickBehavior.DELAY);
        long last = report.now();
        long longestPause = 0;
        while (!finished.get()) {
            await(beat.tick());
            long now = report.now();
            longestPause = Math.max(longestPause, now - last);
            last = now;
        }
        return Future.ready(longestPause / 1_000_000);
    }

    @Async
    Future<String> finishing(Future<String> work, AtomicBoolean finished) {
        String result = await(work);
        finished.set(true);
        return Future.ready(result);
    }

    @Async
    Future<Outcome> run() {
        long blockingMillis = blockingTime.toMillis();
        // Each case runs as a task of its own, on a worker thread, as a server's request handler would.
        Futures.Join2<Long, String> direct = await(Task.spawn(withHeartbeat(lookupDirectly("sku-42"))));
        String directThread = blockingThread;
        report.line("a %d ms blocking call, with a heartbeat every %d ms in the same task:", blockingMillis,
                BEAT.toMillis());
        report.line("called directly:     \"%s\" on %s; the heartbeat stopped for %d ms", direct.second(),
                directThread, direct.first());
        Futures.Join2<Long, String> pooled = await(Task.spawn(withHeartbeat(lookupOnBlockingPool("sku-42"))));
        String pooledThread = blockingThread;
        report.line("with spawnBlocking:  \"%s\" on %s; the longest heartbeat pause was %d ms", pooled.second(),
                pooledThread, pooled.first());
        report.check(direct.first() >= blockingMillis,
                "a blocking call made in a task stops that task (and its worker) for as long as it blocks");
        report.check(pooledThread.contains("-blocking-"), "spawnBlocking ran the call on the blocking pool");
        report.check(pooled.first() < direct.first(), "meanwhile the task kept running: the heartbeat kept its pace");
        return Future.ready(new Outcome(direct.second(), directThread, direct.first(), pooled.second(), pooledThread,
                pooled.first()));
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * spawn and JoinHandle (Tokio's {@code tokio::spawn}): a spawned task runs on its own, on any
 * worker thread, whether or not its handle is awaited. Awaiting the handle gives the task's
 * value or rethrows its exception; {@code abort()} stops it, and its {@code finally} blocks run.
 */
final class SpawnAndJoinHandle {

    /** What the demo observed. */
    record Outcome(int totalWords, long millis, Set<String> threads, String failure, boolean abortedTaskCleanedUp,
            String abortMessage) {
    }

    private final Report report;
    private final Set<String> threads = new ConcurrentSkipListSet<>();

    SpawnAndJoinHandle(Report report) {
        this.report = report;
    }

    /** Counts the words of a file held by a slow storage service. */
    @Async
    Future<Integer> countWords(String file) {
        await(sleep(Duration.ofMillis(100)));
        threads.add(Thread.currentThread().getName());
        if (file.startsWith("missing")) {
            throw new ServiceException(file + ": no such file");
        }
        return Future.ready(file.length() * 100);
    }

    /** Works until aborted; the finally block is its cleanup. */
    @Async
    Future<Void> syncForever(AtomicInteger rounds, AtomicBoolean cleanedUp) {
        try {
            while (true) {
                await(sleep(Duration.ofMillis(20)));
                rounds.incrementAndGet();
            }
        } finally {
            cleanedUp.set(true);                    // release the connection, delete temp files...
        }
    }

    @Async
    Future<Outcome> run() {
        long start = report.now();
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        for (String file : List.of("a.txt", "bb.txt", "ccc.txt")) {
            handles.add(Task.spawn(countWords(file)));   // starts now, runs on its own
        }
        await(sleep(Duration.ofMillis(100)));           // this task's own work, meanwhile
        int total = 0;
        for (JoinHandle<Integer> handle : handles) {
            total += await(handle);
        }
        long millis = report.millisSince(start);
        report.line("spawned 3 tasks of 100 ms, did 100 ms of own work, then awaited the handles:"
                + " %d words in %d ms", total, millis);
        report.line("one after the other: 400 ms; the tasks ran on %s", new TreeSet<>(threads));
        report.check(millis < 400, "the spawned tasks ran while this task did its own work");

        String failure = null;
        JoinHandle<Integer> broken = Task.spawn(countWords("missing.txt"));
        try {
            await(broken);
        } catch (ServiceException e) {
            failure = e.getMessage();
        }
        report.line("awaiting the handle of a failed task rethrew its exception: %s", failure);
        report.check("missing.txt: no such file".equals(failure), "the task's own exception reached the awaiter");

        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        JoinHandle<Void> sync = Task.spawn(syncForever(rounds, cleanedUp));
        await(sleep(Duration.ofMillis(70)));
        sync.abort();
        String abortMessage = null;
        try {
            await(sync);
        } catch (Cancelled e) {
            abortMessage = e.getMessage();
        }
        report.line("aborted a task after %d rounds; awaiting its handle threw Cancelled: %s", rounds.get(),
                abortMessage);
        report.check(abortMessage != null && cleanedUp.get(),
                "abort() cancelled the task and its finally block ran before the handle reported it");
        return Future.ready(new Outcome(total, millis, Set.copyOf(threads), failure, cleanedUp.get(), abortMessage));
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Time;
import io.ferrite.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Ferrite sample application: the async patterns of the Rust articles Ferrite comes from,
 * written in Java as {@code @Async} methods that {@code await(...)}, run one after the other on
 * one multi-thread {@link AsyncRuntime}.
 *
 * <p>Every demo prints what it does with timings that show the point, and checks its claims; if
 * a claim does not hold, the demo is reported as failed and the program exits with status 1.
 * The slow services are simulated with timers ({@code Time.sleep}), which block no thread.
 */
public final class Main {

    /** A demo that has not finished by then is stuck: reported as failed rather than hanging the build. */
    private static final Duration DEMO_LIMIT = Duration.ofSeconds(30);
    private static final int DEMOS = 11;

    private Main() {
    }

    /**
     * Runs every demo and exits with status 1 if one of them failed.
     *
     * @param args ignored
     * @throws IOException never in practice: the file demo's own failures are reported as a failed demo
     */
    public static void main(String[] args) throws IOException {
        Queue<String> taskFailures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        int failed;
        try (AsyncRuntime runtime = AsyncRuntime.builder()
                .threadNamePrefix("sample")
                .taskFailureHandler((task, error) -> taskFailures.add(error.toString()))
                .build()) {
            System.out.println("Ferrite sample: async Rust patterns in Java, with @Async and await(...)");
            System.out.println("Runtime: " + runtime + ". Slow services are simulated with timers: no thread"
                    + " blocks while they wait.");
            failed = runtime.blockOn(runAll(new Report(System.out, TimeSource.system())));
        }
        System.out.println();
        if (!taskFailures.isEmpty()) {
            System.out.println("The runtime's task failure handler was told of " + taskFailures.size()
                    + " failed task(s) (the spawn demo fails one on purpose): " + List.copyOf(taskFailures));
        }
        long seconds10 = (System.nanoTime() - start) / 100_000_000;
        if (failed == 0) {
            System.out.printf("All %d demos passed their checks in %d.%d s.%n", DEMOS, seconds10 / 10, seconds10 % 10);
        } else {
            System.out.printf("%d of %d demos FAILED (see FAILED above).%n", failed, DEMOS);
            System.exit(1);
        }
    }

    /**
     * Runs the demos in order.
     *
     * @param report where they print
     * @return a future of the number of demos that failed
     */
    @Async
    static Future<Integer> runAll(Report report) throws IOException {
        int failed = 0;
        failed += await(section(report, "1. Sequential awaits: each step needs the previous step's result",
                new SequentialAwaits(report).run()));
        failed += await(section(report, "2. join and tryJoin: independent calls at the same time",
                new JoinCalls(report).run()));
        failed += await(section(report, "3. select: the first future to finish wins, the others are cancelled",
                new SelectWithTimeout(report).run()));
        failed += await(section(report, "4. spawn and JoinHandle: tasks that run on their own",
                new SpawnAndJoinHandle(report).run()));
        failed += await(section(report, "5. A pipeline of bounded channels: producer -> transformer -> consumer",
                new ChannelPipeline(report).run()));
        failed += await(section(report, "6. A Semaphore limiting concurrent requests",
                new SemaphoreLimit(report).run()));
        failed += await(section(report, "7. Retry with exponential backoff",
                new RetryWithBackoff(report).run()));
        failed += await(section(report, "8. Graceful shutdown: workers select on their work and a broadcast signal",
                new GracefulShutdown(report).run()));
        failed += await(section(report, "9. Blocking calls: the pitfall, and spawnBlocking; a blocking socket, and TcpStream",
                blockingPitfalls(report)));
        failed += await(section(report, "10. A TCP echo server and 100 clients at once, on one runtime",
                new EchoServerAndClients(report, 100, 5).run()));
        failed += await(section(report, "11. Files: write, read_to_string, append and read lines, list, delete",
                new FileReadWrite(report, Path.of(System.getProperty("java.io.tmpdir"),
                        "ferrite-sample-" + ProcessHandle.current().pid())).run()));
        return Future.ready(failed);
    }

    /** Demo 9: a blocking call, then a blocking socket, each beside a heartbeat, and their fixes. */
    @Async
    static Future<Void> blockingPitfalls(Report report) throws IOException {
        await(new BlockingCalls(report, Duration.ofMillis(300)).run());
        await(new BlockingSocketRead(report, Duration.ofMillis(300)).run());
        return Future.ready(null);
    }

    /** Prints the title, runs the demo (lazy: it starts here), and returns 1 if it failed. */
    @Async
    static Future<Integer> section(Report report, String title, Future<?> demo) {
        report.heading(title);
        try {
            await(Time.timeout(DEMO_LIMIT, demo));
            return Future.ready(0);
        } catch (Report.CheckFailed | Elapsed e) {
            report.failed(e.getMessage());
        } catch (RuntimeException e) {
            report.failed("the demo threw " + e);
        }
        return Future.ready(1);
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.fs.Fs;
import io.ferrite.http.Handler;
import io.ferrite.http.HttpServer;
import io.ferrite.http.Request;
import io.ferrite.http.Response;
import io.ferrite.http.Router;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.sync.Semaphore;
import io.ferrite.time.Time;
import io.ferrite.time.TimeSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeds' hyper server on {@code ferrite-http}: one server with every route of the article
 * (a static page, route matching with a 404, {@code /fast} beside {@code /slow} on the timer, a
 * request counter, a {@code Semaphore} letting two requests run at a time, a file read with
 * {@code Fs.readString}, and an echo of the request body).
 *
 * <p>As a demo of {@link Main}, it starts the server on a free port, drives it with the JDK's
 * {@code HttpClient}, prints what it saw with timings, checks its claims and shuts the server
 * down gracefully. Run on its own ({@link #main}), it serves on 127.0.0.1:8080 until Ctrl-C,
 * which shuts it down gracefully, as the seeds' {@code ctrl_c} example does:
 * <pre>
 * ./mvnw -q -pl sample-project -am -DskipTests -Dsample.skip=false verify -Dsample.mainClass=io.ferrite.sample.HttpDemo
 * curl -i http://127.0.0.1:8080/slow
 * </pre>
 */
final class HttpDemo {

    /** What the demo observed. */
    record Outcome(List<String> pages, int slowRequests, long slowMillis, long fastMillis, int slowWaitingDuringFast,
            int maxLimited, long limitedMillis, String file, String echo, long totalRequests) {
    }

    static final Duration SLOW = Duration.ofMillis(100);
    private static final int SLOW_REQUESTS = 100;
    private static final int LIMITED_REQUESTS = 6;
    private static final int LIMIT = 2;

    private final Report report;
    private final Path file;
    // the seeds' counter: requests in flight and in all
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicInteger slowWaiting = new AtomicInteger();
    private volatile int slowWaitingWhenFastRan = -1;
    private final Semaphore limit = new Semaphore(LIMIT);
    private final AtomicInteger limitedInFlight = new AtomicInteger();
    private final AtomicInteger maxLimited = new AtomicInteger();

    /** A demo whose file is a fresh one in the temporary directory (written, served, then deleted). */
    HttpDemo(Report report) {
        this(report, Path.of(System.getProperty("java.io.tmpdir"), "ferrite-http-demo-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".txt"));
    }

    HttpDemo(Report report, Path file) {
        this.report = report;
        this.file = file;
    }

    /** Every route of the seeds on one router, each request counted. */
    Handler routes() {
        Router router = new Router()
                .get("/", request -> Future.ready(Response.text(200, "Home Page")))
                .get("/about", request -> Future.ready(Response.text(200, "About Us")))
                .get("/fast", this::fast)
                .get("/slow", this::slow)
                .get("/limited", this::limited)
                .get("/file", this::file)
                .post("/echo", this::echo)
                .get("/stats", request -> Future.ready(Response.text(200, "active " + active.get() + ", total "
                        + total.get())))
                .notFound(request -> Future.ready(Response.text(404, "Not Found")));
        return this.counting(router);
    }

    /** The seeds' "Logging Request Concurrency with a Counter": in flight and in all. */
    private Handler counting(Handler inner) {
        return request -> count(inner, request);
    }

    @Async
    private Future<Response> count(Handler inner, Request request) {
        total.incrementAndGet();
        active.incrementAndGet();
        try {
            return Future.ready(await(inner.handle(request)));
        } finally {
            active.decrementAndGet();
        }
    }

    @Async
    Future<Response> fast(Request request) {
        slowWaitingWhenFastRan = slowWaiting.get();
        return Future.ready(Response.text(200, "Fast response"));
    }

    @Async
    Future<Response> slow(Request request) {
        slowWaiting.incrementAndGet();
        try {
            await(Time.sleep(SLOW)); // a timer: the worker serves other requests meanwhile
        } finally {
            slowWaiting.decrementAndGet();
        }
        return Future.ready(Response.text(200, "Slow response"));
    }

    @Async
    @SuppressWarnings("try") // the permit is held, never read
    Future<Response> limited(Request request) {
        try (Semaphore.Permit permit = await(limit.acquire())) {
            maxLimited.accumulateAndGet(limitedInFlight.incrementAndGet(), Math::max);
            await(Time.sleep(SLOW));
            limitedInFlight.decrementAndGet();
        }
        return Future.ready(Response.text(200, "Response from limited handler"));
    }

    @Async
    Future<Response> file(Request request) {
        try {
            return Future.ready(Response.text(200, await(Fs.readString(file))));
        } catch (Exception notThere) {
            return Future.ready(Response.text(404, "File not found"));
        }
    }

    @Async
    Future<Response> echo(Request request) {
        return Future.ready(Response.bytes(200, await(request.bodyBytes()), request.header("Content-Type")));
    }

    /** The demo: start the server, drive it with the JDK's HttpClient, check, stop. */
    @Async
    Future<Outcome> run() {
        HttpServer server = await(HttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        JoinHandle<Void> serving = Task.spawn(server.serve(routes()));
        String base = "http://127.0.0.1:" + server.localAddress().getPort();
        report.line("serving on %s (Router: /, /about, /fast, /slow, /limited, /file, /echo, 404 otherwise)", base);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<String> pages = new ArrayList<>();
        for (String path : List.of("/", "/about", "/xyz")) {
            HttpResponse<String> r = await(client.sendAsync(get(base + path), HttpResponse.BodyHandlers.ofString()));
            pages.add(r.statusCode() + " " + r.body());
            report.line("GET %-7s -> %d %s", path, r.statusCode(), r.body());
        }
        report.check(pages.equals(List.of("200 Home Page", "200 About Us", "404 Not Found")),
                "the router answers /, /about and 404 for the rest");

        // 100 /slow at once, and a /fast sent while they wait
        long start = report.now();
        List<CompletableFuture<HttpResponse<String>>> slows = new ArrayList<>();
        for (int i = 0; i < SLOW_REQUESTS; i++) {
            slows.add(client.sendAsync(get(base + "/slow"), HttpResponse.BodyHandlers.ofString()));
        }
        while (slowWaiting.get() == 0) {
            await(Time.sleep(Duration.ofMillis(1)));
        }
        long fastStart = report.now();
        HttpResponse<String> fast = await(client.sendAsync(get(base + "/fast"), HttpResponse.BodyHandlers.ofString()));
        long fastMillis = report.millisSince(fastStart);
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> f : slows) {
            ok += await(f).statusCode() == 200 ? 1 : 0;
        }
        long slowMillis = report.millisSince(start);
        report.line("%d concurrent GET /slow (%d ms each on the timer): all answered in %d ms; one after the other: %d ms",
                SLOW_REQUESTS, SLOW.toMillis(), slowMillis, SLOW_REQUESTS * SLOW.toMillis());
        report.line("GET /fast sent while %d /slow requests waited: \"%s\" in %d ms", slowWaitingWhenFastRan,
                fast.body(), fastMillis);
        report.check(ok == SLOW_REQUESTS && slowMillis < SLOW_REQUESTS * SLOW.toMillis() / 2,
                "the /slow requests waited at the same time, not one after the other");
        report.check(slowWaitingWhenFastRan > 0, "/fast was answered while /slow requests were still waiting");

        // /limited behind Semaphore(2)
        long limitedStart = report.now();
        List<CompletableFuture<HttpResponse<String>>> limited = new ArrayList<>();
        for (int i = 0; i < LIMITED_REQUESTS; i++) {
            limited.add(client.sendAsync(get(base + "/limited"), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : limited) {
            await(f);
        }
        long limitedMillis = report.millisSince(limitedStart);
        report.line("%d concurrent GET /limited behind Semaphore(%d): at most %d in the handler at once, %d ms in all",
                LIMITED_REQUESTS, LIMIT, maxLimited.get(), limitedMillis);
        report.check(maxLimited.get() == LIMIT, "never more than two requests inside /limited, and two did run together");

        // a file read with Fs.readString, and an echo
        await(Fs.writeString(file, "Hello from a file read with Fs.readString"));
        HttpResponse<String> fileResponse = await(client.sendAsync(get(base + "/file"), HttpResponse.BodyHandlers.ofString()));
        report.line("GET /file  -> %d %s", fileResponse.statusCode(), fileResponse.body());
        HttpResponse<String> echo = await(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("ping")).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()));
        report.line("POST /echo \"ping\" -> %d %s", echo.statusCode(), echo.body());
        report.check(fileResponse.body().equals("Hello from a file read with Fs.readString") && echo.body().equals("ping"),
                "the file was served, and the body echoed");

        await(Fs.delete(file));
        report.line("request counter: %d requests served, %d in flight now", total.get(), active.get());
        await(server.shutdown(Duration.ofSeconds(5)));
        await(serving);
        report.check(server.connectionCount() == 0, "shutdown closed every connection, and serve completed");
        return Future.ready(new Outcome(pages, ok, slowMillis, fastMillis, slowWaitingWhenFastRan, maxLimited.get(),
                limitedMillis, fileResponse.body(), echo.body(), total.get()));
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).build();
    }

    /**
     * Serves the routes on 127.0.0.1:8080 ({@code -Dhttp.port=N} for another port) until Ctrl-C,
     * which shuts the server down gracefully: requests in progress get 5 seconds to finish.
     *
     * @param args ignored
     * @throws Exception if the port is taken
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("http.port", 8080);
        Path file = Files.createTempFile("ferrite-http-demo", ".txt");
        Files.writeString(file, "Hello from a file read with Fs.readString\n");
        CountDownLatch stopped = new CountDownLatch(1);
        try (AsyncRuntime rt = AsyncRuntime.builder().threadNamePrefix("http-demo").build()) {
            HttpServer server = rt.blockOn(HttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Ctrl-C: shutting down gracefully (5 s for requests in progress)");
                server.shutdown(Duration.ofSeconds(5));
                try {
                    stopped.await(); // the JVM exits once main has closed the runtime
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            String base = "http://127.0.0.1:" + server.localAddress().getPort();
            System.out.println("Listening on " + base + " (Ctrl-C stops it). Try:");
            for (String p : List.of("/", "/about", "/fast", "/slow", "/limited", "/file", "/stats", "/nope")) {
                System.out.println("  curl -i " + base + p);
            }
            System.out.println("  curl -i -d 'hello' " + base + "/echo");
            HttpDemo demo = new HttpDemo(new Report(System.out, TimeSource.system()), file);
            rt.blockOn(server.serve(demo.routes()));
            System.out.println("Server stopped after " + demo.total.get() + " requests.");
        } finally {
            Files.deleteIfExists(file);
            stopped.countDown();
        }
    }
}

package io.ferrite.sample;

import static io.ferrite.Await.await;
import static io.ferrite.time.Time.sleep;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequential awaits: each step needs the previous step's result, so the steps run one after the
 * other and their times add up. Also shows that futures are lazy, as in Rust: calling an
 * {@code @Async} method runs none of its body; the first poll does.
 */
final class SequentialAwaits {

    /** What the demo observed. */
    record Outcome(String invoice, int stepsStartedBeforeAwait, long millis) {
    }

    record User(long id, String name) {
    }

    private final Report report;
    private final AtomicInteger stepsStarted = new AtomicInteger();

    SequentialAwaits(Report report) {
        this.report = report;
    }

    @Async
    Future<User> fetchUser(long id) {
        stepsStarted.incrementAndGet();
        await(sleep(Duration.ofMillis(50)));           // a database query
        return Future.ready(new User(id, "Ada"));
    }

    @Async
    Future<List<Double>> fetchOrders(User user) {
        stepsStarted.incrementAndGet();
        await(sleep(Duration.ofMillis(80)));           // the orders service
        return Future.ready(List.of(19.99, 24.99, 14.99));
    }

    @Async
    Future<Double> applyDiscount(User user, double total) {
        stepsStarted.incrementAndGet();
        await(sleep(Duration.ofMillis(70)));           // the pricing service
        return Future.ready(user.name().startsWith("A") ? total * 0.9 : total);
    }

    /** Three awaits in a row, written as if the calls were blocking. */
    @Async
    Future<String> invoiceFor(long userId) {
        User user = await(fetchUser(userId));
        List<Double> orders = await(fetchOrders(user));
        double total = 0;
        for (double price : orders) {
            total += price;
        }
        double due = await(applyDiscount(user, total));
        return Future.ready(String.format(Locale.ROOT, "%s owes %.2f EUR for %d orders", user.name(), due, orders.size()));
    }

    @Async
    Future<Outcome> run() {
        Future<String> invoice = invoiceFor(42);
        int startedBeforeAwait = stepsStarted.get();
        report.line("invoiceFor(42) returned a future; steps started so far: %d", startedBeforeAwait);
        long start = report.now();
        String text = await(invoice);
        long millis = report.millisSince(start);
        report.line("awaited: \"%s\" in %d ms", text, millis);
        report.line("steps: user 50 ms, then orders 80 ms, then discount 70 ms = 200 ms in a row");
        report.check(startedBeforeAwait == 0, "nothing ran before the future was awaited (futures are lazy)");
        report.check(millis >= 200, "took at least the sum of the steps: each await waits for its step");
        return Future.ready(new Outcome(text, startedBeforeAwait, millis));
    }
}

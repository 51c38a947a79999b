package io.ferrite.stream;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Makes the subscriber behind {@link AsyncStream#fromPublisher} for the TCK, which subscribes
 * subscribers itself: the stream is made over a relay publisher and drained by a task on
 * {@code runtime}; its first poll subscribes it to the relay, which hands it to the test.
 */
final class TckSubscribers {

    private TckSubscribers() {
    }

    /** A runtime for the TCK, whose streams fail on purpose: failures are not logged. */
    static AsyncRuntime runtime(String name) {
        return AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix(name)
                .taskFailureHandler((task, failure) -> { }).build();
    }

    /** The subscriber of {@code AsyncStream.fromPublisher(relay, 4)}, read by {@code drain} on {@code runtime}. */
    @SuppressWarnings("unchecked")
    static Flow.Subscriber<Integer> subscribed(AsyncRuntime runtime,
            Function<AsyncStream<Integer>, Future<?>> drain) {
        CountDownLatch subscribed = new CountDownLatch(1);
        Flow.Subscriber<? super Integer>[] got = new Flow.Subscriber[1];
        Flow.Publisher<Integer> relay = s -> {
            got[0] = s;
            subscribed.countDown();
        };
        runtime.spawn(drain.apply(AsyncStream.fromPublisher(relay, 4)));
        try {
            if (!subscribed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the stream did not subscribe at its first poll");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return (Flow.Subscriber<Integer>) got[0];
    }
}

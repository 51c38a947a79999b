package io.ferrite.stream;

import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber verification (black box) of the subscriber behind
 * {@link AsyncStream#fromPublisher}. The TCK subscribes the subscriber itself, so each subscriber
 * comes from a stream over a relay publisher: the stream is drained by a task on a runtime, its
 * first poll subscribes it to the relay, and the relay hands it to the TCK.
 */
public class PublisherStreamTckTest extends FlowSubscriberBlackboxVerification<Integer> {

    private final AsyncRuntime runtime = AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix("tck-sub")
            .taskFailureHandler((task, failure) -> { }).build();   // the TCK fails streams on purpose

    public PublisherStreamTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT, TckTimeouts.NO_SIGNALS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    /** Hands the subscriber that subscribes to it over to the test. */
    private static final class Relay implements Flow.Publisher<Integer> {
        final CountDownLatch subscribed = new CountDownLatch(1);
        volatile Flow.Subscriber<? super Integer> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            subscriber = s;
            subscribed.countDown();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        Relay relay = new Relay();
        runtime.spawn(AsyncStream.fromPublisher(relay, 4).forEach(i -> { }));
        try {
            if (!relay.subscribed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the stream did not subscribe at its first poll");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return (Flow.Subscriber<Integer>) relay.subscriber;
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}

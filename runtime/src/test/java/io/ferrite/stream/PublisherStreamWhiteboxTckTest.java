package io.ferrite.stream;

import io.ferrite.channel.Oneshot;
import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber verification (white box) of the subscriber behind
 * {@link AsyncStream#fromPublisher}. The probe sees every signal the subscriber receives; the
 * puppet's cancel ends the draining task's {@code takeUntil}, so the stream is cancelled on its
 * own task, as a user's code would do it. The subscriber requests by itself (its prefetch), so
 * the puppet's request only has to wait for that.
 */
public class PublisherStreamWhiteboxTckTest extends FlowSubscriberWhiteboxVerification<Integer> {

    private final AsyncRuntime runtime = AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix("tck-wb")
            .taskFailureHandler((task, failure) -> { }).build();   // the TCK fails streams on purpose

    public PublisherStreamWhiteboxTckTest() {
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
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        Relay relay = new Relay();
        Oneshot.Channel<Boolean> stop = Oneshot.channel();
        runtime.spawn(AsyncStream.fromPublisher(relay, 4).takeUntil(stop.receiver()).forEach(i -> { }));
        try {
            if (!relay.subscribed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the stream did not subscribe at its first poll");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Integer> inner = (Flow.Subscriber<Integer>) relay.subscriber;
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                inner.onSubscribe(subscription);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                    }

                    @Override
                    public void signalCancel() {
                        stop.sender().send(true);
                    }
                });
            }

            @Override
            public void onNext(Integer item) {
                inner.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable failure) {
                inner.onError(failure);
                probe.registerOnError(failure);
            }

            @Override
            public void onComplete() {
                inner.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}

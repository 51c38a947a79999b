package io.ferrite.stream;

import io.ferrite.channel.Oneshot;
import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.Flow;
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

    private final AsyncRuntime runtime = TckSubscribers.runtime("tck-wb");

    public PublisherStreamWhiteboxTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT, TckTimeouts.NO_SIGNALS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        Oneshot.Channel<Boolean> stop = Oneshot.channel();
        Flow.Subscriber<Integer> inner = TckSubscribers.subscribed(runtime,
                s -> s.takeUntil(stop.receiver()).forEach(i -> { }));
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

package io.ferrite.stream;

import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.Flow;
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

    private final AsyncRuntime runtime = TckSubscribers.runtime("tck-sub");

    public PublisherStreamTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT, TckTimeouts.NO_SIGNALS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return TckSubscribers.subscribed(runtime, s -> s.forEach(i -> { }));
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}

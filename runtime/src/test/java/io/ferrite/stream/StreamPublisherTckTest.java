package io.ferrite.stream;

import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's publisher verification of {@link AsyncStream#toPublisher}, run by
 * TestNG through the JUnit Platform's TestNG engine. Finite publishers are ranges, the endless
 * one a {@code repeat}; the failed publisher is a stream that fails at its first poll.
 */
public class StreamPublisherTckTest extends FlowPublisherVerification<Integer> {

    private final AsyncRuntime runtime = AsyncRuntime.multiThread().workerThreads(2).threadNamePrefix("tck-pub").build();

    public StreamPublisherTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT, TckTimeouts.NO_SIGNALS), TckTimeouts.GC);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        AsyncStream<Integer> s = elements >= Integer.MAX_VALUE ? AsyncStream.repeat(1).take(elements)
                : AsyncStream.range(0, (int) elements);
        return s.toPublisher(runtime);
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        AsyncStream<Integer> failing = cx -> {
            throw new IllegalStateException("a failed stream, for the TCK");
        };
        return failing.toPublisher(runtime);
    }
}

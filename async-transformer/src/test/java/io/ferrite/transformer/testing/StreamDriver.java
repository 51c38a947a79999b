package io.ferrite.transformer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.stream.AsyncStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls one stream by hand with a counting waker: {@link Driver} for {@code pollNext}.
 *
 * @param <T> the item type
 */
public final class StreamDriver<T> {

    private final AsyncStream<T> stream;
    private int wakes;
    private final Context cx = Context.of(() -> wakes++);

    private StreamDriver(AsyncStream<T> stream) {
        this.stream = stream;
    }

    /**
     * Wraps a stream.
     *
     * @param stream the stream to drive, typed Object as the transforming loader returns it
     * @param <T>    its item type
     * @return a driver
     */
    @SuppressWarnings("unchecked")
    public static <T> StreamDriver<T> of(Object stream) {
        return new StreamDriver<>((AsyncStream<T>) stream);
    }

    /**
     * Polls once.
     *
     * @return the poll
     */
    public Poll<T> poll() {
        return stream.pollNext(cx);
    }

    /** Polls once and asserts the stream is pending. */
    public void assertPending() {
        Poll<T> poll = poll();
        assertTrue(poll.isPending(), () -> "expected pending, got " + poll.value());
    }

    /**
     * Polls once and asserts an item.
     *
     * @param expected the item
     */
    public void assertItem(T expected) {
        Poll<T> poll = poll();
        assertTrue(poll.isReady(), "expected " + expected + ", got pending");
        assertEquals(expected, poll.value());
    }

    /** Polls once and asserts the end. */
    public void assertEnd() {
        Poll<T> poll = poll();
        assertTrue(poll.isReady(), "expected the end, got pending");
        assertEquals(null, poll.value(), "expected the end");
    }

    /**
     * Reads every item of a stream that never pends, to the end.
     *
     * @return the items
     */
    public List<T> drain() {
        List<T> items = new ArrayList<>();
        for (Poll<T> poll; (poll = poll()).isReady(); ) {
            if (poll.value() == null) {
                return items;
            }
            items.add(poll.value());
        }
        throw new AssertionError("the stream is pending after " + items);
    }

    /**
     * Returns how many times the stream called the waker.
     *
     * @return the count
     */
    public int wakes() {
        return wakes;
    }

    /**
     * Returns the driven stream.
     *
     * @return the stream
     */
    public AsyncStream<T> stream() {
        return stream;
    }
}

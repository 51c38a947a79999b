package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FlowBridgeTest {

    private final CountingWaker w = new CountingWaker();

    /** A publisher driven by the test: records requests, sends what the test says. */
    static final class ManualPublisher implements Flow.Publisher<Integer> {
        Flow.Subscriber<? super Integer> subscriber;
        final List<Long> requests = new ArrayList<>();
        long requested;
        boolean cancelled;
        int next;

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requests.add(n);
                    requested += n;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        /** Sends as many items as were requested and not sent. */
        void sendRequested() {
            while (requested > 0) {
                requested--;
                subscriber.onNext(next++);
            }
        }
    }

    @Test
    void fromPublisher_should_subscribe_lazily_and_never_have_more_than_prefetch_outstanding() {
        ManualPublisher pub = new ManualPublisher();
        AsyncStream<Integer> s = AsyncStream.fromPublisher(pub, 8);
        assertEquals(null, pub.subscriber, "nothing before the first poll");
        w.assertPending(s.next());
        assertEquals(List.of(8L), pub.requests);
        pub.sendRequested();
        assertTrue(w.woken());
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            got.add(w.assertReady(s.next()));
            long outstanding = pub.requests.stream().mapToLong(Long::longValue).sum() - got.size();
            assertTrue(outstanding <= 8, "requested but unread: " + outstanding);
            pub.sendRequested();
        }
        assertEquals(0, got.get(0));
        assertEquals(99, got.get(99));
        assertTrue(pub.requests.subList(1, pub.requests.size()).stream().allMatch(n -> n == 6),
                "replenished by 3/4 of the prefetch: " + pub.requests);
        s.cancel();
        assertTrue(pub.cancelled);
    }

    @Test
    void fromPublisher_should_fail_with_the_publishers_error_after_the_items_before_it() {
        ManualPublisher pub = new ManualPublisher();
        AsyncStream<Integer> s = AsyncStream.fromPublisher(pub, 4);
        w.assertPending(s.next());
        pub.subscriber.onNext(1);
        IllegalStateException boom = new IllegalStateException("boom");
        pub.subscriber.onError(boom);
        assertEquals(1, w.assertReady(s.next()));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.pollNext(w.cx())));
        assertEquals(null, w.assertReady(s.next()));
    }

    @Test
    void fromPublisher_should_fail_when_the_publisher_sends_more_than_requested() {
        ManualPublisher pub = new ManualPublisher();
        AsyncStream<Integer> s = AsyncStream.fromPublisher(pub, 2);
        w.assertPending(s.next());
        for (int i = 0; i < 3; i++) {
            pub.subscriber.onNext(i);
        }
        assertTrue(pub.cancelled);
        assertEquals(0, w.assertReady(s.next()));
        assertEquals(1, w.assertReady(s.next()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.pollNext(w.cx()));
        assertTrue(e.getMessage().contains("more items than were requested"), e.getMessage());
    }

    @Test
    void fromPublisher_should_read_a_submission_publisher() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build();
                SubmissionPublisher<Integer> pub = new SubmissionPublisher<>()) {
            var h = rt.spawn(AsyncStream.fromPublisher(pub, 16).fold(0L, (a, i) -> a + i));
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pub.getNumberOfSubscribers() == 0) {
                assertTrue(System.nanoTime() < giveUp, "the stream never subscribed");
                Thread.onSpinWait();
            }
            for (int i = 0; i < 10_000; i++) {
                pub.submit(i);
            }
            pub.close();
            assertEquals(9_999L * 10_000 / 2, rt.blockOn(h));
        }
    }

    @Test
    void toPublisher_then_fromPublisher_should_give_back_every_item_in_order() {
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build()) {
            Flow.Publisher<Integer> pub = AsyncStream.range(0, 5_000).toPublisher(rt);
            List<Integer> got = rt.blockOn(AsyncStream.fromPublisher(pub, 7).collect());
            assertEquals(5_000, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i, got.get(i));
            }
        }
    }

    @Test
    void toPublisher_should_refuse_a_second_subscriber_with_onError() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).build()) {
            Flow.Publisher<Integer> pub = AsyncStream.of(1).toPublisher(rt);
            pub.subscribe(new Recorder());
            Recorder second = new Recorder();
            pub.subscribe(second);
            Throwable e = second.error.get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, e);
            assertTrue(e.getMessage().contains("has a subscriber already"), e.getMessage());
        }
    }

    @Test
    void toPublisher_should_signal_onError_when_the_runtime_shuts_down_before_the_end() throws Exception {
        Recorder r = new Recorder();
        AtomicLong cancels = new AtomicLong();
        AsyncStream<Integer> endless = new AsyncStream<>() {
            @Override
            public io.ferrite.Poll<Integer> pollNext(io.ferrite.Context cx) {
                return io.ferrite.Poll.pending();
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
            }
        };
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(1).build()) {
            endless.toPublisher(rt).subscribe(r);
            r.subscribed.await(5, TimeUnit.SECONDS);
            r.subscription.request(1);
        }
        Throwable e = r.error.get(5, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains("the runtime shut down"), e.getMessage());
        assertEquals(1, cancels.get(), "the stream was cancelled");
    }

    @Test
    void toPublisher_should_deliver_only_what_was_requested() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            Recorder r = new Recorder();
            AsyncStream.range(0, 100).toPublisher(rt).subscribe(r);
            r.subscription.request(3);
            // On a current-thread runtime the pump runs only inside blockOn: two yields let it run
            // (FIFO) until it has used up the demand and waits.
            rt.blockOn(Task.yieldNow());
            rt.blockOn(Task.yieldNow());
            assertEquals(List.of(0, 1, 2), r.itemsCopy(), "no item beyond the demand");
            r.subscription.request(2);
            rt.blockOn(Task.yieldNow());
            assertEquals(List.of(0, 1, 2, 3, 4), r.itemsCopy());
            r.subscription.cancel();
            rt.blockOn(Task.yieldNow());
            assertEquals(0, rt.metrics().numAliveTasks(), "the pump ended with the cancel");
        }
    }

    /** A subscriber that records what it gets. */
    static final class Recorder implements Flow.Subscriber<Integer> {
        final CountDownLatch subscribed = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        final List<Integer> items = new ArrayList<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
        }

        @Override
        public synchronized void onNext(Integer item) {
            items.add(item);
        }

        synchronized List<Integer> itemsCopy() {
            return new ArrayList<>(items);
        }

        @Override
        public void onError(Throwable t) {
            error.complete(t);
        }

        @Override
        public void onComplete() {
            error.complete(null);
        }
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link AsyncStream#fromPublisher(Flow.Publisher, int)}: a {@code Flow.Subscriber} whose items
 * are read as a stream.
 *
 * <p>It subscribes at the first {@code pollNext} and requests {@code prefetch} items; each time
 * the consumer has taken {@code prefetch - prefetch / 4} of them (at least one) it requests that
 * many again, so the publisher never has more than {@code prefetch} items outstanding or
 * buffered here (backpressure: a slow consumer slows the publisher down). Items wait in a
 * single-producer single-consumer ring of {@code prefetch} (rounded up to a power of two) slots:
 * the publisher's {@code onNext} writes, the polling task reads.
 *
 * <p>Reactive Streams rules kept here: a second {@code onSubscribe} is cancelled (2.5), null
 * signals throw {@code NullPointerException} (2.13), calls to the subscription are serialised
 * (2.7) by a work-in-progress counter so none is made while another is running, nothing is
 * called on the subscription from {@code onComplete} or {@code onError} (2.3), and items that
 * arrive after cancelling are dropped (2.8). A publisher that sends more than was requested
 * (1.1) fails the stream with {@link IllegalStateException}.
 */
final class PublisherStream<T> extends BaseStream<T> implements Flow.Subscriber<T> {

    private final Flow.Publisher<? extends T> publisher;
    private final int prefetch;
    private final int replenish;
    private final Object[] ring;
    private final int mask;

    /** Items written by onNext; the producer's cursor, published with release semantics. */
    private final AtomicLong written = new AtomicLong();
    /** Items taken by the consumer; read by the producer to detect overflow. */
    private final AtomicLong taken = new AtomicLong();
    /** Set after the last item was written: onComplete or onError (then {@link #error} is set first). */
    private volatile boolean terminated;
    private volatile Throwable error;
    private final AtomicReference<Waker> waker = new AtomicReference<>();

    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    /** Demand not yet passed to the subscription. */
    private final AtomicLong unrequested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    /** Guarded by {@link #wip}: the subscription was cancelled, nothing more is sent to it. */
    private boolean cancelSent;

    // Consumer side: the polling task only.
    private boolean subscribed;
    private boolean done;
    private int sinceRequest;

    PublisherStream(Flow.Publisher<? extends T> publisher, int prefetch) {
        this.publisher = publisher;
        this.prefetch = prefetch;
        this.replenish = Math.max(1, prefetch - (prefetch >> 2));
        int cap = Integer.highestOneBit(Math.max(1, prefetch - 1)) << 1;
        this.ring = new Object[Math.max(cap, prefetch)];
        this.mask = ring.length - 1;
    }

    // ------------------------------------------------------------------ consumer

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> pollNext(Context cx) {
        if (done) {
            return end();
        }
        if (!subscribed) {
            subscribed = true;
            try {
                publisher.subscribe(this);
            } catch (Throwable t) {
                finish();
                throw t;
            }
        }
        boolean registered = false;
        while (true) {
            long h = taken.get();
            if (h < written.get()) {
                int i = (int) h & mask;
                T item = (T) ring[i];
                ring[i] = null;
                taken.lazySet(h + 1);
                if (++sinceRequest == replenish) {
                    sinceRequest = 0;
                    request(replenish);
                }
                return Poll.ready(item);
            }
            if (terminated) {
                if (h < written.get()) {
                    continue;   // an item written just before the terminal signal
                }
                Throwable e = error;
                finish();
                if (e != null) {
                    throw io.ferrite.internal.AsyncSupport.sneaky(e);
                }
                return end();
            }
            if (registered) {
                return Poll.pending();
            }
            // Registered before looking again, so an item written in between wakes this task.
            waker.set(cx.waker());
            registered = true;
        }
    }

    private void finish() {
        done = true;
        waker.set(null);
        java.util.Arrays.fill(ring, null);
    }

    /** Cancels the subscription (now, or as soon as it arrives) and drops the buffered items. */
    @Override
    public void cancel() {
        if (done) {
            return;
        }
        finish();
        cancelled = true;
        drainRequests();
    }

    private void request(long n) {
        long cur;
        do {
            cur = unrequested.get();
        } while (!unrequested.compareAndSet(cur, cur + n < 0 ? Long.MAX_VALUE : cur + n));
        drainRequests();
    }

    /** Passes cancellation or demand to the subscription, one caller at a time (rule 2.7). */
    private void drainRequests() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Flow.Subscription s = subscription.get();
            if (s != null && !cancelSent) {
                if (cancelled) {
                    cancelSent = true;
                    s.cancel();
                } else {
                    long n = unrequested.getAndSet(0);
                    if (n > 0) {
                        s.request(n);
                    }
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    // ------------------------------------------------------------------ Flow.Subscriber

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "onSubscribe(null): rule 2.13 of Reactive Streams forbids null signals");
        if (!subscription.compareAndSet(null, s)) {
            s.cancel();   // rule 2.5: one subscription at a time
            return;
        }
        request(prefetch);
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, () -> this + ": onNext(null); rule 2.13 of Reactive Streams forbids null items");
        if (cancelled || terminated) {
            return;
        }
        long t = written.get();
        if (t - taken.get() >= ring.length) {
            error = new IllegalStateException(this + ": the publisher " + publisher + " sent more items than were"
                    + " requested (rule 1.1 of Reactive Streams); " + prefetch + " at most may be outstanding");
            terminated = true;
            cancelled = true;
            drainRequests();
            wake();
            return;
        }
        ring[(int) t & mask] = item;
        written.lazySet(t + 1);
        wake();
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "onError(null): rule 2.13 of Reactive Streams forbids null signals");
        if (terminated) {
            return;
        }
        error = failure;
        terminated = true;
        wake();
    }

    @Override
    public void onComplete() {
        terminated = true;
        wake();
    }

    private void wake() {
        Waker w = waker.getAndSet(null);
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public String toString() {
        return "AsyncStream.fromPublisher(" + publisher + ", " + prefetch + ")";
    }
}

package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.Task;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link AsyncStream#toPublisher(AsyncRuntime)}: a {@code Flow.Publisher} of one stream, for one
 * subscriber.
 *
 * <p>{@code subscribe} calls {@code onSubscribe}, then spawns a task on the runtime that polls
 * the stream while the subscriber has demand (and one item ahead of it, so that a failure or
 * the end is signalled without waiting for a request), and signals {@code onNext},
 * {@code onComplete} or {@code onError} from that task, so every signal after
 * {@code onSubscribe} comes from one task, one at a time (rule 1.3), and a {@code request} made
 * inside {@code onNext} only adds demand and wakes the task (no recursion, rule 3.3). Cancelling
 * the subscription drops the subscriber at once (rule 3.13) and cancels the stream on its task.
 * If the runtime shuts down first, the subscriber gets {@code onError}.
 */
final class StreamPublisher<T> implements Flow.Publisher<T> {

    private final AtomicReference<AsyncStream<T>> stream;
    private final AsyncRuntime runtime;
    private final String name;

    StreamPublisher(AsyncStream<T> stream, AsyncRuntime runtime) {
        this.stream = new AtomicReference<>(stream);
        this.runtime = runtime;
        this.name = stream + ".toPublisher(" + runtime + ")";
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscribe(null): rule 1.9 of Reactive Streams forbids a null subscriber");
        AsyncStream<T> s = stream.getAndSet(null);
        if (s == null) {
            subscriber.onSubscribe(Refused.INSTANCE);
            subscriber.onError(new IllegalStateException(name + " has a subscriber already: a stream is read once,"
                    + " so its publisher takes one subscriber; make a new stream (and publisher) per subscriber, or"
                    + " share the items with a Broadcast channel"));
            return;
        }
        Delivery<T> d = new Delivery<>(s, subscriber, name);
        try {
            subscriber.onSubscribe(d);
        } catch (Throwable t) {
            // Rule 2.13: a subscriber that throws is broken; the subscription counts as cancelled.
            d.cancel();
            s.cancel();
            return;
        }
        runtime.spawn(d.task);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The subscription given to a second subscriber, which is refused at once. */
    private enum Refused implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }

    /** The subscription, and the task that delivers the items. */
    private static final class Delivery<T> implements Flow.Subscription {
        private final String name;
        private final AtomicLong demand = new AtomicLong();
        /** Dropped on cancel and after the terminal signal (rule 3.13). */
        private volatile Flow.Subscriber<? super T> subscriber;
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        private volatile Waker waker;
        final Future<Void> task;

        Delivery(AsyncStream<T> stream, Flow.Subscriber<? super T> subscriber, String name) {
            this.subscriber = subscriber;
            this.name = name;
            this.task = new Pump<>(stream);
        }

        @Override
        public void request(long n) {
            if (cancelled) {
                return;   // rule 3.6
            }
            if (n <= 0) {
                badRequest = new IllegalArgumentException(name + ": request(" + n + ") is not positive (rule 3.9 of"
                        + " Reactive Streams)");
            } else {
                long cur;
                do {
                    cur = demand.get();
                    if (cur == Long.MAX_VALUE) {
                        break;   // unbounded already (rule 3.17)
                    }
                } while (!demand.compareAndSet(cur, cur + n < 0 ? Long.MAX_VALUE : cur + n));
            }
            wake();
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscriber = null;
            wake();
        }

        private void wake() {
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        /** Polls the stream while there is demand; the only source of signals after onSubscribe. */
        private final class Pump<U extends T> implements Future<Void> {
            private AsyncStream<U> stream;
            /** The item read ahead, waiting for demand. */
            private U next;

            Pump(AsyncStream<U> stream) {
                this.stream = stream;
            }

            @Override
            public Poll<Void> poll(Context cx) {
                Waker w = cx.waker();
                if (waker != w) {
                    waker = w;   // before reading the demand, so a request in between wakes this task
                }
                AsyncStream<U> s = stream;
                if (s == null) {
                    return Poll.ready(null);
                }
                while (true) {
                    if (cancelled) {
                        return stop(null);
                    }
                    Throwable bad = badRequest;
                    if (bad != null) {
                        return stop(bad);
                    }
                    U item = next;
                    if (item == null) {
                        // One item is read ahead of demand, so a failure or the end is signalled as
                        // soon as the stream shows it, without waiting for a request (rules 1.4, 1.5).
                        Poll<U> p;
                        try {
                            p = s.pollNext(cx);
                        } catch (Throwable t) {
                            stream = null;
                            return terminate(t);
                        }
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        item = p.value();
                        if (item == null) {
                            stream = null;
                            return terminate(null);
                        }
                        next = item;
                    }
                    long d = demand.get();
                    if (d == 0) {
                        return Poll.pending();
                    }
                    next = null;
                    if (d != Long.MAX_VALUE) {
                        demand.decrementAndGet();
                    }
                    Flow.Subscriber<? super T> sub = subscriber;
                    if (sub == null) {
                        continue;   // cancelled meanwhile: the top of the loop stops
                    }
                    try {
                        sub.onNext(item);
                    } catch (Throwable t) {
                        cancelled = true;   // rule 2.13: a throwing subscriber counts as cancelled
                        subscriber = null;
                        return stop(null);
                    }
                    if (!Task.pollProceed(cx)) {
                        return Poll.pending();
                    }
                }
            }

            /** Cancels the stream, and signals {@code failure} (a bad request) if there is one. */
            private Poll<Void> stop(Throwable failure) {
                AsyncStream<U> s = stream;
                stream = null;
                next = null;
                Throwable cleanup = null;
                if (s != null) {
                    try {
                        s.cancel();
                    } catch (Throwable t) {
                        cleanup = t;
                    }
                }
                if (failure != null) {
                    if (cleanup != null) {
                        failure.addSuppressed(cleanup);
                    }
                    return terminate(failure);
                }
                subscriber = null;
                return Poll.ready(null);
            }

            /** The terminal signal: onError with {@code failure}, or onComplete. */
            private Poll<Void> terminate(Throwable failure) {
                Flow.Subscriber<? super T> sub = subscriber;
                subscriber = null;
                cancelled = true;
                if (sub != null) {
                    try {
                        if (failure == null) {
                            sub.onComplete();
                        } else {
                            sub.onError(failure);
                        }
                    } catch (Throwable ignored) {
                        // Rule 2.13: nothing is left to tell a subscriber that throws from its terminal signal.
                    }
                }
                return Poll.ready(null);
            }

            /** The runtime shut down before the stream ended: the subscriber must hear of it. */
            @Override
            public void cancel() {
                AsyncStream<U> s = stream;
                stream = null;
                next = null;
                Throwable failure = new IllegalStateException(name + ": the runtime shut down before the stream ended");
                if (s != null) {
                    try {
                        s.cancel();
                    } catch (Throwable t) {
                        failure.addSuppressed(t);
                    }
                }
                terminate(failure);
            }

            @Override
            public String toString() {
                return name;
            }
        }
    }
}

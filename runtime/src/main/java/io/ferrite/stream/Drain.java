package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collector;

/**
 * The future of every terminal operation ({@code fold}, {@code collect}, {@code forEach},
 * {@code count}, {@code first}, {@code last}, {@code forEachConcurrent}): takes the upstream's
 * items until its end, handing each to {@link #accept}; subclasses say what an item does and
 * what the result is.
 *
 * <p>Over a synchronous upstream ({@link BaseStream#isSync()}) it drains in chunks of
 * {@link #CHUNK} source items, with no {@code Poll} per item; otherwise it polls. Either way it
 * spends one unit of the task's cooperative budget per chunk, so a long stream cannot hold a
 * worker for ever: when the budget is spent, it yields and goes on at the next poll.
 *
 * <p>A failure cancels the upstream and is thrown; a subclass that stops early (its
 * {@code accept} returned false) cancels the upstream too.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
abstract class Drain<T, R> implements Future<R>, Sink<T> {

    /** Source items between two budget checks. */
    static final int CHUNK = 1024;

    final AsyncStream<T> upstream;
    private boolean finished;

    Drain(AsyncStream<T> upstream) {
        this.upstream = upstream;
    }

    /** The result once the upstream ended, or once {@link #accept} returned false. */
    abstract R result();

    /** What this terminal is, for messages: {@code "fold(...)"}. */
    abstract String operation();

    @Override
    public final Poll<R> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException(this + " was polled after it completed: a stream's terminal operation"
                    + " is a single-use future");
        }
        try {
            if (upstream instanceof BaseStream<T> s && s.isSync()) {
                while (true) {
                    int r = s.drain(this, CHUNK);
                    if (r != BaseStream.MORE) {
                        return complete(r == BaseStream.STOPPED);
                    }
                    if (!Task.pollProceed(cx)) {
                        return Poll.pending();
                    }
                }
            }
            int n = 0;
            while (true) {
                Poll<T> p = upstream.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                T item = p.value();
                if (item == null) {
                    return complete(false);
                }
                if (!accept(item)) {
                    return complete(true);
                }
                if (++n == CHUNK) {
                    n = 0;
                    if (!Task.pollProceed(cx)) {
                        return Poll.pending();
                    }
                }
            }
        } catch (Throwable t) {
            finished = true;
            BaseStream.cancelAfter(upstream, t);
            throw t;
        }
    }

    private Poll<R> complete(boolean stoppedEarly) {
        finished = true;
        if (stoppedEarly) {
            upstream.cancel();
        }
        return Poll.ready(result());
    }

    /** Cancels the upstream; the items taken so far are dropped. */
    @Override
    public final void cancel() {
        if (!finished) {
            finished = true;
            upstream.cancel();
        }
    }

    @Override
    public String toString() {
        return upstream + "." + operation();
    }

    /** {@link AsyncStream#fold}. */
    static final class Fold<T, R> extends Drain<T, R> {
        private final BiFunction<R, ? super T, R> fn;
        private R acc;

        Fold(AsyncStream<T> upstream, R init, BiFunction<R, ? super T, R> fn) {
            super(upstream);
            this.acc = init;
            this.fn = fn;
        }

        @Override
        public boolean accept(T item) {
            acc = fn.apply(acc, item);
            return true;
        }

        @Override
        R result() {
            R r = acc;
            acc = null;
            return r;
        }

        @Override
        String operation() {
            return "fold(...)";
        }
    }

    /** {@link AsyncStream#collect(Collector)}: the container is made at the first item or the end. */
    static final class Collect<T, A, R> extends Drain<T, R> {
        private final Collector<? super T, A, R> collector;
        private final BiConsumer<A, ? super T> accumulator;
        private A container;
        private boolean made;

        Collect(AsyncStream<T> upstream, Collector<? super T, A, R> collector) {
            super(upstream);
            this.collector = collector;
            this.accumulator = collector.accumulator();
        }

        private A container() {
            if (!made) {
                container = collector.supplier().get();
                made = true;
            }
            return container;
        }

        @Override
        public boolean accept(T item) {
            accumulator.accept(container(), item);
            return true;
        }

        @Override
        R result() {
            A c = container();
            container = null;
            return collector.finisher().apply(c);
        }

        @Override
        String operation() {
            return "collect(...)";
        }
    }

    /** {@link AsyncStream#collect()}: an unmodifiable list, in stream order. */
    static final class ToList<T> extends Drain<T, List<T>> {
        private ArrayList<T> list = new ArrayList<>();

        ToList(AsyncStream<T> upstream) {
            super(upstream);
        }

        @Override
        public boolean accept(T item) {
            list.add(item);
            return true;
        }

        @Override
        List<T> result() {
            List<T> r = Collections.unmodifiableList(list);
            list = null;
            return r;
        }

        @Override
        String operation() {
            return "collect()";
        }
    }

    /** {@link AsyncStream#forEach}, and the drain of {@code forEachConcurrent}'s engine (a null action). */
    static final class ForEach<T> extends Drain<T, Void> {
        private final Consumer<? super T> action;

        ForEach(AsyncStream<T> upstream, Consumer<? super T> action) {
            super(upstream);
            this.action = action;
        }

        @Override
        public boolean accept(T item) {
            if (action != null) {
                action.accept(item);
            }
            return true;
        }

        @Override
        Void result() {
            return null;
        }

        @Override
        String operation() {
            return action == null ? "drain()" : "forEach(...)";
        }

        @Override
        public String toString() {
            return action == null ? String.valueOf(upstream) : super.toString();
        }
    }

    /** {@link AsyncStream#count()}. */
    static final class Count<T> extends Drain<T, Long> {
        private long count;

        Count(AsyncStream<T> upstream) {
            super(upstream);
        }

        @Override
        public boolean accept(T item) {
            count++;
            return true;
        }

        @Override
        Long result() {
            return count;
        }

        @Override
        String operation() {
            return "count()";
        }
    }

    /**
     * {@link AsyncStream#first()}, which stops at the first item and cancels the rest of the
     * stream, and {@link AsyncStream#last()}, which reads to the end.
     */
    static final class Pick<T> extends Drain<T, T> {
        private final boolean first;
        private T item;

        Pick(AsyncStream<T> upstream, boolean first) {
            super(upstream);
            this.first = first;
        }

        @Override
        public boolean accept(T i) {
            item = i;
            return !first;
        }

        @Override
        T result() {
            T r = item;
            item = null;
            return r;
        }

        @Override
        String operation() {
            return first ? "first()" : "last()";
        }
    }
}

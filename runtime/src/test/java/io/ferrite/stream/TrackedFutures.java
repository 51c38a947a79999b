package io.ferrite.stream;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import io.ferrite.internal.AsyncSupport;
import java.util.ArrayList;
import java.util.List;

/**
 * Futures completed by hand that count how many exist and run at once: a future is live from
 * its creation until it completes or is cancelled, so a test can assert that none is left
 * running and that no more than n ran at any time.
 */
final class TrackedFutures<T> {

    final List<Tracked> all = new ArrayList<>();
    int live;
    int maxLive;
    int cancelled;

    /** A new live future for {@code value}, pending until completed. */
    Tracked make(T value) {
        Tracked t = new Tracked(value);
        all.add(t);
        live++;
        maxLive = Math.max(maxLive, live);
        return t;
    }

    final class Tracked implements Future<T> {
        final T value;
        private boolean done;
        private boolean ready;
        private Throwable failure;
        private Waker waker;

        Tracked(T value) {
            this.value = value;
        }

        /** Lets the future complete with its value at its next poll. */
        void complete() {
            ready = true;
            wakeIt();
        }

        void fail(Throwable t) {
            failure = t;
            wakeIt();
        }

        private void wakeIt() {
            if (waker != null) {
                waker.wake();
            }
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new AssertionError(this + " polled after it finished");
            }
            if (failure != null) {
                done = true;
                live--;
                throw AsyncSupport.sneaky(failure);
            }
            if (ready) {
                done = true;
                live--;
                return Poll.ready(value);
            }
            waker = cx.waker();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                live--;
                cancelled++;
            }
        }

        boolean isDone() {
            return done;
        }

        @Override
        public String toString() {
            return "tracked(" + value + ")";
        }
    }
}

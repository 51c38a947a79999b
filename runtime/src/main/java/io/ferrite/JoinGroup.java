package io.ferrite;

import io.ferrite.internal.AsyncSupport;
import java.util.Objects;
import java.util.function.Function;

/** The engine of {@code Futures.join}, {@code joinAll}, {@code tryJoin} and {@code tryJoinAll}. */
final class JoinGroup<R> extends FutureGroup<R> {
    private final boolean failFast;
    private final Function<Object[], R> finish;
    private final Object[] results;
    private int remaining;
    private Throwable failure;

    JoinGroup(boolean failFast, Function<Object[], R> finish, Future<?>... futures) {
        super(futures.length);
        for (int i = 0; i < futures.length; i++) {
            children[i] = Objects.requireNonNull(futures[i], "a future to join is null");
        }
        this.failFast = failFast;
        this.finish = finish;
        this.results = new Object[futures.length];
        this.remaining = futures.length;
    }

    @Override
    Poll<R> pollChild(int i) {
        Poll<Object> p;
        try {
            p = pollSlot(i);
        } catch (Throwable t) {
            children[i] = null;
            remaining--;
            if (failFast) {
                throw t;
            }
            if (failure == null) {
                failure = t;
            } else if (t != failure) {
                failure.addSuppressed(t);
            }
            return null;
        }
        if (p.isReady()) {
            children[i] = null;
            results[i] = p.value();
            remaining--;
        }
        return null;
    }

    @Override
    Poll<R> afterRound() {
        if (remaining > 0) {
            return null;
        }
        if (failure != null) {
            throw AsyncSupport.sneaky(failure);
        }
        return Poll.ready(finish.apply(results));
    }

    @Override
    String describe() {
        return "Futures." + (failFast ? "tryJoin" : "join") + "[" + remaining + " of " + results.length
                + " running]";
    }
}

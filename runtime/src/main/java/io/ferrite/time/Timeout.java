package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.scheduler.Scheduler;
import java.time.Duration;

/**
 * The future of {@link Time#timeout}: polls the inner future first, then its own timer; when the
 * timer wins, cancels the inner future and throws {@link Elapsed}.
 *
 * <p>If the inner future used up the task's cooperative budget in this poll, the timer is
 * checked without the budget (Tokio's fix, {@code coop::with_unconstrained}): otherwise a future
 * that is always ready would starve its own timeout, which could then never fire.
 */
final class Timeout<T> implements Future<T> {

    private final Future<T> inner;
    private final Duration limit;
    private final Sleep timer;

    Timeout(Duration limit, Future<T> inner) {
        this.inner = inner;
        this.limit = limit;
        this.timer = new Sleep(Time.saturatedNanos(limit));
    }

    @Override
    public Poll<T> poll(Context cx) {
        boolean hadBudget = Task.hasBudgetRemaining();
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable failure) {
            timer.cancel();
            throw failure;
        }
        if (p.isReady()) {
            timer.cancel();
            return p;
        }
        boolean innerSpentIt = hadBudget && !Task.hasBudgetRemaining();
        boolean elapsed = innerSpentIt
                ? Scheduler.unconstrained(() -> timer.poll(cx).isReady())
                : timer.poll(cx).isReady();
        if (elapsed) {
            inner.cancel();
            throw new Elapsed(limit, String.valueOf(inner));
        }
        return Poll.pending();
    }

    /** Cancels the inner future and removes the timer. */
    @Override
    public void cancel() {
        timer.cancel();
        inner.cancel();
    }

    @Override
    public String toString() {
        return "Time.timeout(" + limit + ", " + inner + ")";
    }
}

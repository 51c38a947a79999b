package io.ferrite.time;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.Task;
import io.ferrite.runtime.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;

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
    /** The time limit of {@link Time#timeout}, or null. */
    private final Duration limit;
    /** The deadline of {@link Time#timeoutAt}, or null. */
    private final Instant deadline;
    private final Sleep timer;

    Timeout(Duration limit, Future<T> inner) {
        this.inner = inner;
        this.limit = limit;
        this.deadline = null;
        this.timer = new Sleep(Time.saturatedNanos(limit));
    }

    Timeout(Instant deadline, Future<T> inner) {
        this.inner = inner;
        this.limit = null;
        this.deadline = deadline;
        this.timer = new Sleep(deadline);
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
            throw deadline == null ? new Elapsed(limit, String.valueOf(inner)) : new Elapsed(deadline, String.valueOf(inner));
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
        return deadline == null ? "Time.timeout(" + limit + ", " + inner + ")" : "Time.timeoutAt(" + deadline + ", " + inner + ")";
    }
}

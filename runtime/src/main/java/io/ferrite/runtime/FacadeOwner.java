package io.ferrite.runtime;

import io.ferrite.runtime.scheduler.Owner;
import io.ferrite.runtime.scheduler.TaskCell;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The typed owner of an engine ({@code Scheduler} or {@code LocalScheduler}): the façade it
 * belongs to and where its task failures go. Kept out of the façades so that neither shows a
 * public method that exists only for the engine.
 *
 * @param <F> the façade's type
 */
final class FacadeOwner<F> implements Owner {

    /** The façade, handed back by {@code AsyncRuntime.current()}. */
    final F facade;
    private final BiConsumer<? super JoinHandle<?>, ? super Throwable> failures;

    FacadeOwner(F facade, BiConsumer<? super JoinHandle<?>, ? super Throwable> failures) {
        this.facade = facade;
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public void taskFailed(TaskCell<?> task, Throwable error) {
        failures.accept(task, error);
    }

    /** The façade's own text: the engine names its owner in messages. */
    @Override
    public String toString() {
        return String.valueOf(facade);
    }
}

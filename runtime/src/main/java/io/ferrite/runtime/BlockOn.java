package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.runtime.scheduler.Scheduler;
import io.ferrite.runtime.scheduler.ThreadWaker;

/**
 * Runs one future to completion on the calling thread: the smallest executor, like the
 * {@code futures} crate's {@code block_on}. It needs no runtime; futures that need one (timers,
 * {@link Task#spawn}) should be run with {@link AsyncRuntime#blockOn} instead.
 *
 * <p>It polls the future on the calling thread; while the future is pending it parks the thread
 * until the future's waker is called (from any thread), then polls again. It returns the value,
 * or rethrows the failure the future's {@code poll} threw, unwrapped.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * import static io.ferrite.runtime.BlockOn.blockOn;
 *
 * public static void main(String[] args) {
 *     Receipt receipt = blockOn(new Orders().checkout(cart));
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * If the calling thread is interrupted while waiting, the future is cancelled (its
 * {@code finally} blocks run), the interrupt status is kept, and {@link Cancelled} is thrown.
 *
 * <h2>Thread safety</h2>
 * Each call owns its future; do not poll that future elsewhere at the same time.
 */
public final class BlockOn {

    private BlockOn() {
    }

    /**
     * Polls {@code future} on the calling thread until it completes.
     *
     * @param future the future to run
     * @param <T>    the value type
     * @return the future's value
     * @throws Cancelled            if the thread was interrupted while waiting
     * @throws IllegalStateException if called on a worker thread of an {@link AsyncRuntime} or
     *                               inside its {@code blockOn}, where blocking would stall the
     *                               runtime's tasks
     */
    public static <T> T blockOn(Future<T> future) {
        Scheduler.refuseInsideRuntime("BlockOn.blockOn");
        return ThreadWaker.drive(future);
    }
}

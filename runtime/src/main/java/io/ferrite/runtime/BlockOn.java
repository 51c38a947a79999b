package io.ferrite.runtime;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one future to completion on the calling thread: the smallest executor, like the
 * {@code futures} crate's {@code block_on}.
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
     * @throws Cancelled if the thread was interrupted while waiting
     */
    public static <T> T blockOn(Future<T> future) {
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        Context cx = Context.of(waker);
        while (true) {
            Poll<T> poll = future.poll(cx);
            if (poll.isReady()) {
                return poll.value();
            }
            if (!waker.awaitWake()) {
                future.cancel();
                throw new Cancelled("blockOn was interrupted while " + future + " was pending");
            }
        }
    }

    /** Unparks its thread once per wake; the wake flag makes early and repeated wakes safe. */
    private static final class ThreadWaker extends AtomicBoolean implements Waker {

        private static final long serialVersionUID = 1L;
        private final transient Thread thread;

        ThreadWaker(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void wake() {
            if (!getAndSet(true)) {
                LockSupport.unpark(thread);
            }
        }

        /** Waits for a wake and consumes it; false if the thread was interrupted first. */
        boolean awaitWake() {
            while (!compareAndSet(true, false)) {
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.park(this);
            }
            return true;
        }

        @Override
        public String toString() {
            return "BlockOn.waker[" + thread.getName() + "]";
        }
    }
}

package io.ferrite.runtime.scheduler;

import io.ferrite.Waker;

/**
 * A waker the runtime did not make, registered on behalf of the {@link Waiter} that was polling
 * when it was handed over. If it throws when the runtime calls it, its owner fails (see
 * {@link Waiter#wakeFailed}); the thread that called it never sees the exception.
 */
final class ForeignWaker implements Waiter {

    final Waker waker;
    /** The waiter that answers for it; null if it was registered outside any runtime. */
    final Waiter owner;
    /** What identifies the awaiting party: the owner, or the registering thread when there is none. */
    final Object key;

    ForeignWaker(Waker waker, Waiter owner, Object key) {
        this.waker = waker;
        this.owner = owner;
        this.key = key;
    }

    @Override
    public void wake() {
        try {
            waker.wake();
        } catch (Throwable error) {
            wakeFailed(error);
        }
    }

    @Override
    public void wakeFailed(Throwable error) {
        if (owner != null) {
            owner.wakeFailed(error);
        } else {
            // Registered by a thread of no runtime: there is no task to fail and no handler to tell.
            System.err.println("Ferrite: the waker " + Scheduler.describeSafely(waker) + " threw when it was woken;"
                    + " it was registered outside any runtime, so there is no task to fail:");
            error.printStackTrace();
        }
    }

    @Override
    public String toString() {
        return Scheduler.describeSafely(waker);
    }
}

package io.ferrite.runtime.scheduler;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.internal.AsyncSupport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes one thread that waits for a future outside any worker ({@code blockOn}). The flag makes
 * early and repeated wakes safe: a wake before the thread parks is not lost, and only the first
 * of several wakes unparks. As a {@link Waiter}, it stands for the {@code blockOn} call: a
 * foreign waker registered by its future that throws makes the call throw.
 */
public final class ThreadWaker implements Waiter {

    private static final VarHandle WOKEN;

    static {
        try {
            WOKEN = MethodHandles.lookup().findVarHandle(ThreadWaker.class, "woken", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    private volatile boolean woken;
    /** What a waker registered on this call's behalf threw; the call rethrows it. */
    private volatile Throwable wakeFailure;

    /**
     * Creates a waker for {@code thread}. Internal: not part of Ferrite's API.
     *
     * @param thread the thread to unpark
     */
    public ThreadWaker(Thread thread) {
        this.thread = thread;
    }

    /**
     * Polls {@code future} on the calling thread, parking between wakes, until it completes.
     * Internal: {@code BlockOn}, the runtime-free executor.
     *
     * @param future the future to drive
     * @param <T>    its value type
     * @return its value
     * @throws Cancelled if the thread is interrupted while waiting (the future is cancelled)
     */
    public static <T> T drive(Future<T> future) {
        return Scheduler.drive(future, new ThreadWaker(Thread.currentThread()), null, null);
    }

    @Override
    public void wake() {
        if (!woken && !(boolean) WOKEN.getAndSet(this, true) && Thread.currentThread() != thread) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void wakeFailed(Throwable error) {
        wakeFailure = error;
        wake();
    }

    /** If a waker of this call threw, cancels {@code future} and throws what it threw. */
    void rethrowWakeFailure(Future<?> future) {
        Throwable error = wakeFailure;
        if (error != null) {
            Scheduler.cancelAfterGivingUp(future, error);
            throw AsyncSupport.sneaky(error);
        }
    }

    /** Whether a wake is pending. */
    boolean isWoken() {
        return woken;
    }

    /** Takes a pending wake, if any. */
    boolean consume() {
        return woken && (boolean) WOKEN.getAndSet(this, false);
    }

    /** Parks until a wake arrives and takes it; false if the thread was interrupted first. */
    boolean awaitWake() {
        while (!consume()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.park(this);
        }
        return true;
    }

    @Override
    public String toString() {
        return "blockOn waker[" + thread.getName() + "]";
    }
}

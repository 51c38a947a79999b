package io.ferrite.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.Reference;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for things a test cannot make synchronous: another thread's progress, the garbage
 * collector. The bounds are hang guards, never speed checks: they are minutes long, so a test
 * that reaches one has hung (a lost wake-up, a dead worker), and it fails saying so instead of
 * stalling the build.
 */
public final class Eventually {

    /** Long enough that only a hang reaches it, on any machine. */
    public static final long HANG_GUARD_SECONDS = 120;

    private Eventually() {
    }

    /** Returns {@code future}'s value, or fails the test if it never completes (a hang). */
    public static <T> T get(CompletableFuture<T> future, String what) throws ExecutionException {
        try {
            return future.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException hung) {
            return fail(what + " never completed (hung)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }

    /** Returns the exception {@code future} fails with, or fails the test if it succeeds or hangs. */
    public static Throwable failure(CompletableFuture<?> future, String what) {
        try {
            Object value = get(future, what);
            return fail(what + " completed with " + value + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /** Joins {@code thread}, or fails the test if it never ends (a hang). */
    public static void join(Thread thread, String what) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            fail(what + " is still running (hung)");
        }
    }

    /**
     * Runs full collections until {@code ref} is cleared; true if it was. A weakly reachable
     * object is cleared by the first full collection, so this loops only when a concurrent
     * collector needs more than one cycle.
     */
    public static boolean collected(Reference<?> ref) {
        for (int i = 0; i < 50 && !ref.refersTo(null); i++) {
            System.gc();
            Thread.yield();
        }
        return ref.refersTo(null);
    }
}

package io.ferrite.internal;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.BlockOn;
import io.ferrite.runtime.scheduler.Scheduler;

/**
 * Runs work that outlives the future it belonged to: an uncancellable future whose awaiter was
 * cancelled, or the rest of a state machine's unwinding that awaits one. It becomes a task of
 * the current runtime (its failure goes to the runtime's task failure handler, like any task's);
 * outside any runtime, a daemon thread drives it with {@link BlockOn#blockOn}, so the work is
 * never silently dropped.
 */
public final class Detached {

    private Detached() {
    }

    /**
     * Runs {@code future} to completion on its own.
     *
     * @param future the work
     */
    public static void spawn(Future<?> future) {
        Scheduler scheduler = Scheduler.current();
        if (scheduler != null) {
            scheduler.spawn(future);
            return;
        }
        Thread thread = new Thread(() -> BlockOn.blockOn(future), "ferrite-detached-" + future);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Finishes the unwinding of a cancelled machine that is suspended on a
     * {@link NonCancellable} future.
     *
     * @param machine the machine, cancelling and suspended
     */
    static void finishUnwinding(AsyncStateMachine<?> machine) {
        spawn(new Unwinding(machine));
    }

    /** Polls a cancelled machine until its body has unwound; its final {@link Cancelled} is the expected end. */
    private static final class Unwinding implements Future<Void> {
        private AsyncStateMachine<?> machine;

        Unwinding(AsyncStateMachine<?> machine) {
            this.machine = machine;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            AsyncStateMachine<?> m = machine;
            if (m == null) {
                return Poll.ready(null);
            }
            try {
                if (m.poll(cx).isPending() && m.state > 0) {
                    return Poll.pending();
                }
            } catch (Cancelled unwound) {
                // The body reached its end by the cancellation, as it should.
            } finally {
                if (m.state <= 0) {
                    machine = null;
                }
            }
            return Poll.ready(null);
        }

        /** The runtime shuts down: what remains of the unwinding is dropped with it. */
        @Override
        public void cancel() {
            AsyncStateMachine<?> m = machine;
            machine = null;
            if (m != null) {
                m.state = AsyncStateMachine.DONE;
                m.awaiting = null;
            }
        }

        @Override
        public String toString() {
            return "unwinding of " + machine;
        }
    }
}

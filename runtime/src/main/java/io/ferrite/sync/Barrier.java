package io.ferrite.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;

/**
 * Lets a fixed number of tasks wait until all of them have arrived, then releases them together
 * (Tokio's {@code tokio::sync::Barrier}). It is reusable: once a group is released, the next
 * arrivals form a new group.
 *
 * <p>{@link #arriveAndWait()} returns a future that completes when the group is full; exactly
 * one task of each group, the last to arrive, is told it is the leader.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Barrier loaded = new Barrier(3);
 *
 * @Async
 * Future<Void> worker(int shard) {
 *     await(load(shard));
 *     if (await(loaded.arriveAndWait())) {   // true for exactly one worker
 *         log.info("all shards loaded");
 *     }
 *     return serve(shard);
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * A task counts as arrived from the first poll of its future. Cancelling the future before its
 * group is released takes the arrival back, so the group still needs as many arrivals as before;
 * after the release, cancelling changes nothing.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread.
 */
public final class Barrier {

    private final int parties;
    private final Notify released = new Notify();
    /** Guarded by {@code this}. */
    private int arrived;
    /** Guarded by {@code this}: how many groups have been released. */
    private long generation;

    /**
     * Creates a barrier for groups of {@code parties} tasks.
     *
     * <pre>{@code
     * Barrier start = new Barrier(workers.size());
     * }</pre>
     *
     * @param parties the number of tasks per group, at least 1
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier(" + parties + "): a group needs at least 1 task");
        }
        this.parties = parties;
    }

    /**
     * Returns a future that arrives at the barrier when first polled and completes when the
     * group is full, with {@code true} for the group's leader (its last arrival) and
     * {@code false} for the others.
     *
     * <pre>{@code
     * boolean leader = await(barrier.arriveAndWait());
     * }</pre>
     *
     * <h4>Cancellation</h4>
     * Cancel safe: a cancelled arrival is taken back if its group was not yet released.
     *
     * @return a future of the leader flag
     */
    public Future<Boolean> arriveAndWait() {
        return new Arrival();
    }

    /**
     * Returns the number of tasks per group.
     *
     * @return the group size given to the constructor
     */
    public int parties() {
        return parties;
    }

    @Override
    public synchronized String toString() {
        return "Barrier[" + arrived + "/" + parties + " arrived]";
    }

    private final class Arrival implements Future<Boolean> {
        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int DONE = 2;

        private int phase = NEW;
        private long myGeneration;
        private Future<Void> wake;

        @Override
        public Poll<Boolean> poll(Context cx) {
            if (phase == DONE) {
                throw new IllegalStateException("Barrier.arriveAndWait() was polled after it completed");
            }
            if (phase == NEW) {
                boolean leader;
                synchronized (Barrier.this) {
                    leader = ++arrived == parties;
                    if (leader) {
                        arrived = 0;
                        generation++;
                    } else {
                        myGeneration = generation;
                        // Made before the state can change, so no release is missed.
                        wake = released.notified();
                    }
                }
                if (leader) {
                    phase = DONE;
                    released.notifyWaiters();
                    return Poll.ready(Boolean.TRUE);
                }
                phase = WAITING;
            }
            while (true) {
                if (wake == null) {
                    wake = released.notified();
                }
                synchronized (Barrier.this) {
                    if (generation != myGeneration) {
                        phase = DONE;
                        wake = null;
                        return Poll.ready(Boolean.FALSE);
                    }
                }
                if (wake.poll(cx).isPending()) {
                    return Poll.pending();
                }
                wake = null;
            }
        }

        @Override
        public void cancel() {
            if (phase != WAITING) {
                return;
            }
            phase = DONE;
            if (wake != null) {
                wake.cancel();
                wake = null;
            }
            synchronized (Barrier.this) {
                if (generation == myGeneration) {
                    arrived--;
                }
            }
        }

        @Override
        public String toString() {
            return "Barrier.arriveAndWait()[" + (phase == NEW ? "not polled" : phase == WAITING ? "waiting" : "done")
                    + "]";
        }
    }
}

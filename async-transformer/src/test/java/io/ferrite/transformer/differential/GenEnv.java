package io.ferrite.transformer.differential;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a generated generator program and its synchronous reference share: the futures they await
 * (ready, pending once, or failed, decided by the seed and the await's position in the run, so
 * both builds see the same sequence), and the trace of what they did.
 *
 * <p>The generator's items are added to the trace by its consumer as it takes them; the
 * reference's by {@link #emit(int)} as it pushes them. The traces are equal only if the generator
 * never runs ahead of its consumer.
 */
public final class GenEnv {

    /** Thrown by the reference's {@link #emit} to stop it where the generator is cancelled: an Error, as Cancelled is. */
    static final class Stop extends Error {
        Stop() {
            super("stop", null, false, false);
        }
    }

    private final long seed;
    private final int stopAfter;
    private final List<String> trace = new ArrayList<>();
    private int awaits;
    private int emitted;
    private boolean stopping;
    private Runnable tail;
    /** Suspensions of the generator: pending polls. */
    int pending;

    /**
     * Creates an environment.
     *
     * @param seed      decides each awaited future
     * @param stopAfter for the reference: stop after this many items (0: never)
     */
    GenEnv(long seed, int stopAfter) {
        this.seed = seed;
        this.stopAfter = stopAfter;
    }

    /** The generator's await target: a future of {@code value}, ready, pending once, or failed. */
    public Future<Integer> f(int value) {
        int mode = mode();
        if (mode == 2) {
            return Future.failed(new IllegalStateException("fail " + value));
        }
        if (mode == 1) {
            return new Future<>() {
                private boolean polled;

                @Override
                public Poll<Integer> poll(Context cx) {
                    if (!polled) {
                        polled = true;
                        pending++;
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    return Poll.ready(value);
                }
            };
        }
        return Future.ready(value);
    }

    /** The reference's await: the value, or the failure, {@link #f} would give. */
    public int v(int value) {
        int mode = mode();
        if (stopping) {
            throw new Stop();  // the generator throws Cancelled at an await reached while unwinding
        }
        if (mode == 2) {
            throw new IllegalStateException("fail " + value);
        }
        return value;
    }

    /** The reference's emit. */
    public void emit(int item) {
        if (stopping) {
            throw new Stop();  // the generator throws Cancelled at an emit reached while unwinding
        }
        trace.add("emit " + item);
        if (++emitted == stopAfter) {
            stopping = true;
            throw new Stop();
        }
    }

    /** The reference's delegation: the items to push once the method has returned (after its finally blocks). */
    public void tail(Runnable items) {
        tail = items;
    }

    /** Runs the delegation the reference recorded, if any. */
    void runTail() {
        Runnable items = tail;
        tail = null;
        if (items != null) {
            items.run();
        }
    }

    /** Records a step of the program. */
    public void log(String step) {
        trace.add(step);
    }

    /** Records an item the consumer took from the generator. */
    void took(Integer item) {
        trace.add("emit " + item);
    }

    List<String> trace() {
        return trace;
    }

    private int mode() {
        long mixed = new SplittableRandom(seed * 31 + awaits++).nextLong();
        int roll = (int) Math.floorMod(mixed, 10);
        return roll < 5 ? 0 : roll < 9 ? 1 : 2;
    }
}

package io.ferrite.transformer.differential;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.testing.ManualFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What one run of one generated method sees: the side-effect log, the futures it awaits and the
 * schedule that completes them. Generated code receives it as its parameter {@code e}.
 *
 * <p>The two builds of a method must create the same futures in the same order; the n-th
 * future's kind (ready, completed, pending; failing at once or later) depends only on the seed
 * and n, so both builds await the same kinds. When the n-th future completes depends on the
 * timing schedule, which differs between the builds (the transformed one is polled step by
 * step, the reference blocks): timing must not change what a method computes, which is the
 * point of the test. Nothing here logs when it is polled or completed, so the logs compare.
 *
 * <p>Not thread-safe: a run is single-threaded.
 */
public final class Env {

    private static final ThreadLocal<Env> CURRENT = new ThreadLocal<>();
    private static final int MAX_STRING = 12;
    /** Generated loops are bounded: a run that goes on this long is a runaway. */
    private static final int MAX_STEPS = 200_000;

    private final long seed;
    private final SplittableRandom timing;
    private final List<String> log = new ArrayList<>();
    private final List<Tracked> futures = new ArrayList<>();
    private int created;
    private int steps;
    /** In a cancelled reference run: the future whose await is cancelled, else -1. */
    private int cancelAt = -1;
    private boolean cancelling;

    /**
     * Creates the environment of one run.
     *
     * @param seed       decides the kinds of futures (same for both builds of a method)
     * @param timingSeed decides when pending futures complete
     */
    Env(long seed, long timingSeed) {
        this.seed = seed;
        this.timing = new SplittableRandom(timingSeed);
    }

    /**
     * Returns the environment of the reference run in progress on this thread, for
     * {@link Ref#await(Future)}.
     */
    static Env current() {
        Env env = CURRENT.get();
        if (env == null) {
            throw new IllegalStateException("Ref.await called outside a reference run");
        }
        return env;
    }

    /** Makes this the environment of the thread's run; {@link #exit()} undoes it. */
    void enter() {
        CURRENT.set(this);
    }

    /** Ends the thread's run. */
    static void exit() {
        CURRENT.remove();
    }

    // ---------------------------------------------------------------- used by generated code

    /**
     * Starts the body of a generated method or lambda that other generated code calls. In a
     * cancelled reference run it throws {@link Cancelled} once the cancellation is unwinding:
     * the transformed build never runs such a body then (the await of its future throws before
     * polling it), while the reference, calling it eagerly, would. A lambda that does not await is
     * not transformed, so its body is eager in both builds: the reference build drops its call
     * ({@link DifferentialRun.Builds#rebindAwait}).
     */
    public void begin() {
        if (cancelling) {
            throw new Cancelled("reference: a lazy body was called while unwinding");
        }
    }

    /**
     * Appends an entry to the log.
     *
     * @param tag    where in the generated code
     * @param values values to show
     */
    public void log(String tag, Object... values) {
        step();
        StringBuilder entry = new StringBuilder(tag).append('(');
        for (int i = 0; i < values.length; i++) {
            entry.append(i == 0 ? "" : ",").append(show(values[i]));
        }
        log.add(entry.append(')').toString());
    }

    /**
     * Returns a future that completes with {@code value}: ready, already completed, or pending
     * until the schedule completes it.
     *
     * @param value its value
     * @param <T>   its type
     * @return the future
     */
    public <T> Future<T> ok(T value) {
        int index = next();
        switch (kind(index, 8)) {
            case 0:
            case 1:
                return Future.ready(value);
            case 2:
                return track(index, ManualFuture.completed(value), null, value, null, true);
            default:
                return track(index, new ManualFuture<>("f" + index), null, value, null, false);
        }
    }

    /**
     * Returns a future that fails, at once or when the schedule completes it.
     *
     * @param value gives the future its type; never produced
     * @param type  which exception: 0 {@link Boom}, 1 {@link Oops}, 2 {@link Bang}, 3
     *              {@link IllegalStateException}, 4 {@link Checked}
     * @param <T>   its type
     * @return the future
     */
    public <T> Future<T> bad(T value, int type) {
        int index = next();
        Throwable failure = failure(type, "f" + index);
        switch (kind(index, 4)) {
            case 0:
                return Future.failed(failure);
            case 1:
                ManualFuture<T> failed = new ManualFuture<>("f" + index);
                failed.fail(failure);
                return track(index, failed, null, null, failure, true);
            default:
                return track(index, new ManualFuture<>("f" + index), null, null, failure, false);
        }
    }

    /**
     * Returns a completion stage that completes with {@code value}, now or per the schedule.
     *
     * @param value its value
     * @param <T>   its type
     * @return the stage
     */
    public <T> CompletionStage<T> cs(T value) {
        int index = next();
        if (kind(index, 3) == 0) {
            return CompletableFuture.completedFuture(value);
        }
        return track(index, null, new CompletableFuture<>(), value, null, false);
    }

    /**
     * Returns a completion stage that fails, now or per the schedule.
     *
     * @param value gives the stage its type; never produced
     * @param type  which exception, as for {@link #bad}
     * @param <T>   its type
     * @return the stage
     */
    public <T> CompletionStage<T> csBad(T value, int type) {
        int index = next();
        Throwable failure = failure(type, "f" + index);
        if (kind(index, 3) == 0) {
            return CompletableFuture.failedFuture(failure);
        }
        return track(index, null, new CompletableFuture<>(), null, failure, false);
    }

    /**
     * An int helper that logs.
     *
     * @param tag the call site
     * @param x   an argument
     * @return a value derived from it
     */
    public int h(String tag, int x) {
        log(tag, x);
        return x * 3 + 1;
    }

    /**
     * A long helper that logs.
     *
     * @param tag the call site
     * @param x   an argument
     * @return a value derived from it
     */
    public long hl(String tag, long x) {
        log(tag, x);
        return x * 7L - 2L;
    }

    /**
     * A string helper that logs.
     *
     * @param tag the call site
     * @param x   an argument
     * @return a value derived from it, short
     */
    public String hs(String tag, String x) {
        log(tag, x);
        return cut("<" + x + ">");
    }

    /**
     * A boolean helper that logs.
     *
     * @param tag the call site
     * @param x   an argument
     * @return whether it is even
     */
    public boolean hb(String tag, int x) {
        log(tag, x);
        return (x & 1) == 0;
    }

    /**
     * A varargs helper that logs, so that awaits happen while an argument array is being filled.
     *
     * @param tag the call site
     * @param xs  the values
     * @return their sum
     */
    public int sum(String tag, int... xs) {
        log(tag, Arrays.toString(xs));
        return Arrays.stream(xs).sum();
    }

    /**
     * A helper declaring a checked exception, thrown for some arguments.
     *
     * @param tag the call site
     * @param x   an argument
     * @return {@code x + 1}
     * @throws Checked when {@code x} is a multiple of 5
     */
    public int check(String tag, int x) throws Checked {
        log(tag, x);
        if (Math.floorMod(x, 5) == 0) {
            throw new Checked(tag + " " + x);
        }
        return x + 1;
    }

    /**
     * A helper that throws {@link Boom} for some arguments.
     *
     * @param tag the call site
     * @param x   an argument
     * @return {@code x - 1}
     */
    public int boom(String tag, int x) {
        log(tag, x);
        if (Math.floorMod(x, 7) == 3) {
            throw new Boom(tag + " " + x);
        }
        return x - 1;
    }

    /**
     * Opens a resource that logs.
     *
     * @param name        its name in the log
     * @param failOnClose whether {@code close()} throws {@link Bang}
     * @return the resource
     */
    public Res res(String name, boolean failOnClose) {
        return new Res(this, name, failOnClose);
    }

    /**
     * Boxes values into a list, for for-each loops over an iterator.
     *
     * @param xs the values
     * @return a new list
     */
    public List<Integer> list(int... xs) {
        List<Integer> list = new ArrayList<>();
        for (int x : xs) {
            list.add(x);
        }
        return list;
    }

    /**
     * Shows a value in at most a few characters, so that strings built in loops stay short.
     *
     * @param value any value
     * @return its shown form, truncated
     */
    public String cut(Object value) {
        String s = show(value);
        return s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING);
    }

    // ---------------------------------------------------------------- used by the runner

    /** Returns the log so far. */
    List<String> log() {
        return log;
    }

    /**
     * Makes this a cancelled reference run: the await of the given future throws
     * {@link Cancelled}, and so does every await after it, as in a cancelled transformed build.
     *
     * @param index the number of the future
     */
    void cancelAt(int index) {
        cancelAt = index;
    }

    /** Tells whether a cancelled reference run reached its cancelled await. */
    boolean cancelling() {
        return cancelling;
    }

    /**
     * Returns the number of the one pending future that has a waiter: the future a suspended
     * task waits for.
     *
     * @return its number, or -1 if not exactly one future has a waiter
     */
    int waitingFuture() {
        int found = -1;
        for (Tracked future : futures) {
            if (!future.done && future.hasWaiter()) {
                if (found >= 0) {
                    return -1;
                }
                found = future.index;
            }
        }
        return found;
    }

    /**
     * Tells whether the future (or stage) with the given number was cancelled.
     *
     * @param index its number
     * @return true if it was
     */
    boolean wasCancelled(int index) {
        for (Tracked future : futures) {
            if (future.index == index) {
                return future.manual != null ? future.manual.cancels() > 0 : future.stage.isCancelled();
            }
        }
        return false;
    }

    /** Returns how many futures and stages the run created. */
    int created() {
        return created;
    }

    /**
     * Advances the timing schedule after a pending poll: completes some of the pending
     * futures, mostly those a task waits for, sometimes others before anyone awaits them.
     *
     * @return how many of the completed futures had a waiter (whose task should now be woken)
     */
    int settle() {
        int woken = 0;
        for (Tracked future : futures) {
            if (future.done) {
                continue;
            }
            boolean waiting = future.hasWaiter();
            if (timing.nextInt(100) < (waiting ? 75 : 20)) {
                future.finish();
                woken += waiting ? 1 : 0;
            }
        }
        return woken;
    }

    /**
     * Returns how many pending futures have a waiter registered.
     *
     * @return the count
     */
    int waiters() {
        int count = 0;
        for (Tracked future : futures) {
            count += !future.done && future.hasWaiter() ? 1 : 0;
        }
        return count;
    }

    /**
     * Returns the numbers of the futures that were polled and are still pending: a method that
     * completed must have none, since it needed each value (or failure) it awaited.
     *
     * @return future numbers, ascending
     */
    List<Integer> polledButPending() {
        List<Integer> pending = new ArrayList<>();
        for (Tracked future : futures) {
            if (!future.done && future.polled()) {
                pending.add(future.index);
            }
        }
        return pending;
    }

    /**
     * Returns the numbers of the hand-made futures that were polled: the same in both builds,
     * since each awaits the same futures (completion stages and Ferrite's own ready or failed
     * futures are not counted).
     *
     * @return future numbers, ascending
     */
    List<Integer> polled() {
        List<Integer> polled = new ArrayList<>();
        for (Tracked future : futures) {
            if (future.manual != null && future.polled()) {
                polled.add(future.index);
            }
        }
        return polled;
    }

    /**
     * Blocks on a future as the reference build's {@code await} does: polls it, and while it
     * is pending advances the schedule. Never suspends, so the reference needs no transformer.
     */
    <T> T block(Future<T> future) {
        cancelIfDue(future);
        Context cx = Context.of(() -> { });
        for (int round = 0; round < 10_000; round++) {
            Poll<T> poll = future.poll(cx);  // a failure propagates unwrapped, as await's does
            if (poll.isReady()) {
                return poll.value();
            }
            settle();
        }
        throw new AssertionError("reference: " + future + " stays pending");
    }

    /** Blocks on a completion stage, rethrowing its failure unwrapped. */
    <T> T block(CompletionStage<T> stage) {
        cancelIfDue(stage);
        CompletableFuture<T> future = stage.toCompletableFuture();
        for (Tracked tracked : futures) {
            if (tracked.stage == future && !tracked.done) {
                tracked.finish();
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Env.<RuntimeException>sneak(e.getCause());
        }
    }

    /**
     * Shows a value for the log and for results: arrays by content, everything else by
     * {@code String.valueOf}.
     *
     * @param value any value
     * @return its shown form
     */
    static String show(Object value) {
        if (value instanceof int[]) {
            return Arrays.toString((int[]) value);
        }
        return String.valueOf(value);
    }

    /** In a cancelled reference run, throws at the cancelled await and at every await after it. */
    private void cancelIfDue(Object awaited) {
        if (!cancelling && cancelAt >= 0) {
            for (Tracked future : futures) {
                if (future.index == cancelAt && (future.manual == awaited || future.stage == awaited)) {
                    cancelling = true;
                }
            }
        }
        if (cancelling) {
            throw new Cancelled("reference: cancelled at the await of f" + cancelAt);
        }
    }

    private int next() {
        step();
        return created++;
    }

    private void step() {
        if (++steps > MAX_STEPS) {
            // An Error, so that the generated catch (Exception e) clauses do not swallow it.
            throw new AssertionError("runaway: more than " + MAX_STEPS + " steps, a generated loop does not end");
        }
    }

    private int kind(int index, int kinds) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) Math.floorMod(z ^ (z >>> 31), (long) kinds);
    }

    private static Throwable failure(int type, String message) {
        switch (type) {
            case 0:
                return new Boom(message);
            case 1:
                return new Oops(message);
            case 2:
                return new Bang(message);
            case 3:
                return new IllegalStateException(message);
            default:
                return new Checked(message);
        }
    }

    private <F> F track(int index, ManualFuture<?> manual, CompletableFuture<?> stage, Object value,
            Throwable failure, boolean done) {
        futures.add(new Tracked(index, manual, stage, value, failure, done));
        @SuppressWarnings("unchecked")
        F future = (F) (manual != null ? manual : stage);
        return future;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneak(Throwable error) throws E {
        throw (E) error;
    }

    /** A future made here, with the outcome it will have. */
    private static final class Tracked {
        final int index;
        final ManualFuture<Object> manual;
        final CompletableFuture<Object> stage;
        final Object value;
        final Throwable failure;
        boolean done;

        @SuppressWarnings("unchecked")
        Tracked(int index, ManualFuture<?> manual, CompletableFuture<?> stage, Object value, Throwable failure,
                boolean done) {
            this.index = index;
            this.manual = (ManualFuture<Object>) manual;
            this.stage = (CompletableFuture<Object>) stage;
            this.value = value;
            this.failure = failure;
            this.done = done;
        }

        boolean hasWaiter() {
            return manual != null ? manual.hasWaiter() : stage.getNumberOfDependents() > 0;
        }

        boolean polled() {
            return manual != null ? manual.polls() > 0 : stage.getNumberOfDependents() > 0;
        }

        void finish() {
            done = true;
            if (manual != null) {
                if (failure != null) {
                    manual.fail(failure);
                } else {
                    manual.complete(value);
                }
            } else if (failure != null) {
                stage.completeExceptionally(failure);
            } else {
                stage.complete(value);
            }
        }
    }
}

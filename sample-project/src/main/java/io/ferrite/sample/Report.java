package io.ferrite.sample;

import io.ferrite.time.TimeSource;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the demos print, the clock they time themselves with, and their checks.
 *
 * <p>The clock is the runtime's {@link TimeSource}: the system clock when {@link Main} runs, a
 * virtual clock in the tests, where every timing is exact and a check on it cannot be flaky.
 * A failed {@linkplain #check check} throws {@link CheckFailed}, which makes {@link Main} exit
 * with status 1.
 *
 * <p>Thread safety: demos print from tasks on several worker threads; each call prints whole
 * lines at once.
 */
final class Report {

    private static final String INDENT = "   ";

    private final PrintStream out;
    private final TimeSource clock;

    /**
     * Creates a report.
     *
     * @param out   where to print
     * @param clock the clock of the runtime the demos run on
     */
    public Report(PrintStream out, TimeSource clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the clock.
     *
     * @return the time in nanoseconds, to pass to {@link #millisSince(long)}
     */
    public long now() {
        return clock.nanoTime();
    }

    /**
     * Returns the whole milliseconds elapsed since {@code start}.
     *
     * @param start a reading of {@link #now()}
     * @return the elapsed time, rounded down
     */
    public long millisSince(long start) {
        return (clock.nanoTime() - start) / 1_000_000;
    }

    /**
     * Prints a demo's title.
     *
     * @param title the title
     */
    public void heading(String title) {
        out.println();
        out.println(title);
    }

    /**
     * Prints an indented line.
     *
     * @param format a {@link String#format} format
     * @param args   its arguments
     */
    public void line(String format, Object... args) {
        out.println(INDENT + String.format(Locale.ROOT, format, args));
    }

    /**
     * Prints an indented line stamped with the milliseconds since {@code start}, for timelines.
     * Reading the clock and printing happen under one lock, so stamps printed by concurrent tasks
     * still come out in order.
     *
     * @param start  a reading of {@link #now()}
     * @param format a {@link String#format} format
     * @param args   its arguments
     */
    public synchronized void at(long start, String format, Object... args) {
        out.println(INDENT + String.format(Locale.ROOT, "[%4d ms] ", millisSince(start))
                + String.format(Locale.ROOT, format, args));
    }

    /**
     * Prints the claim as checked, or throws if it does not hold.
     *
     * @param holds whether the claim holds
     * @param claim what the demo claims, as a sentence
     * @throws CheckFailed if {@code holds} is false
     */
    public void check(boolean holds, String claim) {
        if (!holds) {
            throw new CheckFailed(claim);
        }
        out.println(INDENT + "ok: " + claim);
    }

    /**
     * Prints a failure line.
     *
     * @param what what failed
     */
    public void failed(String what) {
        out.println(INDENT + "FAILED: " + what);
    }

    /** A demo's claim that did not hold: the runtime did not behave as the demo says. */
    static final class CheckFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the failure.
         *
         * @param claim the claim that did not hold
         */
        public CheckFailed(String claim) {
            super("this claim did not hold: " + claim);
        }
    }
}

package io.ferrite.sample;

import io.ferrite.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A report on the system clock that keeps what the demo printed: for the demos about real
 * threads and real sockets, which a virtual clock cannot stand in for. Their checks compare
 * wide margins, never a duration against a tight bound.
 */
final class RealClock {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), TimeSource.system());

    /** The report to hand to the demo. */
    Report report() {
        return report;
    }

    /** What the demo printed. */
    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}

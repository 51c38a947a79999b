package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.time.VirtualTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final VirtualTimeSource clock = new VirtualTimeSource();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), clock);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void check_should_throw_naming_the_claim_when_it_does_not_hold() {
        Report.CheckFailed e = assertThrows(Report.CheckFailed.class, () -> report.check(false, "2 + 2 = 5"));
        assertEquals("this claim did not hold: 2 + 2 = 5", e.getMessage());
        assertEquals("", printed());
    }

    @Test
    void check_should_print_the_claim_when_it_holds() {
        report.check(true, "2 + 2 = 4");
        assertEquals("   ok: 2 + 2 = 4\n", printed());
    }

    @Test
    void at_should_stamp_the_line_with_the_milliseconds_since_start_when_the_clock_moved() {
        long start = report.now();
        clock.advance(Duration.ofNanos(42_999_999));
        report.at(start, "step %d", 1);
        assertEquals(42, report.millisSince(start));
        assertEquals("   [  42 ms] step 1\n", printed());
    }
}

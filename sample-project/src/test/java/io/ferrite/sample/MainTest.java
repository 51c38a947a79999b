package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import org.junit.jupiter.api.Test;

class MainTest {

    private final VirtualClock clock = new VirtualClock();

    @Async
    static Future<String> claiming(Report report, boolean holds) {
        report.check(holds, "the claim");
        return Future.ready("done");
    }

    @Test
    void section_should_count_nothing_when_the_demo_passes_its_checks() {
        assertEquals(0, clock.<Integer>run(report -> Main.section(report, "A title", claiming(report, true))));
        assertTrue(clock.printed().contains("A title"), clock.printed());
        assertTrue(clock.printed().contains("ok: the claim"), clock.printed());
    }

    @Test
    void section_should_count_the_demo_as_failed_when_a_check_does_not_hold() {
        assertEquals(1, clock.<Integer>run(report -> Main.section(report, "A title", claiming(report, false))));
        assertTrue(clock.printed().contains("FAILED: this claim did not hold: the claim"), clock.printed());
    }

    @Test
    void section_should_count_the_demo_as_failed_when_it_never_finishes() {
        Future<Void> stuck = cx -> Poll.pending();    // a lost wake-up, say: never woken again
        assertEquals(1, clock.<Integer>run(report -> Main.section(report, "A title", stuck)));
        assertTrue(clock.printed().contains("FAILED: timed out after PT30S"), clock.printed());
    }

    @Test
    void section_should_count_the_demo_as_failed_when_it_throws() {
        Future<Void> broken = Future.failed(new IllegalStateException("broken runtime"));
        assertEquals(1, clock.<Integer>run(report -> Main.section(report, "A title", broken)));
        assertTrue(clock.printed().contains("FAILED: the demo threw java.lang.IllegalStateException: broken runtime"),
                clock.printed());
    }
}

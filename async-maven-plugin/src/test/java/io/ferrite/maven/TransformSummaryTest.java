package io.ferrite.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransformSummaryTest {

    @Test
    void line_should_use_the_singular_when_a_count_is_one() {
        TransformSummary summary = new TransformSummary(1, 1, 1, 1, 0, 1, 1, 1, 80);

        assertEquals("ferrite: 1 class scanned, 1 transformed (1 method), 0 unchanged, 80 ms", summary.line());
        assertEquals("ferrite: 1 class file read (0 unchanged since the last run), 1 state machine class written,"
                + " 1 nest host updated, 1 stale generated class removed", summary.details());
    }

    @Test
    void line_should_use_the_plural_when_a_count_is_zero_or_more_than_one() {
        TransformSummary summary = new TransformSummary(42, 0, 3, 7, 39, 2, 0, 2, 120);

        assertEquals("ferrite: 42 classes scanned, 3 transformed (7 methods), 39 unchanged, 120 ms", summary.line());
        assertEquals("ferrite: 0 class files read (42 unchanged since the last run), 2 state machine classes written,"
                + " 0 nest hosts updated, 2 stale generated classes removed", summary.details());
    }
}

package io.ferrite.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassFileFilterTest {

    @Test
    void accepts_should_take_everything_when_no_pattern_is_given() {
        ClassFileFilter filter = new ClassFileFilter(null, List.of());

        assertTrue(filter.accepts("Top.class"));
        assertTrue(filter.accepts("com/acme/deep/Orders$1.class"));
    }

    @Test
    void accepts_should_match_any_depth_when_pattern_uses_double_star() {
        ClassFileFilter filter = new ClassFileFilter(List.of("com/acme/**"), List.of("**/*Test.class"));

        assertTrue(filter.accepts("com/acme/Orders.class"));
        assertTrue(filter.accepts("com/acme/deep/Orders.class"));
        assertFalse(filter.accepts("com/other/Orders.class"));
        assertFalse(filter.accepts("com/acme/OrdersTest.class"));
        assertFalse(filter.accepts("OrdersTest.class"));
    }

    @Test
    void accepts_should_stay_in_one_directory_when_pattern_uses_single_star() {
        ClassFileFilter filter = new ClassFileFilter(List.of("com/*/Orders?.class", "legacy/"), null);

        assertTrue(filter.accepts("com/acme/Orders2.class"));
        assertFalse(filter.accepts("com/acme/deep/Orders2.class"));
        assertFalse(filter.accepts("com/acme/Orders.class"));
        assertTrue(filter.accepts("legacy/a/B.class"));
    }
}

package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void ready_should_carry_value_when_created_with_one() {
        Poll<String> poll = Poll.ready("x");
        assertTrue(poll.isReady());
        assertFalse(poll.isPending());
        assertEquals("x", poll.value());
    }

    @Test
    void ready_should_carry_null_when_created_with_null() {
        Poll<String> poll = Poll.ready(null);
        assertTrue(poll.isReady());
        assertNull(poll.value());
    }

    @Test
    void ready_should_share_one_instance_when_created_with_null() {
        Poll<String> a = Poll.ready(null);
        Poll<Integer> b = Poll.ready(null);
        assertSame(a, b);
        assertTrue(b.isReady());
        assertFalse(b.isPending());
        assertNotSame(Poll.pending(), a);
    }

    @Test
    void pending_should_be_one_shared_constant_when_requested_twice() {
        Poll<String> a = Poll.pending();
        Poll<Integer> b = Poll.pending();
        assertSame(a, b);
        assertTrue(a.isPending());
        assertFalse(a.isReady());
    }

    @Test
    void value_should_throw_when_pending() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Poll.pending().value());
        assertTrue(e.getMessage().contains("isReady()"), e.getMessage());
    }

    @Test
    void equals_should_compare_values_when_both_ready() {
        assertEquals(Poll.ready(5), Poll.ready(5));
        assertEquals(Poll.ready(5).hashCode(), Poll.ready(5).hashCode());
        assertEquals(Poll.ready(null), Poll.ready(null));
        assertNotEquals(Poll.ready(5), Poll.ready(6));
        assertNotEquals(Poll.ready(null), Poll.pending());
        assertEquals(Poll.pending(), Poll.pending());
    }

    @Test
    void toString_should_show_state_and_value() {
        assertEquals("Poll.ready(7)", Poll.ready(7).toString());
        assertEquals("Poll.pending()", Poll.pending().toString());
    }
}

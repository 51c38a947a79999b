package io.ferrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic ordering checks, after kotlinx.coroutines' TestBase: each step calls
 * {@code expect(n)} with its expected position, and the test ends with {@code finish(n)}.
 */
final class Ordering {

    private final AtomicInteger step = new AtomicInteger();

    /** Asserts that this is step {@code n} (counting from 1). */
    void expect(int n) {
        int actual = step.incrementAndGet();
        assertEquals(n, actual, "step " + n + " ran as step " + actual);
    }

    /** Asserts that this is the last step, {@code n}. */
    void finish(int n) {
        expect(n);
    }
}

package io.ferrite.sample.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.sync.Retry;
import io.ferrite.time.VirtualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link Retry}. */
class RetryExampleTest {

    private final VirtualTimeSource clock = VirtualTimeSource.autoAdvancing();

    /** Fails with {@code failure} on the first {@code failures} calls. */
    final class Http {
        final List<Long> calledAt = new ArrayList<>();
        int failures;
        Exception failure = new IOException("connection reset");

        Future<String> get(String url) {
            calledAt.add(clock.nanoTime() / 1_000_000);
            return calledAt.size() <= failures ? Future.failed(failure) : Future.ready("body of " + url);
        }
    }

    final Http http = new Http();

    // --- the class example ---

    Retry policy = Retry.withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 5)
            .retryingOn(e -> e instanceof IOException);

    @Async
    Future<String> fetch(String url) {
        return policy.run(() -> http.get(url));   // waits 100 ms, 200 ms, 400 ms, 800 ms between tries
    }

    // --- end of the example ---

    @Test
    void fetch_should_back_off_on_the_runtime_timer_when_the_call_fails_with_io_errors() {
        http.failures = 3;
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            assertEquals("body of /x", rt.blockOn(fetch("/x")));
        }
        assertEquals(List.of(0L, 100L, 300L, 700L), http.calledAt);
    }

    @Test
    void fetch_should_fail_at_once_when_the_failure_is_not_an_io_error() {
        http.failures = 1;
        http.failure = new IllegalArgumentException("bad url");
        try (AsyncRuntime rt = Runtimes.virtual(clock)) {
            assertSame(http.failure, assertThrows(IllegalArgumentException.class, () -> rt.blockOn(fetch("/x"))));
        }
        assertEquals(List.of(0L), http.calledAt);
    }
}

package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The idiom of {@code docs/errors.md}: catching a checked exception that arrives through {@code await}. */
class ErrorsExampleTest {

    final List<String> warnings = new ArrayList<>();

    /** Stands for {@code client.sendAsync(request, ofString())}: a stage that may fail with an IOException. */
    interface Client {
        CompletionStage<String> sendAsync(String request);
    }

    @Async
    Future<String> fetch(Client client, String request) {
        try {
            return Future.ready(await(client.sendAsync(request)));
        } catch (Exception e) {
            if (e instanceof IOException io) {
                warnings.add("offline: " + io.getMessage());
                return Future.ready("offline");
            }
            throw e;                         // anything else, as it was
        }
    }

    @Test
    void fetch_should_catch_the_io_exception_a_stage_failed_with() {
        Client down = request -> CompletableFuture.failedFuture(new IOException("connection refused"));

        assertEquals("offline", Runtimes.blockOnVirtual(fetch(down, "GET /")));
        assertEquals(List.of("offline: connection refused"), warnings);
    }

    @Test
    void fetch_should_rethrow_the_same_unchecked_exception_when_it_is_not_an_io_exception() {
        IllegalStateException bug = new IllegalStateException("bug");
        Client broken = request -> CompletableFuture.failedFuture(bug);

        assertSame(bug, assertThrows(IllegalStateException.class, () -> Runtimes.blockOnVirtual(fetch(broken, "GET /"))));
    }

    @Test
    void fetch_should_return_the_body_when_the_stage_succeeds() {
        assertEquals("200 OK", Runtimes.blockOnVirtual(fetch(request -> CompletableFuture.completedFuture("200 OK"), "GET /")));
    }
}

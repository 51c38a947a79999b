package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link Cancelled}. */
class CancelledExampleTest {

    final List<String> handled = new ArrayList<>();

    void handle(String message) {
        handled.add(message);
    }

    /** A connection whose reads come from a channel that stays open. */
    final class Connection {
        final Mpsc.Channel<String> incoming = Mpsc.channel(4);
        boolean closed;

        Future<String> read() {
            return incoming.receiver().recv();
        }

        void close() {
            closed = true;
        }
    }

    // --- the class example ---

    @Async
    Future<Void> worker(Connection conn) {
        try {
            while (true) {
                handle(await(conn.read()));      // Cancelled is thrown here on cancel()
            }
        } finally {
            conn.close();                        // and this still runs
        }
    }

    // --- end of the example ---

    @Async
    Future<Void> feedThenTimeOut(Connection conn) {
        await(conn.incoming.sender().send("hello"));
        return Time.timeout(Duration.ofSeconds(1), worker(conn));   // cancels the worker at 1 s
    }

    @Test
    void worker_should_close_the_connection_when_cancelled_while_reading() {
        Connection conn = new Connection();
        assertThrows(Elapsed.class, () -> Runtimes.blockOnVirtual(feedThenTimeOut(conn)));
        assertEquals(List.of("hello"), handled);
        assertTrue(conn.closed);
    }
}

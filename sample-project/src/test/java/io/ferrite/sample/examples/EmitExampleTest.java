package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Await;
import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link Await#emit}: the seeds' countdown generator. */
class EmitExampleTest {

    // --- the example ---

    @Async
    AsyncStream<Integer> countdown(int from) {
        for (int i = from; i > 0; i--) {
            emit(i);
            await(Time.sleep(Duration.ofMillis(100)));
        }
        return AsyncStream.empty();
    }

    // ---

    @Test
    void countdown_should_emit_from_the_start_down_to_one() {
        assertEquals(List.of(3, 2, 1), Runtimes.blockOnVirtual(countdown(3).collect()));
    }
}

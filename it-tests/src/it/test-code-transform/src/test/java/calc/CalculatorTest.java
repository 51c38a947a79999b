package calc;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CalculatorTest {

    /** Test code may be @Async too: transform-test rewrites it. */
    @Async
    static Future<Integer> sumOfSums(CompletableFuture<Integer> late) {
        int first = await(Calculator.add(Future.ready(1), Future.ready(2)));
        int second = await(Calculator.add(Future.ready(first), Future.ready(await(late))));
        return Future.ready(second);
    }

    @Test
    void add_should_sum_when_both_are_ready() {
        assertEquals(5, blockOn(Calculator.add(Future.ready(2), Future.ready(3))));
    }

    @Test
    void async_test_helper_should_await_main_code_and_a_stage_completed_later() {
        CompletableFuture<Integer> late = new CompletableFuture<>();
        new Thread(() -> late.complete(10)).start();
        assertEquals(13, blockOn(sumOfSums(late)));
    }
}

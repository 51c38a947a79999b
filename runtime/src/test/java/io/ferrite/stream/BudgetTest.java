package io.ferrite.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Terminal operations share the worker: a long synchronous drain yields on the task's budget. */
class BudgetTest {

    @Test
    void a_long_synchronous_fold_should_let_another_task_run_before_it_finishes() {
        List<String> order = new ArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.currentThread().build()) {
            Future<Long> fold = AsyncStream.range(0, 2_000_000).map(i -> (long) i).fold(0L, Long::sum);
            Future<Long> recorded = cx -> {
                Poll<Long> p = fold.poll(cx);
                if (p.isReady()) {
                    order.add("fold done");
                }
                return p;
            };
            JoinHandle<Long> h = rt.spawn(recorded);
            JoinHandle<Void> other = rt.spawn((Context cx) -> {
                order.add("other ran");
                return Poll.ready(null);
            });
            assertEquals(1_999_999L * 2_000_000L / 2, rt.blockOn(h));
            rt.blockOn(other);
        }
        assertEquals(List.of("other ran", "fold done"), order);
    }

    @Test
    void synchronous_pipelines_should_report_sync_and_polling_ones_not() {
        assertTrue(BaseStream.isSync(AsyncStream.range(0, 3).map(i -> i).filter(i -> true).take(2).skip(1).chunks(2)));
        assertTrue(BaseStream.isSync(AsyncStream.of(1).chain(AsyncStream.fromIterable(List.of(2)))));
        assertEquals(false, BaseStream.isSync(AsyncStream.range(0, 3).then(Future::ready)));
        assertEquals(false, BaseStream.isSync(AsyncStreamTest.pullOnly(AsyncStream.range(0, 3)).map(i -> i)));
    }
}

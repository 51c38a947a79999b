package io.ferrite.internal.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.testing.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildWakersTest {

    private final ChildWakers wakers = new ChildWakers(130);
    private final long[] snap = wakers.newSnapshot();

    private List<Integer> round(int from) {
        List<Integer> visited = new ArrayList<>();
        int i;
        while ((i = wakers.next(snap, from)) >= 0) {
            visited.add(i);
        }
        return visited;
    }

    @Test
    void next_should_visit_the_marked_slots_from_the_start_round_to_the_one_before_when_they_span_words() {
        for (int i : new int[] {0, 3, 70, 129}) {
            wakers.mark(i);
        }
        wakers.snapshot(snap);
        assertEquals(List.of(70, 129, 0, 3), round(70));
        wakers.snapshot(snap);
        assertEquals(List.of(), round(0), "a snapshot takes the marks: the next round finds none");
    }

    @Test
    void slot_waker_should_wake_the_task_once_when_the_slot_is_woken_again_before_the_poll_took_its_mark() {
        CountingWaker task = new CountingWaker();
        wakers.setTask(task);
        wakers.context(64).waker().wake();
        wakers.context(64).waker().wake();
        assertEquals(1, task.takeWakes());
        wakers.snapshot(snap);
        assertEquals(List.of(64), round(0));
        wakers.context(64).waker().wake();
        assertEquals(1, task.takeWakes(), "once the poll took the mark, a new wake wakes the task again");
    }

    @Test
    void putBack_should_keep_the_unvisited_marks_for_the_next_round_when_a_round_ends_early() {
        wakers.mark(1);
        wakers.mark(2);
        wakers.mark(100);
        wakers.snapshot(snap);
        assertEquals(1, wakers.next(snap, 0));
        wakers.putBack(snap);
        wakers.snapshot(snap);
        assertEquals(List.of(2, 100), round(0));
    }
}

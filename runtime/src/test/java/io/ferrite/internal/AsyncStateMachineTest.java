package io.ferrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Cancelled;
import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives a hand-written subclass shaped like the transformer's output for
 * <pre>{@code
 * @Async Future<Integer> addOne(Future<Integer> input, Future<Integer> tail, List<String> log) {
 *     try {
 *         int x = await(input);
 *         return x < 0 ? tail : Future.ready(x + 1);
 *     } finally {
 *         log.add("finally");
 *     }
 * }
 * }</pre>
 */
class AsyncStateMachineTest {

    static final class AddOne extends AsyncStateMachine<Integer> {
        Future<Integer> input;
        Future<Integer> tail;
        final List<String> log;

        AddOne(Future<Integer> input, Future<Integer> tail, List<String> log) {
            this.input = input;
            this.tail = tail;
            this.log = log;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Integer> poll(Context cx) {
            try {
                Future<Integer> awaited;
                switch (state) {
                    case START -> {
                        awaited = input;
                        input = null;
                    }
                    case 1 -> {
                        awaited = (Future<Integer>) awaiting;
                        awaiting = null;
                    }
                    default -> {
                        return pollOther(cx);
                    }
                }
                boolean suspended = false;  // generated code leaves the try without running finally
                try {
                    if (cancelling) {
                        throw cancelledAtAwait();
                    }
                    Poll<Integer> poll = awaited.poll(cx);
                    if (poll.isPending()) {
                        awaiting = awaited;
                        state = 1;
                        suspended = true;
                        return Poll.pending();
                    }
                    int x = poll.value();
                    return complete(x < 0 ? tail : Future.ready(x + 1), cx);
                } finally {
                    if (!suspended) {
                        log.add("finally");
                    }
                }
            } catch (Throwable t) {
                state = DONE;
                throw t;
            }
        }
    }

    /** Pending until {@link #value} is set; counts polls and cancels. */
    static final class Manual implements Future<Integer> {
        Integer value;
        RuntimeException failure;
        int polls;
        int cancels;

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            if (failure != null) {
                throw failure;
            }
            return value == null ? Poll.pending() : Poll.ready(value);
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    private final List<String> log = new ArrayList<>();

    @Test
    void complete_should_finish_without_allocating_when_body_returns_ready_future() {
        AddOne machine = new AddOne(Future.ready(1), null, log);
        Poll<Integer> poll = machine.poll(Context.noop());
        assertEquals(2, poll.value());
        assertTrue(poll instanceof Future, "the Future.ready result is returned as the Poll itself");
        assertEquals(List.of("finally"), log);
        assertEquals(AsyncStateMachine.DONE, machine.state);
    }

    @Test
    void poll_should_throw_when_polled_after_completion() {
        AddOne machine = new AddOne(Future.ready(1), null, log);
        machine.poll(Context.noop());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.poll(Context.noop()));
        assertTrue(e.getMessage().contains("single-use"), e.getMessage());
    }

    @Test
    void complete_should_delegate_to_tail_when_body_returns_pending_future() {
        Manual tail = new Manual();
        AddOne machine = new AddOne(Future.ready(-1), tail, log);
        assertTrue(machine.poll(Context.noop()).isPending());
        assertEquals(AsyncStateMachine.TAIL, machine.state);
        assertEquals(List.of("finally"), log);
        tail.value = 9;
        assertEquals(9, machine.poll(Context.noop()).value());
        assertEquals(2, tail.polls);
        assertEquals(AsyncStateMachine.DONE, machine.state);
    }

    @Test
    void poll_should_rethrow_unwrapped_when_tail_fails() {
        Manual tail = new Manual();
        AddOne machine = new AddOne(Future.ready(-1), tail, log);
        machine.poll(Context.noop());
        IllegalArgumentException error = new IllegalArgumentException("tail failed");
        tail.failure = error;
        assertSame(error, assertThrows(IllegalArgumentException.class, () -> machine.poll(Context.noop())));
        assertThrows(IllegalStateException.class, () -> machine.poll(Context.noop()));
    }

    @Test
    void poll_should_resume_and_complete_when_awaited_future_becomes_ready() {
        Manual input = new Manual();
        AddOne machine = new AddOne(input, null, log);
        assertTrue(machine.poll(Context.noop()).isPending());
        assertEquals(1, machine.state);
        assertTrue(log.isEmpty(), "finally must not run on suspension");
        input.value = 41;
        assertEquals(42, machine.poll(Context.noop()).value());
        assertEquals(List.of("finally"), log);
    }

    @Test
    void cancel_should_cancel_inner_future_and_run_finally_when_suspended() {
        Manual input = new Manual();
        AddOne machine = new AddOne(input, null, log);
        machine.poll(Context.noop());
        machine.cancel();
        assertEquals(1, input.cancels);
        assertEquals(1, input.polls, "the cancelled inner future is not polled again");
        assertEquals(List.of("finally"), log);
        assertEquals(AsyncStateMachine.DONE, machine.state);
        machine.cancel();  // a second cancel is harmless
        assertEquals(1, input.cancels);
    }

    @Test
    void cancel_should_be_harmless_when_never_polled_and_later_polls_throw_cancelled() {
        Manual input = new Manual();
        AddOne machine = new AddOne(input, null, log);
        machine.cancel();
        assertTrue(log.isEmpty(), "no line of the body runs");
        assertEquals(0, input.polls);
        assertThrows(Cancelled.class, () -> machine.poll(Context.noop()));
    }

    @Test
    void cancel_should_cancel_tail_when_delegating() {
        Manual tail = new Manual();
        AddOne machine = new AddOne(Future.ready(-1), tail, log);
        machine.poll(Context.noop());
        machine.cancel();
        assertEquals(1, tail.cancels);
        assertThrows(Cancelled.class, () -> machine.poll(Context.noop()));
    }

    @Test
    void cancel_should_do_nothing_when_completed() {
        AddOne machine = new AddOne(Future.ready(1), null, log);
        machine.poll(Context.noop());
        machine.cancel();
        assertEquals(List.of("finally"), log);
        assertThrows(IllegalStateException.class, () -> machine.poll(Context.noop()));
    }

    @Test
    void complete_should_throw_npe_naming_machine_when_body_returns_null() {
        AsyncStateMachine<Integer> machine = new AsyncStateMachine<>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                return complete(null, cx);
            }
        };
        NullPointerException e = assertThrows(NullPointerException.class, () -> machine.poll(Context.noop()));
        assertTrue(e.getMessage().contains("Future.ready(null)"), e.getMessage());
    }

    @Test
    void toString_should_describe_state() {
        Manual input = new Manual();
        AddOne machine = new AddOne(input, null, log);
        assertTrue(machine.toString().contains("not started"), machine.toString());
        machine.poll(Context.noop());
        assertTrue(machine.toString().contains("suspended at await #1"), machine.toString());
    }
}

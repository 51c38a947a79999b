package io.ferrite.transformer.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncStateMachine;
import io.ferrite.transformer.differential.DifferentialRun.Outcome;
import io.ferrite.testing.ManualFuture;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link DifferentialRun} fail when they should: hand-written futures that break
 * the contract, a reference that unwinds, and a program whose two builds legitimately differ.
 */
class DifferentialRunTest {

    private static final long SEED = 42;

    @Test
    void compare_should_report_each_difference_when_outcomes_differ() {
        Outcome expected = new Outcome("value Integer 1", List.of("a(1)", "b(2)"), List.of(0), List.of(), 0, 0, 0);
        Outcome actual = new Outcome("value Integer 2", List.of("a(1)", "c(2)"), List.of(), List.of("lost"), 0, 0, 0);

        assertEquals(List.of("lost", "result differs", "log differs from entry 1", "awaited futures differ"),
                DifferentialRun.compare(expected, actual));
        assertEquals(List.of(), DifferentialRun.compare(expected, expected));
    }

    @Test
    void runTransformed_should_report_lost_wakeup_when_pending_without_a_registered_waker() {
        Outcome outcome = DifferentialRun.runTransformed(handle("neverWakes"), 0, SEED, false);

        assertEquals("pending", outcome.result());
        assertTrue(outcome.violations().get(0).contains("lost wake-up"), outcome.violations().toString());
    }

    @Test
    void runTransformed_should_report_missing_wake_when_a_future_is_polled_with_another_waker() {
        Outcome outcome = DifferentialRun.runTransformed(handle("pollsWithNoopWaker"), 0, SEED, false);

        assertTrue(outcome.violations().stream().anyMatch(v -> v.contains("without waking it")),
                outcome.violations().toString());
    }

    @Test
    void runTransformed_should_report_completion_when_a_polled_future_is_still_pending() {
        Outcome outcome = DifferentialRun.runTransformed(handle("completesEarly"), 0, SEED, false);

        assertEquals("value Integer 7", outcome.result());
        assertTrue(outcome.violations().stream().anyMatch(v -> v.startsWith("completed while futures it awaited")),
                outcome.violations().toString());
    }

    @Test
    void runTransformed_should_report_eager_body_and_reuse_when_a_state_machine_breaks_both_rules() {
        Outcome outcome = DifferentialRun.runTransformed(handle("eagerReusable"), 0, SEED, true);

        assertEquals("value Integer 1", outcome.result());
        assertTrue(outcome.violations().stream().anyMatch(v -> v.startsWith("its body ran before the first poll")),
                outcome.violations().toString());
        assertTrue(outcome.violations().contains("a poll after completion did not throw"),
                outcome.violations().toString());
    }

    @Test
    void runReferenceCancelled_should_unwind_finally_blocks_when_its_await_is_cancelled() {
        long seed = seedWhoseSecondFutureIsHandMade();

        Outcome outcome = DifferentialRun.runReferenceCancelled(handle("referenceWithFinally"), 0, seed, 1);

        assertEquals("cancelled", outcome.result());
        assertEquals(List.of("got(1)", "finally()"), outcome.log());
    }

    @Test
    void run_should_report_mismatch_when_a_future_is_created_before_it_is_awaited() {
        // Legitimately different: the reference runs a called body eagerly, Ferrite at the await.
        DifferentialRun.Builds builds = handWritten("Hand",
                "    @Async static Future<Integer> callee(Env e) { e.log(\"callee\"); return Future.ready(1); }",
                "    @Async static Future<Integer> caller(Env e) {",
                "        Future<Integer> f = callee(e);",
                "        e.log(\"between\");",
                "        return Future.ready(await(f) + await(e.<Integer>ok(2)));",
                "    }",
                "    public static Future<?> run(int index, Env e) { return caller(e); }");
        String hand = DifferentialRun.PACKAGE + ".Hand";

        Outcome reference = DifferentialRun.runReference(builds.reference(hand), 0, SEED);
        Outcome transformed = DifferentialRun.runTransformed(builds.transformed(hand), 0, SEED, true);

        assertEquals("value Integer 3", reference.result());
        assertEquals(reference.result(), transformed.result());
        assertEquals(List.of("callee()", "between()"), reference.log());
        assertEquals(List.of("between()", "callee()"), transformed.log());
        assertEquals(List.of("log differs from entry 0"), DifferentialRun.compare(reference, transformed));
    }

    @Test
    void run_should_match_when_a_finally_block_awaits_a_lambda_that_does_not_await_while_cancelled() {
        // Seed 566838020, method 79573: such a lambda is not an async lambda, so its body runs when
        // it is called, in both builds; the reference must not take it for a lazy body.
        DifferentialRun.Builds builds = handWritten("HandEager",
                "    static Future<Boolean> eager(Env e) throws Checked {",
                "        AsyncFn<Boolean> fn = () -> { e.begin(); e.log(\"eager body\"); return Future.ready(false); };",
                "        return fn.call();",
                "    }",
                "    @Async static Future<Integer> caller(Env e) throws Checked {",
                "        try {",
                "            return Future.ready(await(e.<Integer>ok(1)));",
                "        } finally {",
                "            e.log(\"finally\");",
                "            await(eager(e));",
                "        }",
                "    }",
                "    public static Future<?> run(int index, Env e) throws Checked { return caller(e); }");
        String hand = DifferentialRun.PACKAGE + ".HandEager";
        long seed = seedWhoseFirstFutureIsPending();

        DifferentialRun.Cancellation cancelled = DifferentialRun.runTransformedCancelled(builds.transformed(hand), 0,
                seed, 1);
        Outcome reference = DifferentialRun.runReferenceCancelled(builds.reference(hand), 0, seed, cancelled.future());

        assertEquals(List.of("finally()", "eager body()"), cancelled.outcome().log());
        assertEquals(List.of(), DifferentialRun.compare(reference, cancelled.outcome()));
    }

    // ------------------------------------------------------------------ hand-written "builds"

    /** Pending, and no future holds its waker. */
    static Future<?> neverWakes(int index, Env e) {
        return cx -> Poll.pending();
    }

    /** Waits for futures with a waker of its own, so completing them does not wake the task. */
    static Future<?> pollsWithNoopWaker(int index, Env e) {
        return cx -> {
            pendingFuture(e).poll(Context.noop());
            return Poll.pending();
        };
    }

    /** Waits once, then completes without the value, while waiting for another future. */
    static Future<?> completesEarly(int index, Env e) {
        int[] polls = {0};
        return cx -> {
            pendingFuture(e).poll(cx);
            return polls[0]++ == 0 ? Poll.pending() : Poll.ready(7);
        };
    }

    /** A state machine whose body runs when it is created and that can be polled forever. */
    static Future<?> eagerReusable(int index, Env e) {
        e.log("body");
        return new AsyncStateMachine<Integer>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                return Poll.ready(1);
            }
        };
    }

    /** What the reference build of "try { await(f0); await(f1); } finally { log }" does. */
    static Future<?> referenceWithFinally(int index, Env e) {
        try {
            e.log("got", Ref.await(e.<Integer>ok(1)));
            e.log("got", Ref.await(e.<Integer>ok(2)));
            e.log("not reached");
        } finally {
            e.log("finally");
        }
        return Future.ready(0);
    }

    /** Creates futures until one is pending. */
    private static Future<Integer> pendingFuture(Env e) {
        while (true) {
            Future<Integer> future = e.ok(0);
            if (future instanceof ManualFuture && future.poll(Context.noop()).isPending()) {
                return future;
            }
        }
    }

    /** A seed whose first future is a hand-made one that is pending at its first poll. */
    private static long seedWhoseFirstFutureIsPending() {
        for (long seed = 0; ; seed++) {
            Env env = new Env(seed, ~seed);
            Future<Integer> first = env.ok(0);
            if (first instanceof ManualFuture && first.poll(Context.noop()).isPending()) {
                return seed;
            }
        }
    }

    /** A seed whose future number 1 is a hand-made one (only those can be told apart when awaited). */
    private static long seedWhoseSecondFutureIsHandMade() {
        for (long seed = 0; ; seed++) {
            Env env = new Env(seed, 0);
            env.ok(0);
            if (env.ok(0) instanceof ManualFuture) {
                return seed;
            }
        }
    }

    /** Both builds of a hand-written class of the generated classes' package, with their imports. */
    private static DifferentialRun.Builds handWritten(String simpleName, String... members) {
        String source = String.join("\n",
                "package " + DifferentialRun.PACKAGE + ";",
                "import static io.ferrite.Await.await;",
                "import io.ferrite.Future;",
                "import io.ferrite.annotations.Async;",
                "import io.ferrite.transformer.differential.*;",
                "public class " + simpleName + " {",
                String.join("\n", members),
                "}");
        return DifferentialRun.Builds.compile(Map.of(DifferentialRun.PACKAGE + "." + simpleName, source));
    }

    private static MethodHandle handle(String name) {
        try {
            return MethodHandles.lookup().findStatic(DifferentialRunTest.class, name,
                    MethodType.methodType(Future.class, int.class, Env.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

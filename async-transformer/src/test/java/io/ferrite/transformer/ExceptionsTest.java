package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    private static final String EXCEPTIONS = "io.ferrite.transformer.fixtures.Exceptions";
    private final TransformingClassLoader loader = new TransformingClassLoader();
    private final List<String> log = new ArrayList<>();

    @Test
    void poll_should_throw_body_exception_unwrapped_and_then_refuse_polls() {
        ManualFuture<String> first = new ManualFuture<>();
        RuntimeException error = new UnsupportedOperationException("from body");
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "throwFromBody", first, error));
        driver.assertPending();
        first.complete("throw");
        assertSame(error, assertThrows(UnsupportedOperationException.class, driver::poll));
        IllegalStateException again = assertThrows(IllegalStateException.class, driver::poll);
        assertTrue(again.getMessage().contains("single-use"), again.getMessage());
    }

    @Test
    void stack_trace_should_point_at_the_user_source_line() {
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "throwChecked", Future.ready("x")));
        IOException e = assertThrows(IOException.class, driver::poll);
        assertEquals("checked x", e.getMessage());
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("io.ferrite.transformer.fixtures.Exceptions$throwChecked$Async", top.getClassName());
        assertEquals("poll", top.getMethodName());
        assertEquals("Exceptions.java", top.getFileName());
        assertEquals(lineOf("throw new IOException(\"checked \" + value);"), top.getLineNumber());
    }

    @Test
    void failure_of_awaited_future_should_be_rethrown_at_await_unwrapped() {
        ManualFuture<String> failing = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "uncaughtFailure", failing));
        driver.assertPending();
        IllegalStateException error = new IllegalStateException("inner failed");
        failing.fail(error);
        assertSame(error, assertThrows(IllegalStateException.class, driver::poll));
    }

    @Test
    void catchFinally_should_await_in_try_catch_and_finally() {
        ManualFuture<String> body = new ManualFuture<>();
        ManualFuture<String> inCatch = new ManualFuture<>();
        ManualFuture<String> inFinally = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "catchFinally", body, inCatch, inFinally, log));
        driver.assertPending();
        body.fail(new IllegalStateException("e"));
        driver.assertPending();
        inCatch.complete("c");
        driver.assertPending();
        inFinally.complete("f");
        driver.assertReady("catch e c,finally f");
        assertEquals(3, driver.wakes());
    }

    @Test
    void catchFinally_should_run_finally_await_when_try_succeeds() {
        ManualFuture<String> inFinally = new ManualFuture<>();
        ManualFuture<String> inCatch = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "catchFinally", Future.ready("t"), inCatch,
                inFinally, log));
        driver.assertPending();
        inFinally.complete("f");
        driver.assertReady("try t,finally f");
        assertEquals(0, inCatch.polls());
    }

    @Test
    void multiCatch_should_catch_either_type_and_await_in_handler() {
        ManualFuture<String> body = new ManualFuture<>();
        ManualFuture<String> inCatch = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "multiCatch", body, inCatch));
        driver.assertPending();
        body.fail(new UnsupportedOperationException());
        driver.assertPending();
        inCatch.complete("handled");
        driver.assertReady("UnsupportedOperationException:handled");
        Driver.of(loader.call(EXCEPTIONS, "multiCatch", Future.failed(new IllegalArgumentException()),
                Future.ready("h"))).assertReady("IllegalArgumentException:h");
    }

    @Test
    void rethrow_should_throw_the_caught_instance_after_handler_suspends() {
        ManualFuture<String> inCatch = new ManualFuture<>();
        IllegalStateException error = new IllegalStateException("original");
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "rethrow", Future.failed(error), inCatch, log));
        driver.assertPending();
        inCatch.complete("h");
        assertSame(error, assertThrows(IllegalStateException.class, driver::poll));
        assertEquals(List.of("handler h"), log);
    }

    @Test
    void finallyReturns_should_discard_exception_and_complete() {
        ManualFuture<String> body = new ManualFuture<>();
        ManualFuture<String> inFinally = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "finallyReturns", body, inFinally));
        driver.assertPending();
        body.complete("b");
        driver.assertPending();
        inFinally.complete("f");
        driver.assertReady("finally f");
    }

    @Test
    void nested_should_run_inner_finally_before_outer_catch() {
        ManualFuture<String> inner = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "nested", inner, Future.ready("o"), log));
        driver.assertPending();
        inner.fail(new IllegalStateException("boom"));
        driver.assertReady("inner finally,outer catch boom");
    }

    @Test
    void withResources_should_close_in_reverse_order_and_suppress_close_failure() {
        ManualFuture<String> body = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "withResources", body, true, log));
        driver.assertPending();
        assertEquals(List.of("open first", "open second"), log);
        body.complete("v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, driver::poll);
        assertEquals("body failed", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("close second failed", e.getSuppressed()[0].getMessage());
        assertEquals(List.of("open first", "open second", "body v", "close second", "close first"), log);
    }

    @Test
    void withResources_should_throw_close_failure_when_body_succeeds() {
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "withResources", Future.ready("v"), false, log));
        IllegalStateException e = assertThrows(IllegalStateException.class, driver::poll);
        assertEquals("close second failed", e.getMessage());
        assertArrayEquals(new Throwable[0], e.getSuppressed());
    }

    @Test
    void resourceFromAwait_should_open_resource_with_awaited_name() {
        ManualFuture<String> name = new ManualFuture<>();
        ManualFuture<String> body = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "resourceFromAwait", name, body, log));
        driver.assertPending();
        name.complete("r");
        driver.assertPending();
        body.complete("b");
        driver.assertReady("r:b");
        assertEquals(List.of("open r", "close r"), log);
    }

    @Test
    void stage_should_wake_when_completion_stage_completes_later() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "stage", stage.thenApply(s -> s + "!")));
        driver.assertPending();
        assertEquals(0, driver.wakes());
        stage.complete("done");
        assertEquals(1, driver.wakes());
        driver.assertReady("value done!");
    }

    @Test
    void stage_should_take_fast_path_when_already_complete() {
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "stage", CompletableFuture.completedFuture("now")));
        driver.assertReady("value now");
        assertEquals(0, driver.wakes());
    }

    @Test
    void stage_should_rethrow_cause_of_failed_completion_stage() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "stage", source.thenApply(s -> s)));
        driver.assertPending();
        source.completeExceptionally(new IOException("disk"));
        driver.assertReady("caught IOException disk");
    }

    private static int lineOf(String text) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                    "src/test/java/io/ferrite/transformer/fixtures/Exceptions.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no line " + text);
    }

    @Test
    void recoverNull_should_catch_a_null_await_like_any_exception_when_the_body_has_a_handler() {
        List<String> log = new ArrayList<>();
        Driver<String> driver = Driver.of(loader.call(EXCEPTIONS, "recoverNull", log));

        driver.assertReady("recovered from await(null)");
    }
}

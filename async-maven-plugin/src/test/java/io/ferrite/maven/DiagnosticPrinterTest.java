package io.ferrite.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.TransformResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real diagnostics of the transformer on compiled sources, formatted: each test states the
 * expected location and the lines javac would print.
 */
class DiagnosticPrinterTest {

    private static final String HEADER = """
            package bad;

            import static io.ferrite.Await.await;

            import io.ferrite.Await;
            import io.ferrite.Future;
            import io.ferrite.annotations.Async;
            import java.util.function.Function;
            import java.util.function.Supplier;

            """;

    private static final String WARN_HEADER = """
            package warn;

            import static io.ferrite.Await.await;

            import io.ferrite.Future;
            import io.ferrite.annotations.Async;
            import java.util.concurrent.ArrayBlockingQueue;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;

            """;

    @TempDir
    Path dir;

    @Test
    void format_should_point_at_the_await_when_it_is_inside_synchronized() throws Exception {
        List<String> formatted = diagnose("Sync", """
                public class Sync {
                    private final Object lock = new Object();

                    @Async
                    Future<String> locked(Future<String> f) {
                        synchronized (lock) {
                            String v = await(f);
                            return Future.ready(v);
                        }
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/Sync.java:[17,24] await() is called inside a synchronized block",
                "            String v = await(f);",
                "                       ^");
    }

    @Test
    void format_should_point_at_each_await_when_a_plain_method_has_two_on_one_line() throws Exception {
        List<String> formatted = diagnose("Plain", """
                public class Plain {
                    static String both(Future<String> a, Future<String> b) {
                        return await(a) + Await.await(b);
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/Plain.java:[13,16] await() is called in method both(",
                "        return await(a) + Await.await(b);",
                "               ^");
        assertLocated(formatted.get(1), "src/main/java/bad/Plain.java:[13,33] await() is called in method both(",
                "        return await(a) + Await.await(b);",
                "                                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_in_a_constructor() throws Exception {
        List<String> formatted = diagnose("Ctor", """
                public class Ctor {
                    final String value;

                    Ctor(Future<String> f) {
                        this.value = await(f);
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/Ctor.java:[15,22] await() is called in a constructor",
                "        this.value = await(f);",
                "                     ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_in_a_static_initializer() throws Exception {
        List<String> formatted = diagnose("Init", """
                public class Init {
                    static final String VALUE;

                    static {
                        VALUE = await(Future.ready("x"));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/Init.java:[15,17] await() is called in the static initializer",
                "        VALUE = await(Future.ready(\"x\"));",
                "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_in_a_lambda_not_returning_a_future() throws Exception {
        List<String> formatted = diagnose("Lambda", """
                public class Lambda {
                    static Supplier<String> later(Future<String> f) {
                        return () -> await(f);
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/Lambda.java:[13,22] await() is called in a lambda",
                "        return () -> await(f);",
                "                     ^");
    }

    @Test
    void format_should_point_at_the_reference_when_await_is_a_method_reference() throws Exception {
        List<String> formatted = diagnose("Reference", """
                public class Reference {
                    static Function<Future<String>, String> awaiter() {
                        return Await::await;
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/Reference.java:[13,16] Await::await is used as a method reference",
                "        return Await::await;",
                "               ^");
    }

    @Test
    void format_should_point_at_the_modifier_when_an_async_method_is_synchronized() throws Exception {
        List<String> formatted = diagnose("SyncMethod", """
                public class SyncMethod {
                    @Async
                    synchronized Future<String> locked(Future<String> f) {
                        String v = await(f);
                        return Future.ready(v);
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SyncMethod.java:[13,5] @Async method",
                "    synchronized Future<String> locked(Future<String> f) {",
                "    ^");
    }

    @Test
    void format_should_point_at_the_method_name_when_the_return_type_is_not_a_future() throws Exception {
        List<String> formatted = diagnose("Returns", """
                public class Returns {
                    @Async
                    String name(Future<String> f) {
                        return await(f);
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/Returns.java:[13,12] @Async method",
                "    String name(Future<String> f) {",
                "           ^");
    }

    @Test
    void format_should_find_the_declaration_when_an_abstract_method_has_no_line() throws Exception {
        List<String> formatted = diagnose("Abstract", """
                public abstract class Abstract {
                    @Async
                    abstract Future<String> name(int a);

                    @Async
                    abstract Future<String> name(String a, String b);
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/Abstract.java:[13,29] @Async method",
                "    abstract Future<String> name(int a);",
                "                            ^");
        assertLocated(formatted.get(1), "src/main/java/bad/Abstract.java:[16,29] @Async method",
                "    abstract Future<String> name(String a, String b);",
                "                            ^");
    }

    @Test
    void format_should_name_the_class_and_line_when_the_source_file_is_missing() throws Exception {
        List<String> formatted = diagnose("Gone", """
                public class Gone {
                    static String get(Future<String> f) {
                        return await(f);
                    }
                }
                """, true);

        assertEquals(1, formatted.size());
        assertTrue(formatted.get(0).startsWith("bad.Gone (line 13): await() is called in method get("), formatted.get(0));
        assertEquals(1, formatted.get(0).lines().count());
    }

    @Test
    void format_should_fall_back_to_the_token_on_the_line_when_the_source_cannot_be_parsed() throws Exception {
        Path source = dir.resolve("src/main/java/bad/Broken.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Broken {\n  void m() { x = await(f) +; }\n");
        Diagnostic diagnostic = new Diagnostic(Diagnostic.Severity.ERROR, "await-outside-async", "bad/Broken", "m", "()V",
                "Broken.java", 2, "await", "await() outside");

        String formatted = printer().format(diagnostic);

        assertEquals("src/main/java/bad/Broken.java:[2,18] await() outside\n"
                + "  void m() { x = await(f) +; }\n"
                + "                 ^", formatted);
    }

    @Test
    void format_should_point_at_the_called_method_when_an_async_body_blocks() throws Exception {
        List<String> formatted = warn("Sleepy", """
                public class Sleepy {
                    @Async
                    static Future<String> nap(Future<String> f) throws InterruptedException {
                        Thread.sleep(10);
                        return Future.ready(await(f));
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/warn/Sleepy.java:[15,16] Thread.sleep() is called in method nap(",
                "        Thread.sleep(10);",
                "               ^");
    }

    @Test
    void format_should_point_at_each_blocking_call_when_two_share_a_name_on_one_line() throws Exception {
        List<String> formatted = warn("Queues", """
                public class Queues {
                    final ArrayBlockingQueue<String> a = new ArrayBlockingQueue<>(1);
                    final LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();

                    @Async
                    Future<String> both() throws InterruptedException {
                        return Future.ready(a.take() + b.take());
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/warn/Queues.java:[18,31] ArrayBlockingQueue.take() is called",
                "        return Future.ready(a.take() + b.take());",
                "                              ^");
        assertLocated(formatted.get(1), "src/main/java/warn/Queues.java:[18,42] LinkedBlockingQueue.take() is called",
                "        return Future.ready(a.take() + b.take());",
                "                                         ^");
    }

    @Test
    void format_should_tell_a_blocking_await_method_from_ferrite_await_on_one_line() throws Exception {
        List<String> formatted = warn("Latch", """
                public class Latch {
                    final CountDownLatch latch = new CountDownLatch(1);

                    @Async
                    Future<String> gate(Future<String> f) throws InterruptedException {
                        String v = await(f); latch.await();
                        return Future.ready(v);
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/warn/Latch.java:[17,36] CountDownLatch.await() is called",
                "        String v = await(f); latch.await();",
                "                                   ^");
    }

    @Test
    void format_should_point_at_the_call_when_its_future_is_never_polled() throws Exception {
        List<String> formatted = warn("Mailer", """
                public class Mailer {
                    static Future<String> send(String to) {
                        return Future.ready(to);
                    }

                    @Async
                    static Future<String> announce(Future<String> f) {
                        Mailer.send("ops");
                        Future<String> unused = send("dev");
                        return Future.ready(await(f));
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/warn/Mailer.java:[19,16] the future returned by Mailer.send() is"
                + " discarded", "        Mailer.send(\"ops\");", "               ^");
        assertLocated(formatted.get(1), "src/main/java/warn/Mailer.java:[20,33] the future returned by Mailer.send() is"
                + " stored in a local variable and never read", "        Future<String> unused = send(\"dev\");",
                "                                ^");
    }

    @Test
    void format_should_point_at_the_await_when_a_lock_is_held_across_it() throws Exception {
        List<String> formatted = warn("Locked", """
                public class Locked {
                    final ReentrantLock lock = new ReentrantLock();

                    @Async
                    Future<String> guarded(Future<String> f) {
                        lock.lock();
                        try {
                            return Future.ready(await(f));
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/warn/Locked.java:[17,14] ReentrantLock.lock() is called",
                "        lock.lock();",
                "             ^");
        assertLocated(formatted.get(1), "src/main/java/warn/Locked.java:[19,33] await() is called in method guarded("
                + "Future) of class warn.Locked while the java.util.concurrent.locks.Lock taken by"
                + " lock() at line 17 is still held",
                "            return Future.ready(await(f));",
                "                                ^");
    }

    @Test
    void format_should_point_at_the_reference_when_it_is_on_a_later_line_of_its_statement() throws Exception {
        List<String> formatted = diagnose("SplitReference", """
                public class SplitReference {
                    static Function<Future<String>, String> awaiter() {
                        Function<Future<String>, String> f =
                                Await::await;
                        return f;
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/SplitReference.java:[14,17] Await::await is used as a method"
                + " reference", "                Await::await;", "                ^");
    }

    @Test
    void format_should_point_at_each_reference_when_one_statement_spreads_two_over_later_lines() throws Exception {
        List<String> formatted = diagnose("TwoReferences", """
                public class TwoReferences {
                    static String pick(Function<Future<String>, String> a, Function<Future<String>, String> b) {
                        return "";
                    }

                    static String both() {
                        return pick(
                                Await::await,
                                Await::await);
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/TwoReferences.java:[18,17] Await::await",
                "                Await::await,", "                ^");
        assertLocated(formatted.get(1), "src/main/java/bad/TwoReferences.java:[19,17] Await::await",
                "                Await::await);", "                ^");
    }

    @Test
    void format_should_point_at_each_reference_when_a_statement_has_one_on_its_first_line_and_one_after()
            throws Exception {
        List<String> formatted = diagnose("FirstAndNext", """
                public class FirstAndNext {
                    static String pick(Function<Future<String>, String> a, Function<Future<String>, String> b) {
                        return "";
                    }

                    static String both() {
                        return pick(Await::await,
                                Await::await);
                    }
                }
                """);

        assertEquals(2, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/FirstAndNext.java:[17,21] Await::await",
                "        return pick(Await::await,", "                    ^");
        assertLocated(formatted.get(1), "src/main/java/bad/FirstAndNext.java:[18,17] Await::await",
                "                Await::await);", "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_on_a_later_line_of_a_plain_method_statement() throws Exception {
        List<String> formatted = diagnose("SplitPlain", """
                public class SplitPlain {
                    static String joined(Future<String> a) {
                        return String.join(",",
                                await(a));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SplitPlain.java:[14,17] await() is called in method joined(",
                "                await(a));", "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_on_a_later_line_in_a_constructor() throws Exception {
        List<String> formatted = diagnose("SplitCtor", """
                public class SplitCtor {
                    final String value;

                    SplitCtor(Future<String> f) {
                        this.value = String.valueOf(
                                await(f));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SplitCtor.java:[16,17] await() is called in a constructor",
                "                await(f));", "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_on_a_later_line_in_a_static_initializer() throws Exception {
        List<String> formatted = diagnose("SplitInit", """
                public class SplitInit {
                    static final String VALUE = String.valueOf(
                            await(Future.ready("x")));
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SplitInit.java:[13,13] await() is called in the static"
                + " initializer", "            await(Future.ready(\"x\")));", "            ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_on_a_later_line_of_a_lambda() throws Exception {
        List<String> formatted = diagnose("SplitLambda", """
                public class SplitLambda {
                    static Supplier<String> later(Future<String> f) {
                        return () -> String.valueOf(
                                await(f));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SplitLambda.java:[14,17] await() is called in a lambda",
                "                await(f));", "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_it_is_on_a_later_line_inside_synchronized() throws Exception {
        List<String> formatted = diagnose("SplitSync", """
                public class SplitSync {
                    private final Object lock = new Object();

                    @Async
                    Future<String> locked(Future<String> f) {
                        synchronized (lock) {
                            return Future.ready(
                                    await(f));
                        }
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/bad/SplitSync.java:[18,21] await() is called inside a synchronized"
                + " block", "                    await(f));", "                    ^");
    }

    @Test
    void format_should_point_at_the_method_name_when_a_declaration_spreads_over_lines() throws Exception {
        List<String> formatted = diagnose("SplitDeclaration", """
                public class SplitDeclaration {
                    @Async
                    static
                    String
                    name(Future<String> f) {
                        return await(f);
                    }
                }
                """);

        assertEquals(1, formatted.size());
        assertLocated(formatted.get(0), "src/main/java/bad/SplitDeclaration.java:[15,5] @Async method name(Future) of"
                + " class bad.SplitDeclaration returns java.lang.String", "    name(Future<String> f) {", "    ^");
    }

    @Test
    void format_should_point_at_the_called_method_when_a_blocking_call_is_on_a_later_line() throws Exception {
        List<String> formatted = warn("SplitSleep", """
                public class SplitSleep {
                    @Async
                    static Future<String> nap(Future<String> f) throws InterruptedException {
                        Thread
                                .sleep(10);
                        return Future.ready(await(f));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/warn/SplitSleep.java:[16,18] Thread.sleep() is called",
                "                .sleep(10);", "                 ^");
    }

    @Test
    void format_should_point_at_the_call_when_a_future_never_polled_is_on_a_later_line() throws Exception {
        List<String> formatted = warn("SplitMailer", """
                public class SplitMailer {
                    static Future<String> send(String to) {
                        return Future.ready(to);
                    }

                    @Async
                    static Future<String> announce(Future<String> f) {
                        Future<String> unused =
                                send("dev");
                        return Future.ready(await(f));
                    }
                }
                """);

        assertLocated(formatted.get(0), "src/main/java/warn/SplitMailer.java:[20,17] the future returned by"
                + " SplitMailer.send() is stored", "                send(\"dev\");", "                ^");
    }

    @Test
    void format_should_point_at_the_await_when_a_lock_is_held_across_it_on_a_later_line() throws Exception {
        List<String> formatted = warn("SplitLocked", """
                public class SplitLocked {
                    final ReentrantLock lock = new ReentrantLock();

                    @Async
                    Future<String> guarded(Future<String> f) {
                        lock.lock();
                        try {
                            return Future.ready(
                                    await(f));
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);

        assertLocated(formatted.get(1), "src/main/java/warn/SplitLocked.java:[20,21] await() is called in method guarded(",
                "                    await(f));", "                    ^");
    }

    @Test
    void format_should_point_at_the_method_name_when_the_code_has_no_lookup_of_its_own() throws Exception {
        Path source = dir.resolve("src/main/java/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo;\n\nclass Greeter {\n    static String greet(String name) {\n"
                + "        return name;\n    }\n}\n");
        Diagnostic diagnostic = new Diagnostic(Diagnostic.Severity.WARNING, "some-future-warning", "demo/Greeter", "greet",
                "(Ljava/lang/String;)Ljava/lang/String;", "Greeter.java", 5, null, "just so you know");

        assertEquals("src/main/java/demo/Greeter.java:[4,19] just so you know\n"
                + "    static String greet(String name) {\n"
                + "                  ^", printer().format(diagnostic));
    }

    @Test
    void caret_should_keep_tabs_when_the_source_line_is_indented_with_tabs() {
        assertEquals("\t\t  ^", DiagnosticPrinter.caret("\t\tx = await(f);", 5));
    }

    @Test
    void parameterCount_should_count_arrays_and_objects_when_reading_a_descriptor() {
        assertEquals(4, DiagnosticPrinter.parameterCount("(I[[Ljava/lang/String;J[D)V"));
        assertEquals(0, DiagnosticPrinter.parameterCount("()Lio/ferrite/Future;"));
        assertEquals(-1, DiagnosticPrinter.parameterCount(null));
    }

    /** The position, the source line and the caret; the message names no line that could disagree. */
    private static void assertLocated(String formatted, String firstLinePrefix, String sourceLine, String caret) {
        List<String> lines = formatted.lines().toList();
        assertEquals(3, lines.size(), formatted);
        assertTrue(lines.get(0).startsWith(firstLinePrefix), formatted);
        String message = lines.get(0).substring(lines.get(0).indexOf("] ") + 2);
        assertFalse(Pattern.compile("\\.java:\\d").matcher(message).find(), message);
        assertEquals(sourceLine, lines.get(1), formatted);
        assertEquals(caret, lines.get(2), formatted);
    }

    private List<String> diagnose(String className, String body) throws Exception {
        return diagnose(className, body, false);
    }

    /** Compiles bad/ClassName.java, transforms it, and formats its diagnostics in order. */
    private List<String> diagnose(String className, String body, boolean deleteSource) throws Exception {
        TestProject project = new TestProject(dir).source("bad/" + className + ".java", HEADER + body).compile();
        if (deleteSource) {
            Files.delete(project.sources.resolve("bad/" + className + ".java"));
        }
        AsyncTransformer transformer = new AsyncTransformer(ClassHierarchy.ofClassLoader(getClass().getClassLoader()));
        TransformResult result = transformer.transform(project.bytes("bad/" + className + ".class"));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome(), result.toString());
        DiagnosticPrinter printer = printer();
        List<String> formatted = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            formatted.add(printer.format(diagnostic));
        }
        return formatted;
    }

    /** Compiles warn/ClassName.java, transforms it (it must succeed), and formats its warnings in order. */
    private List<String> warn(String className, String body) throws Exception {
        TestProject project = new TestProject(dir).source("warn/" + className + ".java", WARN_HEADER + body).compile();
        AsyncTransformer transformer = new AsyncTransformer(ClassHierarchy.ofClassLoader(getClass().getClassLoader()));
        TransformResult result = transformer.transform(project.bytes("warn/" + className + ".class"));
        assertEquals(TransformResult.Outcome.TRANSFORMED, result.outcome(), result.toString());
        DiagnosticPrinter printer = printer();
        List<String> formatted = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            assertEquals(Diagnostic.Severity.WARNING, diagnostic.severity(), diagnostic::toString);
            formatted.add(printer.format(diagnostic));
        }
        return formatted;
    }

    private DiagnosticPrinter printer() {
        return new DiagnosticPrinter(List.of(dir.resolve("src/main/java")), dir, StandardCharsets.UTF_8);
    }
}

package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.Diagnostic.Severity;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * The pitfall warnings. Each class of {@code io.ferrite.transformer.warnfixtures} states the
 * warnings it must produce in comments ({@code // WARNING code}); transforming it (and its nested
 * classes) must succeed with exactly those, each naming the class, method, source file and line,
 * with a token found on that line. The other tests look at one case each, by method.
 */
class WarningsTest {

    private static final String PACKAGE = "io/ferrite/transformer/warnfixtures/";
    private static final Path SOURCES = Path.of("src/test/java/io/ferrite/transformer/warnfixtures");
    private static final Pattern EXPECTED = Pattern.compile("// WARNING ([a-z-]+)");

    private final AsyncTransformer transformer = new AsyncTransformer(
            ClassHierarchy.ofClassLoader(getClass().getClassLoader()));

    @ParameterizedTest
    @ValueSource(strings = {"NeverPolled", "Blocking", "LockAcrossAwait", "Suppressed", "SuppressedClass", "FinallyHazards"})
    void transform_should_report_each_expected_warning_with_file_and_line(String simpleName) throws IOException {
        List<String> lines = Files.readAllLines(SOURCES.resolve(simpleName + ".java"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = EXPECTED.matcher(lines.get(i));
            if (matcher.find()) {
                expected.add(matcher.group(1) + " at " + (i + 1));
            }
        }

        List<String> actual = new ArrayList<>();
        String host = PACKAGE + simpleName;
        for (String className : nest(host)) {
            TransformResult result = transformer.transform(classFile(className));
            // Nested classes without async code (a fixture's helper class) come back unchanged.
            assertEquals(className.equals(host) || result.transformedMethods() > 0 ? TransformResult.Outcome.TRANSFORMED
                    : TransformResult.Outcome.UNCHANGED, result.outcome(), result::toString);
            for (Diagnostic diagnostic : result.diagnostics()) {
                actual.add(diagnostic.code() + " at " + diagnostic.line());
                assertEquals(Severity.WARNING, diagnostic.severity(), diagnostic::toString);
                assertEquals(className, diagnostic.className());
                assertEquals(simpleName + ".java", diagnostic.sourceFile());
                String message = diagnostic.message();
                assertFalse(message.contains(simpleName + ".java:"), message);
                assertTrue(message.contains(className.replace('/', '.')), message);
                assertTrue(diagnostic.format(null).startsWith(PACKAGE + simpleName + ".java:[" + diagnostic.line() + "] "));
                String line = lines.get(diagnostic.line() - 1);
                assertTrue(Pattern.compile("\\b" + Pattern.quote(diagnostic.token()) + "\\b").matcher(line).find(),
                        "token '" + diagnostic.token() + "' not on: " + line);
            }
        }
        assertEquals(expected.stream().sorted().collect(Collectors.toList()),
                actual.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void warnings_should_not_prevent_the_transformation() throws IOException {
        TransformResult result = transformer.transform(classFile(PACKAGE + "LockAcrossAwait"));

        assertEquals(TransformResult.Outcome.TRANSFORMED, result.outcome());
        assertTrue(result.generatedClasses().containsKey(PACKAGE + "LockAcrossAwait$heldAcross$Async"),
                result.generatedClasses().keySet()::toString);
        assertEquals(8, result.transformedMethods());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code().equals("lock-held-across-await")));
    }

    @Test
    void warned_method_should_run_as_transformed_when_loaded() throws Exception {
        TransformingClassLoader loader = new TransformingClassLoader("io.ferrite.transformer.warnfixtures");
        Constructor<?> constructor = loader.load("io.ferrite.transformer.warnfixtures.LockAcrossAwait")
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        Object fixture = constructor.newInstance();
        ManualFuture<Integer> f = new ManualFuture<>("f");

        Driver<Integer> driver = Driver.of(
                TransformingClassLoader.invoke(fixture.getClass(), fixture, "heldAcross", f));
        driver.assertPending();
        f.complete(5);
        driver.assertReady(5);
        assertEquals(1, driver.wakes());
    }

    @Test
    void futureNeverPolled_should_say_whether_the_future_was_dropped_or_stored() throws IOException {
        List<Diagnostic> warnings = warnings("NeverPolled", "dropped");

        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).message().startsWith("the future returned by NeverPolled.send() is discarded in method"
                + " dropped() of class io.ferrite.transformer.warnfixtures.NeverPolled: futures are lazy"),
                warnings.get(0).message());
        assertTrue(warnings.get(1).message().contains("is stored in 'unused' and never read"), warnings.get(1).message());
        assertTrue(warnings.get(2).message().startsWith("the future returned by NeverPolled.fetch() is discarded"),
                warnings.get(2).message());
        for (Diagnostic warning : warnings) {
            assertEquals("future-never-polled", warning.code());
            assertTrue(warning.message().contains("futures are lazy, so none of its work runs"), warning.message());
            assertTrue(warning.message().contains("Await it (await(" + warning.token() + "(...)))"), warning.message());
            assertTrue(warning.message().contains("spawn it (Task.spawn(...))"), warning.message());
            assertTrue(warning.message().contains("Futures.join(...)"), warning.message());
        }
    }

    @Test
    void futureNeverPolled_should_suggest_return_when_a_ready_future_is_discarded() throws IOException {
        List<Diagnostic> warnings = warnings("NeverPolled", "forgotReturn");

        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals("ready", warnings.get(0).token());
        assertTrue(warnings.get(0).message().startsWith("Future.ready(...) is discarded in method forgotReturn(boolean)"),
                warnings.get(0).message());
        assertTrue(warnings.get(0).message().contains("write 'return Future.ready(...)'"), warnings.get(0).message());
    }

    @Test
    void futureNeverPolled_should_check_plain_methods_and_lambdas_too() throws IOException {
        assertEquals(1, warnings("NeverPolled", "plain").size());
        List<Diagnostic> inLambda = warnings("NeverPolled", "lambda$inLambda$");
        assertEquals(1, inLambda.size());
        assertTrue(inLambda.get(0).message().contains("in a lambda in method inLambda of class"), inLambda.get(0).message());
    }

    @Test
    void futureNeverPolled_should_not_warn_when_the_future_is_awaited_returned_or_stored_and_read() throws IOException {
        for (String method : List.of("awaited", "returned", "storedThenReturned", "storedInField", "joined")) {
            assertEquals(List.of(), warnings("NeverPolled", method), method);
        }
    }

    @Test
    void futureNeverPolled_should_not_warn_when_a_join_handle_is_dropped() throws IOException {
        assertEquals(List.of(), warnings("NeverPolled", "spawned"));
        assertEquals(List.of(), warnings("NeverPolled", "spawnedAndDetached"));
    }

    @Test
    void blockingCall_should_name_the_call_and_its_async_counterpart() throws IOException {
        List<Diagnostic> warnings = warnings("Blocking", "sleeps");

        assertEquals(1, warnings.size(), warnings::toString);
        Diagnostic sleep = warnings.get(0);
        assertEquals("blocking-call-in-async", sleep.code());
        assertEquals("sleep", sleep.token());
        assertTrue(sleep.message().startsWith("Thread.sleep() is called in method sleeps(Future) of class"
                + " io.ferrite.transformer.warnfixtures.Blocking, an async body"), sleep.message());
        assertTrue(sleep.message().contains("it blocks the runtime worker thread that polls the task"), sleep.message());
        assertTrue(sleep.message().contains("Use await(Time.sleep(duration))"), sleep.message());
        assertTrue(sleep.message().endsWith("with await(Task.spawnBlocking(() -> ...))."), sleep.message());
    }

    @Test
    void blockingCall_should_match_subtypes_of_the_listed_types() throws IOException {
        Diagnostic lock = warnings("Blocking", "locks").get(0);
        assertTrue(lock.message().startsWith("Blocking.AuditedLock.lock() is called"), lock.message());
        assertTrue(lock.message().contains("io.ferrite.sync.Mutex"), lock.message());

        List<String> queues = messages(warnings("Blocking", "queues"));
        assertEquals(6, queues.size(), queues::toString);
        assertTrue(queues.get(0).startsWith("ArrayBlockingQueue.put() is called"), queues.get(0));
        assertTrue(queues.get(1).startsWith("BlockingQueue.put() is called"), queues.get(1));
        assertTrue(queues.get(2).startsWith("LinkedBlockingDeque.putFirst() is called"), queues.get(2));
        assertTrue(queues.get(3).startsWith("BlockingQueue.poll() is called"), queues.get(3));
        assertTrue(queues.stream().allMatch(m -> m.contains("io.ferrite.channel.Mpsc")), queues::toString);
    }

    @Test
    void blockingCall_should_prefer_the_specific_rule_when_several_match() throws IOException {
        List<String> gets = messages(warnings("Blocking", "gets"));
        assertEquals(2, gets.size(), gets::toString);
        assertTrue(gets.get(0).startsWith("CompletableFuture.get()"), gets.get(0));
        assertTrue(gets.get(0).contains("Use await(future) (await takes any CompletionStage"), gets.get(0));
        assertTrue(gets.get(1).startsWith("Future.get()"), gets.get(1));
        assertTrue(gets.get(1).contains("await(Task.spawnBlocking(future::get))"), gets.get(1));
    }

    @Test
    void blockingCall_should_warn_in_async_lambdas() throws IOException {
        List<Diagnostic> warnings = warnings("Blocking", "lambda$asyncLambda$");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).message().startsWith("LockSupport.parkNanos() is called in a lambda in method"
                + " asyncLambda"), warnings.get(0).message());
    }

    @Test
    void blockingCall_should_not_warn_outside_async_code() throws IOException {
        assertEquals(List.of(), warnings("Blocking", "notAsync"));
        assertEquals(List.of(), warnings("Blocking", "lambda$offloads$"));
    }

    @Test
    void blockingCall_should_not_warn_for_non_blocking_variants_or_ferrite_primitives() throws IOException {
        assertEquals(List.of(), warnings("Blocking", "nonBlockingVariants"));
        assertEquals(List.of(), warnings("Blocking", "ferriteSemaphore"));
    }

    @Test
    void blockingCall_should_be_reported_once_when_javac_copies_it_into_each_finally_path() throws IOException {
        assertEquals(1, warnings("Blocking", "inFinally").size());
    }

    @Test
    void lockHeld_should_warn_at_the_await_naming_the_lock_call_and_its_line() throws IOException {
        List<Diagnostic> warnings = warnings("LockAcrossAwait", "heldAcross");

        assertEquals(List.of("blocking-call-in-async", "lock-held-across-await"), codes(warnings));
        Diagnostic held = warnings.get(1);
        assertEquals("await", held.token());
        int lockLine = warnings.get(0).line();
        assertEquals(lockLine + 2, held.line());
        assertTrue(held.message().startsWith("await() is called in method heldAcross(Future) of class"
                + " io.ferrite.transformer.warnfixtures.LockAcrossAwait while"
                + " the java.util.concurrent.locks.Lock taken by lock() at line " + lockLine + " is still held"),
                held.message());
        assertTrue(held.message().contains("unlock() throws IllegalMonitorStateException"), held.message());
        assertTrue(held.message().contains("use io.ferrite.sync.Mutex, whose guard may be held across awaits"),
                held.message());
    }

    @Test
    void lockHeld_should_follow_the_branch_where_tryLock_succeeded() throws IOException {
        assertEquals(List.of("lock-held-across-await"), codes(warnings("LockAcrossAwait", "tried")));
        assertEquals(List.of("lock-held-across-await"), codes(warnings("LockAcrossAwait", "notTried")));
        assertTrue(warnings("LockAcrossAwait", "tried").get(0).message().contains("taken by tryLock() at line"));
    }

    @Test
    void lockHeld_should_match_subtypes_and_loops() throws IOException {
        assertEquals(List.of("blocking-call-in-async", "lock-held-across-await"),
                codes(warnings("LockAcrossAwait", "writeLock")));
        assertEquals(List.of("blocking-call-in-async", "lock-held-across-await"),
                codes(warnings("LockAcrossAwait", "inLoop")));
    }

    @Test
    void lockHeld_should_not_warn_when_the_lock_is_released_before_the_await() throws IOException {
        assertEquals(List.of("blocking-call-in-async"), codes(warnings("LockAcrossAwait", "releasedBefore")));
    }

    @Test
    void lockHeld_should_not_warn_when_the_lock_may_have_been_released_on_some_path() throws IOException {
        assertEquals(List.of("blocking-call-in-async"), codes(warnings("LockAcrossAwait", "heldOnOnePathOnly")));
        assertEquals(List.of(), warnings("LockAcrossAwait", "triedAndKept"));
    }

    @Test
    void suppress_should_silence_only_the_named_codes() throws IOException {
        assertEquals(List.of("future-never-polled"), codes(warnings("Suppressed", "allowedSleep")));
        assertEquals(List.of(), warnings("Suppressed", "allowedLock"));
        assertEquals(List.of("blocking-call-in-async"), codes(warnings("Suppressed", "otherCode")));
        assertEquals(List.of(), warnings("Suppressed", "<init>"));
        assertEquals(List.of("future-never-polled"), codes(warnings("Suppressed", "notSuppressed")));
    }

    @Test
    void suppress_should_cover_the_lambdas_written_in_the_annotated_method() throws IOException {
        TransformResult result = transformer.transform(classFile(PACKAGE + "Suppressed"));
        List<String> methods = result.diagnostics().stream().map(Diagnostic::methodName).collect(Collectors.toList());
        assertTrue(methods.stream().noneMatch(m -> m.startsWith("lambda$")), methods::toString);
        // The lambdas do produce warnings, which the annotation silenced: without it they appear.
        ClassNode node = new ClassNode();
        new ClassReader(classFile(PACKAGE + "Suppressed")).accept(node, 0);
        node.methods.forEach(m -> {
            if (m.invisibleAnnotations != null) {
                m.invisibleAnnotations.removeIf(a -> a.desc.equals("Lio/ferrite/annotations/Suppress;"));
            }
        });
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        List<String> unsuppressed = transformer.transform(writer.toByteArray()).diagnostics().stream()
                .map(Diagnostic::methodName).filter(m -> m.startsWith("lambda$")).collect(Collectors.toList());
        assertEquals(3, unsuppressed.size(), unsuppressed::toString);
    }

    @Test
    void suppress_on_a_class_should_cover_its_methods_but_not_its_nested_classes() throws IOException {
        TransformResult outer = transformer.transform(classFile(PACKAGE + "SuppressedClass"));
        assertEquals(List.of("future-never-polled"), codes(outer.diagnostics()));
        TransformResult nested = transformer.transform(classFile(PACKAGE + "SuppressedClass$Nested"));
        assertEquals(List.of("blocking-call-in-async"), codes(nested.diagnostics()));
    }

    @Test
    void suppress_should_never_silence_an_error() throws IOException {
        TransformResult result = transformer.transform(classFile("io/ferrite/transformer/badfixtures/SuppressedError"));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        assertEquals(List.of("await-in-synchronized"), codes(result.diagnostics()));
    }

    @Test
    void class_without_async_methods_should_come_back_unchanged_with_its_warnings() {
        byte[] plain = classDiscardingAFuture(true);
        TransformResult result = transformer.transform(plain);

        assertEquals(TransformResult.Outcome.UNCHANGED, result.outcome());
        assertSame(plain, result.classFile());
        assertEquals(List.of("future-never-polled"), codes(result.diagnostics()));
        assertEquals(Severity.WARNING, result.diagnostics().get(0).severity());
        assertEquals(4, result.diagnostics().get(0).line());
    }

    @Test
    void class_without_ferrite_markers_should_not_be_scanned_for_warnings() {
        byte[] plain = classDiscardingAFuture(false);
        TransformResult result = transformer.transform(plain);

        assertEquals(TransformResult.Outcome.UNCHANGED, result.outcome());
        assertArrayEquals(plain, result.classFile());
        assertEquals(List.of(), result.diagnostics());
    }

    /**
     * {@code static void run() { io.ferrite.Future.ready(null); }} at line 4 of {@code acme/Plain}:
     * no {@code @Async}, no await. With {@code mentionAwait}, a string constant naming
     * {@code io/ferrite/Await} lets it through the constant-pool prefilter.
     */
    private static byte[] classDiscardingAFuture(boolean mentionAwait) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "acme/Plain", null, "java/lang/Object", null);
        writer.visitSource("Plain.java", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        Label start = new Label();
        method.visitLabel(start);
        method.visitLineNumber(4, start);
        if (mentionAwait) {
            method.visitLdcInsn("io/ferrite/Await");
            method.visitInsn(Opcodes.POP);
        }
        method.visitInsn(Opcodes.ACONST_NULL);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "io/ferrite/Future", "ready",
                "(Ljava/lang/Object;)Lio/ferrite/Future;", true);
        method.visitInsn(Opcodes.POP);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** The warnings of a fixture's methods whose name starts with {@code methodPrefix}, in order. */
    private List<Diagnostic> warnings(String simpleName, String methodPrefix) throws IOException {
        TransformResult result = transformer.transform(classFile(PACKAGE + simpleName));
        assertTrue(!result.hasErrors(), result::toString);
        return result.diagnostics().stream()
                .filter(d -> d.methodName().equals(methodPrefix)
                        || methodPrefix.endsWith("$") && d.methodName().startsWith(methodPrefix))
                .collect(Collectors.toList());
    }

    private static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).collect(Collectors.toList());
    }

    private static List<String> messages(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::message).collect(Collectors.toList());
    }

    /** A top-level class and the nested classes of its nest, as listed in its NestMembers. */
    private List<String> nest(String host) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(classFile(host)).accept(node, ClassReader.SKIP_CODE);
        List<String> classes = new ArrayList<>(List.of(host));
        if (node.nestMembers != null) {
            classes.addAll(node.nestMembers);
        }
        return classes;
    }

    private byte[] classFile(String internalName) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}

package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.Diagnostic.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * Each class of {@code io.ferrite.transformer.badfixtures} states the errors it must produce in
 * comments ({@code // ERROR code}); transforming it must fail with exactly those, each naming
 * the class, method, source file and line.
 */
class DiagnosticsTest {

    private static final Path SOURCES = Path.of("src/test/java/io/ferrite/transformer/badfixtures");
    private static final Pattern EXPECTED = Pattern.compile("// ERROR ([a-z-]+)( @0)?");

    private final AsyncTransformer transformer = new AsyncTransformer(
            ClassHierarchy.ofClassLoader(getClass().getClassLoader()));

    @ParameterizedTest
    @ValueSource(strings = {"AwaitOutsideAsync", "AwaitInConstructor", "AwaitInStaticInitializer", "AwaitInLambda",
        "AwaitMethodReference", "AwaitInSynchronized", "AsyncDeclarations", "SuppressedError", "EmitOutsideGenerator",
        "EmitInSynchronized", "GeneratorReturn", "EmitTypeMismatch"})
    void transform_should_report_each_expected_error_with_file_and_line(String simpleName) throws IOException {
        String className = "io/ferrite/transformer/badfixtures/" + simpleName;
        TransformResult result = transformer.transform(classFile(className));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome(), result::toString);
        assertTrue(result.generatedClasses().isEmpty(), "nothing is written for a failed class");

        Set<String> expected = new TreeSet<>();
        List<String> lines = Files.readAllLines(SOURCES.resolve(simpleName + ".java"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = EXPECTED.matcher(lines.get(i));
            if (matcher.find()) {
                expected.add(matcher.group(1) + " at " + (matcher.group(2) != null ? 0 : i + 1));
            }
        }
        Set<String> actual = new TreeSet<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            actual.add(diagnostic.code() + " at " + diagnostic.line());
            assertEquals(Severity.ERROR, diagnostic.severity());
            assertEquals(className, diagnostic.className());
            assertEquals(simpleName + ".java", diagnostic.sourceFile());
            String message = diagnostic.message();
            // The position says where, once: a message that named a line too could disagree with it.
            assertFalse(message.contains(simpleName + ".java:"), message);
            assertTrue(message.contains("io.ferrite.transformer.badfixtures." + simpleName), message);
            String formatted = diagnostic.format(null);
            assertTrue(formatted.startsWith("io/ferrite/transformer/badfixtures/" + simpleName + ".java"), formatted);
            if (diagnostic.token() != null && diagnostic.line() > 0) {
                String line = lines.get(diagnostic.line() - 1);
                assertTrue(line.contains(diagnostic.token()), "token '" + diagnostic.token() + "' not on: " + line);
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void messages_should_say_what_to_do() throws IOException {
        TransformResult result = transformer.transform(classFile("io/ferrite/transformer/badfixtures/AwaitOutsideAsync"));
        Diagnostic first = result.diagnostics().get(0);
        assertEquals("plain", first.methodName());
        assertTrue(first.message().contains("method plain(Future)"), first.message());
        assertTrue(first.message().contains("Annotate the method with @io.ferrite.annotations.Async"), first.message());
    }

    @Test
    void emit_type_mismatch_should_name_both_types() throws IOException {
        TransformResult result = transformer.transform(classFile("io/ferrite/transformer/badfixtures/EmitTypeMismatch"));
        Diagnostic first = result.diagnostics().get(0);
        assertEquals("emit-type-mismatch", first.code());
        assertTrue(first.message().startsWith("emit() is given a java.lang.String in method numbers(Future, Object,"
                + " Number, CharSequence, List) of class io.ferrite.transformer.badfixtures.EmitTypeMismatch, whose"
                + " declared item type is java.lang.Integer (it returns AsyncStream<Integer>)"), first.message());
    }

    @Test
    void lambda_diagnostic_should_name_the_enclosing_method() throws IOException {
        TransformResult result = transformer.transform(classFile("io/ferrite/transformer/badfixtures/AwaitInLambda"));
        List<String> messages = new ArrayList<>();
        result.diagnostics().forEach(d -> messages.add(d.message()));
        assertTrue(messages.stream().anyMatch(m -> m.contains("in method supplier of class")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("in method insideAsync of class")), messages::toString);
    }

    @Test
    void transformer_failure_should_become_internal_error_naming_class_and_method() {
        TransformResult result = transformer.transform(classWithUnknownAwaitOverload());
        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        Diagnostic diagnostic = result.diagnostics().get(0);
        assertEquals("internal-error", diagnostic.code());
        assertEquals("acme/Odd", diagnostic.className());
        assertEquals("run", diagnostic.methodName());
        assertTrue(diagnostic.message().contains("method run() of class acme.Odd:"), diagnostic.message());
        assertEquals(7, diagnostic.line());
        assertTrue(diagnostic.message().contains("please report"), diagnostic.message());
    }

    @Test
    void failed_class_should_keep_its_original_bytes() throws IOException {
        byte[] original = classFile("io/ferrite/transformer/badfixtures/AwaitInSynchronized");
        TransformResult result = transformer.transform(original);
        assertTrue(result.hasErrors());
        assertEquals(original, result.classFile());
        ClassNode node = new ClassNode();
        new ClassReader(result.classFile()).accept(node, 0);
        assertFalse(node.invisibleAnnotations != null && node.invisibleAnnotations.stream()
                .anyMatch(a -> a.desc.equals("Lio/ferrite/internal/Transformed;")));
    }

    @Test
    void missing_superclass_should_fail_with_type_not_found_naming_it() throws IOException {
        byte[] owner = classFile("io/ferrite/transformer/fixtures/Protected");
        try (ClassPathHierarchy jdkOnly = ClassHierarchy.ofClassPath(List.of())) {
            TransformResult result = new AsyncTransformer(jdkOnly).transform(owner);
            assertEquals(TransformResult.Outcome.FAILED, result.outcome());
            Diagnostic diagnostic = result.diagnostics().get(0);
            assertEquals("type-not-found", diagnostic.code());
            assertTrue(diagnostic.message().startsWith(
                    "class io.ferrite.transformer.fixtures.base.Framework is not on the class path"), diagnostic.message());
            assertTrue(diagnostic.message().contains("method useAll(Future) of class"
                    + " io.ferrite.transformer.fixtures.Protected needs it"), diagnostic.message());
            assertTrue(diagnostic.line() > 0, diagnostic::toString);
        }
    }

    @Test
    void hierarchy_without_members_should_fail_rather_than_guess() throws IOException {
        ClassHierarchy full = ClassHierarchy.ofClassLoader(getClass().getClassLoader());
        ClassHierarchy headersOnly = name -> {
            ClassInfo info = full.find(name);
            return info == null ? null : new ClassInfo(info.name(), info.superName(), info.interfaces(),
                    info.isInterface());
        };
        TransformResult result = new AsyncTransformer(headersOnly)
                .transform(classFile("io/ferrite/transformer/fixtures/Protected"));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        assertEquals("hierarchy-without-members", result.diagnostics().get(0).code());
        assertTrue(result.diagnostics().get(0).message().contains("io.ferrite.transformer.fixtures.base.Framework"));
    }

    /** {@code @Async static Future run()} calling a made-up {@code Await.await(Object)}. */
    private static byte[] classWithUnknownAwaitOverload() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "acme/Odd", null, "java/lang/Object", null);
        writer.visitSource("Odd.java", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()Lio/ferrite/Future;", null, null);
        method.visitAnnotation("Lio/ferrite/annotations/Async;", false).visitEnd();
        method.visitCode();
        org.objectweb.asm.Label start = new org.objectweb.asm.Label();
        method.visitLabel(start);
        method.visitLineNumber(7, start);
        method.visitInsn(Opcodes.ACONST_NULL);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "io/ferrite/Await", "await",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        method.visitTypeInsn(Opcodes.CHECKCAST, "io/ferrite/Future");
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private byte[] classFile(String internalName) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}

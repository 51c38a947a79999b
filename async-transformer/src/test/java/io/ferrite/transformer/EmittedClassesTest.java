package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Every class the transformer emits for the fixtures passes CheckClassAdapter and is verified by
 * the JVM when loaded and initialised (fixtures are compiled by the JDK running the tests, so
 * this runs against javac 17's output on JDK 17 and javac 25's on JDK 25).
 */
class EmittedClassesTest {

    @Test
    void every_emitted_class_should_pass_checks_and_load_with_the_verifier_on() throws Exception {
        TransformingClassLoader loader = new TransformingClassLoader();
        List<String> names = fixtureClassNames();
        int generated = 0;
        int generators = 0;
        for (String name : names) {
            TransformResult result = loader.result(name);
            assertFalse(result.hasErrors(), () -> name + ": " + result.diagnostics());
            Class.forName(name.replace('/', '.'), true, loader);
            for (String machine : result.generatedClasses().keySet()) {
                Class<?> type = Class.forName(machine.replace('/', '.'), true, loader);
                boolean generator = io.ferrite.stream.AsyncStream.class.isAssignableFrom(type);
                assertEquals(generator ? "io.ferrite.internal.AsyncGeneratorMachine"
                        : "io.ferrite.internal.AsyncStateMachine", type.getSuperclass().getName());
                generated++;
                generators += generator ? 1 : 0;
            }
        }
        assertTrue(generated > 50, "only " + generated + " state machines generated");
        assertTrue(generators > 15, "only " + generators + " generators generated");
    }

    @Test
    void test_jvm_should_verify_classes_so_a_broken_frame_is_rejected() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertFalse(arguments.stream().anyMatch(a -> a.startsWith("-Xverify:none") || a.equals("-noverify")),
                arguments::toString);
        byte[] broken = brokenClass();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) {
                return defineClass(name, broken, 0, broken.length);
            }
        };
        assertThrows(VerifyError.class, () -> Class.forName("Broken", true, loader));
    }

    /** {@code static int f() { return "not an int"; }}: ireturn of a reference. */
    private static byte[] brokenClass() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Broken", null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "f", "()I", null, null);
        method.visitCode();
        method.visitLdcInsn("not an int");
        method.visitInsn(Opcodes.IRETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** The internal names of the compiled fixture classes (of every source set present). */
    static List<String> fixtureClassNames() throws IOException, URISyntaxException {
        Path root = Path.of(EmittedClassesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path fixtures = root.resolve(TransformingClassLoader.FIXTURES.replace('.', '/'));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(fixtures)) {
            files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(f -> {
                String relative = root.relativize(f).toString().replace('\\', '/');
                names.add(relative.substring(0, relative.length() - ".class".length()));
            });
        }
        return names;
    }
}

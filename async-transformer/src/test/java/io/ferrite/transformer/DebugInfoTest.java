package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.testing.Driver;
import io.ferrite.testing.ManualFuture;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/** Stack traces and debuggers see the user's source: SourceFile, line numbers, variable names. */
class DebugInfoTest {

    private static final String BASICS = "io/ferrite/transformer/fixtures/Basics";
    private final TransformingClassLoader loader = new TransformingClassLoader();

    private MethodNode poll(String stateMachine) {
        ClassNode node = new ClassNode();
        new ClassReader(loader.bytes(stateMachine)).accept(node, 0);
        assertEquals("Basics.java", node.sourceFile);
        return node.methods.stream().filter(m -> m.name.equals("poll")).findFirst().orElseThrow();
    }

    @Test
    void poll_should_name_user_variables_in_shifted_slots() {
        MethodNode poll = poll(BASICS + "$add$Async");
        Map<String, Integer> slots = new TreeMap<>();
        for (LocalVariableNode local : poll.localVariables) {
            slots.put(local.name, local.index);
        }
        // add(a, b) is static: a and b were slots 0 and 1, x and y 2 and 3; poll's 0 and 1 are the machine and cx.
        assertEquals(Map.of("a", 2, "b", 3, "x", 4, "y", 5), slots);
    }

    @Test
    void poll_should_have_exactly_the_line_numbers_of_the_original_method() throws IOException {
        ClassNode original = new ClassNode();
        try (var in = getClass().getClassLoader().getResourceAsStream(BASICS + ".class")) {
            new ClassReader(in.readAllBytes()).accept(original, 0);
        }
        for (String method : List.of("add", "sum", "recover", "lazy")) {
            MethodNode source = original.methods.stream().filter(m -> m.name.equals(method)).findFirst().orElseThrow();
            assertEquals(lines(source), lines(poll(BASICS + "$" + method + "$Async")), method);
        }
        assertTrue(lines(poll(BASICS + "$sum$Async")).contains(lineOf("sum += await(future);")));
    }

    private static TreeSet<Integer> lines(MethodNode method) {
        TreeSet<Integer> lines = new TreeSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode) {
                lines.add(((LineNumberNode) insn).line);
            }
        }
        return lines;
    }

    @Test
    void exception_after_resume_should_point_at_the_user_line() {
        ManualFuture<String> first = new ManualFuture<>();
        Driver<String> driver = Driver.of(loader.call("io.ferrite.transformer.fixtures.Exceptions", "throwChecked",
                first));
        driver.assertPending();
        first.complete("late");
        IOException e = assertThrows(IOException.class, driver::poll);
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("Exceptions.java", top.getFileName());
        assertTrue(top.getLineNumber() > 0);
        assertEquals("        throw new IOException(\"checked \" + value);", sourceLine("Exceptions", top.getLineNumber()));
    }

    private static int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/ferrite/transformer/fixtures/Basics.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    private static String sourceLine(String fixture, int line) {
        try {
            return Files.readAllLines(Path.of("src/test/java/io/ferrite/transformer/fixtures/" + fixture + ".java"))
                    .get(line - 1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

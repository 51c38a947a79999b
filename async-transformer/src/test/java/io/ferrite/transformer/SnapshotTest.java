package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * Textifier snapshots of what the transformer emits for the representative methods of the
 * {@code Planned} fixture, under {@code src/test/resources/snapshots/}. After an intended change
 * of the output, regenerate them with
 * {@code ./mvnw -pl async-transformer -am verify -Dtest=SnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dferrite.updateSnapshots=true} and review the diff.
 */
class SnapshotTest {

    private static final String PLANNED = "io/ferrite/transformer/fixtures/Planned";
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
    private static final boolean UPDATE = Boolean.getBoolean("ferrite.updateSnapshots");

    private final TransformResult result;

    SnapshotTest() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PLANNED + ".class")) {
            result = new AsyncTransformer(ClassHierarchy.ofClassLoader(getClass().getClassLoader()))
                    .transform(in.readAllBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "stack", "loop", "accessor"})
    void state_machine_should_match_its_snapshot(String method) throws IOException {
        byte[] generated = result.generatedClasses().get(PLANNED + "$" + method + "$Async");
        StringWriter text = new StringWriter();
        new ClassReader(generated).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
        check("Planned$" + method + "$Async.txt", text.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner"})
    void rewritten_owner_methods_should_match_their_snapshot(String name) throws IOException {
        ClassNode owner = new ClassNode();
        new ClassReader(result.classFile()).accept(owner, 0);
        Set<String> shown = Set.of("add", "stack", "loop", "accessor", "ferrite$super$toString");
        Textifier textifier = new Textifier();
        for (MethodNode method : owner.methods) {
            if (shown.contains(method.name)) {
                textifier.getText().add(method.name + method.desc + "\n");
                method.accept(new TraceMethodVisitor(textifier));
                textifier.getText().add("\n");
            }
        }
        StringWriter text = new StringWriter();
        textifier.print(new PrintWriter(text));
        check("Planned." + name + ".txt", text.toString());
    }

    private static void check(String file, String actual) throws IOException {
        Path snapshot = SNAPSHOTS.resolve(file);
        if (UPDATE) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(snapshot)) {
            fail("no snapshot " + snapshot + ": run with -Dferrite.updateSnapshots=true to create it");
        }
        assertEquals(Files.readString(snapshot, StandardCharsets.UTF_8), actual,
                "output differs from " + snapshot + "; if intended, regenerate with -Dferrite.updateSnapshots=true");
    }
}

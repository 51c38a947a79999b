package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/** The batch API that the plugin, the agent and the test loader share: files in, files to write out. */
class TransformBatchTest {

    private static final String HOST = "io/ferrite/transformer/fixtures/Nests";
    private static final String MEMBER = HOST + "$Member";
    private static final String MACHINE = MEMBER + "$reveal$Async";

    private final AsyncTransformer transformer = new AsyncTransformer(
            ClassHierarchy.ofClassLoader(getClass().getClassLoader()));

    @TempDir
    Path classes;

    @Test
    void finish_should_write_machines_then_owners_then_hosts_when_a_whole_nest_is_added() throws IOException {
        TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));

        assertEquals(TransformResult.Outcome.UNCHANGED, batch.add(HOST, classFile(HOST)).outcome());
        assertEquals(TransformResult.Outcome.TRANSFORMED, batch.add(MEMBER, classFile(MEMBER)).outcome());
        BatchResult result = batch.finish();

        assertFalse(result.hasErrors(), result.diagnostics()::toString);
        assertEquals(List.of(MACHINE, MEMBER, HOST), List.copyOf(result.classFilesToWrite().keySet()));
        assertEquals(Set.of(HOST), result.nestHostsUpdated());
        assertEquals(List.of(MEMBER, MACHINE), nestMembers(result.classFilesToWrite().get(HOST)));
    }

    @Test
    void finish_should_read_and_return_a_host_outside_the_batch_when_its_files_stay() throws IOException {
        write(HOST, classFile(HOST));
        TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));

        batch.add(MEMBER, classFile(MEMBER));
        BatchResult result = batch.finish();

        assertEquals(List.of(MACHINE, MEMBER, HOST), List.copyOf(result.classFilesToWrite().keySet()));
        assertEquals(Set.of(HOST), result.nestHostsUpdated());
        assertTrue(nestMembers(result.classFilesToWrite().get(HOST)).contains(MACHINE));
    }

    @Test
    void finish_should_leave_a_host_outside_the_batch_alone_when_classes_are_transformed_as_they_load() throws IOException {
        TransformBatch batch = transformer.batch(ClassFiles.ofClassLoader(getClass().getClassLoader()));

        batch.add(MEMBER, classFile(MEMBER));
        BatchResult result = batch.finish();

        assertEquals(List.of(MACHINE, MEMBER), List.copyOf(result.classFilesToWrite().keySet()));
        assertTrue(result.nestHostsUpdated().isEmpty());
    }

    @Test
    void finish_should_list_the_machines_a_member_will_have_when_a_host_loads_before_it() throws IOException {
        TransformBatch batch = transformer.batch(ClassFiles.ofClassLoader(getClass().getClassLoader()));

        batch.add(HOST, classFile(HOST));
        BatchResult result = batch.finish();

        assertEquals(List.of(HOST), List.copyOf(result.classFilesToWrite().keySet()));
        assertEquals(List.of(MEMBER, MACHINE), nestMembers(result.classFilesToWrite().get(HOST)));
    }

    @Test
    void finish_should_list_only_the_machines_members_already_have_when_a_host_is_added_alone_and_files_stay()
            throws IOException {
        write(MEMBER, classFile(MEMBER));
        TransformBatch untransformed = transformer.batch(ClassFiles.ofDirectory(classes));
        untransformed.add(HOST, classFile(HOST));
        assertTrue(untransformed.finish().classFilesToWrite().isEmpty(), "a member that stays as it is has no machine");

        write(MEMBER, transformer.transform(classFile(MEMBER)).classFile());
        TransformBatch transformed = transformer.batch(ClassFiles.ofDirectory(classes));
        transformed.add(HOST, classFile(HOST));
        BatchResult result = transformed.finish();

        assertEquals(List.of(MEMBER, MACHINE), nestMembers(result.classFilesToWrite().get(HOST)));
        assertEquals(Set.of(HOST), result.nestHostsUpdated());
    }

    @Test
    void finish_should_report_the_missing_host_and_write_nothing_when_no_host_is_found() throws IOException {
        TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));

        batch.add(MEMBER, classFile(MEMBER));
        BatchResult result = batch.finish();

        assertTrue(result.hasErrors());
        assertTrue(result.classFilesToWrite().isEmpty());
        Diagnostic error = result.diagnostics().get(0);
        assertEquals("nest-host-missing", error.code());
        assertEquals(HOST, error.className());
        assertTrue(error.message().startsWith("the nest host io.ferrite.transformer.fixtures.Nests of the state machines ["
                + MACHINE + "] is not in " + classes), error.message());
    }

    @Test
    void add_should_fail_the_class_with_a_diagnostic_when_the_bytes_are_not_a_class_file() {
        TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));

        TransformResult result = batch.add("demo/Broken",
                "Lio/ferrite/annotations/Async;".getBytes(StandardCharsets.UTF_8));

        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        assertEquals("invalid-class-file", result.diagnostics().get(0).code());
        assertTrue(result.diagnostics().get(0).message().startsWith("demo/Broken.class is not a valid class file (not a"
                + " class file (no 0xCAFEBABE header))"), result.diagnostics().get(0).message());
        BatchResult finished = batch.finish();
        assertTrue(finished.hasErrors());
        assertTrue(finished.classFilesToWrite().isEmpty());
    }

    @Test
    void batch_should_refuse_a_class_twice_and_a_second_finish() throws IOException {
        TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));
        batch.add(HOST, classFile(HOST));

        assertThrows(IllegalArgumentException.class, () -> batch.add(HOST, classFile(HOST)));
        batch.finish();
        assertThrows(IllegalStateException.class, batch::finish);
        assertThrows(IllegalStateException.class, () -> batch.add(MEMBER, classFile(MEMBER)));
    }

    @Test
    void written_nest_should_let_the_state_machine_call_a_private_method_of_the_host() {
        TransformingClassLoader loader = new TransformingClassLoader();

        Future<?> future = (Future<?>) loader.call(MEMBER.replace('/', '.'), "reveal", Future.ready("member knows "));

        assertEquals("member knows the host's secret", Driver.of(future).assertReady());
        assertTrue(nestMembers(loader.bytes(HOST)).contains(MACHINE));
    }

    private void write(String internalName, byte[] bytes) throws IOException {
        Path file = classes.resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static List<String> nestMembers(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_CODE);
        return node.nestMembers;
    }

    private byte[] classFile(String internalName) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}

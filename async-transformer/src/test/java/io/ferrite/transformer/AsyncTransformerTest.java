package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

class AsyncTransformerTest {

    private static final String FIXTURES = "io/ferrite/transformer/fixtures/";
    private final AsyncTransformer transformer = new AsyncTransformer(
            ClassHierarchy.ofClassLoader(getClass().getClassLoader()));

    @Test
    void transform_should_return_class_without_async_code_byte_for_byte() throws IOException {
        for (String name : List.of("io/ferrite/transformer/testing/Driver", FIXTURES + "NoAsync",
                FIXTURES + "Constructors$Pair")) {
            byte[] original = classFile(name);
            TransformResult result = transformer.transform(original);
            assertEquals(TransformResult.Outcome.UNCHANGED, result.outcome(), name);
            assertSame(original, result.classFile(), name);
            assertTrue(result.generatedClasses().isEmpty());
            assertTrue(result.diagnostics().isEmpty());
            assertEquals(0, result.transformedMethods());
        }
        assertFalse(AsyncTransformer.mightNeedTransformation(classFile("io/ferrite/transformer/testing/Driver")));
        assertTrue(AsyncTransformer.mightNeedTransformation(classFile(FIXTURES + "NoAsync")));
    }

    @Test
    void transform_should_recognise_its_own_output_and_leave_it_alone() throws IOException {
        TransformResult first = transformer.transform(classFile(FIXTURES + "Basics"));
        assertEquals(TransformResult.Outcome.TRANSFORMED, first.outcome());
        TransformResult second = transformer.transform(first.classFile());
        assertEquals(TransformResult.Outcome.ALREADY_TRANSFORMED, second.outcome());
        assertSame(first.classFile(), second.classFile());
        assertTrue(second.generatedClasses().isEmpty());
        for (byte[] generated : first.generatedClasses().values()) {
            TransformResult again = transformer.transform(generated);
            assertFalse(again.outcome() == TransformResult.Outcome.TRANSFORMED);
            assertSame(generated, again.classFile());
        }
    }

    @Test
    void transform_should_be_deterministic() throws IOException {
        TransformResult first = transformer.transform(classFile(FIXTURES + "Classes"));
        TransformResult second = transformer.transform(classFile(FIXTURES + "Classes"));
        assertArrayEquals(first.classFile(), second.classFile());
        assertEquals(first.generatedClasses().keySet(), second.generatedClasses().keySet());
        first.generatedClasses().forEach((name, bytes) -> assertArrayEquals(bytes, second.generatedClasses().get(name)));
    }

    @Test
    void transform_should_keep_async_annotation_and_only_construct_the_state_machine() throws IOException {
        TransformResult result = transformer.transform(classFile(FIXTURES + "Basics"));
        assertEquals(4, result.transformedMethods());
        ClassNode owner = node(result.classFile());
        assertTrue(owner.invisibleAnnotations.stream().anyMatch(a -> a.desc.equals("Lio/ferrite/internal/Transformed;")));
        MethodNode add = owner.methods.stream().filter(m -> m.name.equals("add")).findFirst().orElseThrow();
        assertTrue(add.invisibleAnnotations.stream().anyMatch(a -> a.desc.equals("Lio/ferrite/annotations/Async;")));
        for (MethodNode method : owner.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode) {
                    assertFalse(((MethodInsnNode) insn).owner.equals("io/ferrite/Await"), method.name);
                }
            }
        }
        List<String> opcodes = add.instructions.size() > 0 ? opcodes(add) : List.of();
        assertEquals(List.of("NEW", "DUP", "ALOAD", "ALOAD", "INVOKESPECIAL", "ARETURN"), opcodes);
        assertEquals(List.of(FIXTURES + "Basics$add$Async", FIXTURES + "Basics$sum$Async",
                FIXTURES + "Basics$recover$Async", FIXTURES + "Basics$lazy$Async"), owner.nestMembers);
        assertTrue(result.nestMembersToAdd().isEmpty(), "the owner is its own nest host");
    }

    @Test
    void transform_should_report_nest_members_for_the_host_of_a_nested_owner() throws IOException {
        TransformResult result = transformer.transform(classFile(FIXTURES + "Classes$Inner"));
        assertEquals(Map.of(FIXTURES + "Classes", List.of(FIXTURES + "Classes$Inner$run$Async")),
                result.nestMembersToAdd());
        byte[] generated = result.generatedClasses().get(FIXTURES + "Classes$Inner$run$Async");
        assertEquals(FIXTURES + "Classes", TransformingClassLoader.nestHostOf(generated));
        assertEquals(null, node(result.classFile()).nestMembers, "a nest member lists no members");

        byte[] host = classFile(FIXTURES + "Classes");
        List<String> members = result.nestMembersToAdd().get(FIXTURES + "Classes");
        byte[] updated = AsyncTransformer.addNestMembers(host, members);
        List<String> nest = node(updated).nestMembers;
        assertTrue(nest.containsAll(node(host).nestMembers));
        assertTrue(nest.contains(FIXTURES + "Classes$Inner$run$Async"));
        assertEquals(node(host).nestMembers.size() + 1, nest.size());
        assertSame(updated, AsyncTransformer.addNestMembers(updated, members), "idempotent");
        assertThrows(IllegalArgumentException.class,
                () -> AsyncTransformer.addNestMembers(classFile(FIXTURES + "Classes$Inner"), members));
    }

    @Test
    void already_transformed_nest_member_should_still_report_its_state_machines_to_the_host() throws IOException {
        TransformResult first = transformer.transform(classFile(FIXTURES + "Classes$Inner"));
        TransformResult second = transformer.transform(first.classFile());
        assertEquals(TransformResult.Outcome.ALREADY_TRANSFORMED, second.outcome());
        assertSame(first.classFile(), second.classFile());
        assertEquals(first.nestMembersToAdd(), second.nestMembersToAdd());
        // A host compiled again (without the generated members) gets them back.
        byte[] freshHost = classFile(FIXTURES + "Classes");
        byte[] fixed = AsyncTransformer.addNestMembers(freshHost, second.nestMembersToAdd().get(FIXTURES + "Classes"));
        assertTrue(node(fixed).nestMembers.contains(FIXTURES + "Classes$Inner$run$Async"));
    }

    @Test
    void transform_should_read_and_write_every_class_file_version_from_11_to_the_newest() throws IOException {
        byte[] original = classFile(FIXTURES + "Basics");
        for (int version = Opcodes.V11; version <= latestVersion(); version++) {
            TransformResult result = transformer.transform(withVersion(original, version));
            assertEquals(TransformResult.Outcome.TRANSFORMED, result.outcome(), "version " + version);
            for (byte[] bytes : List.of(result.classFile(), result.generatedClasses().values().iterator().next())) {
                assertEquals(version, new ClassReader(bytes).readUnsignedShort(6));
                new ClassReader(bytes).accept(new CheckClassAdapter(new ClassNode(), true), 0);
            }
        }
    }

    @Test
    void transform_should_reject_class_files_older_than_nestmates() throws IOException {
        TransformResult result = transformer.transform(withVersion(classFile(FIXTURES + "Basics"), Opcodes.V1_8));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        assertEquals("class-version", result.diagnostics().get(0).code());
        assertTrue(result.diagnostics().get(0).message().contains("--release 11"));
    }

    @Test
    void transform_should_pass_through_class_files_newer_than_asm_when_they_have_no_async_code() throws IOException {
        byte[] future = patchedVersion(classFile("io/ferrite/transformer/testing/Driver"), latestVersion() + 1);
        TransformResult result = transformer.transform(future);
        assertEquals(TransformResult.Outcome.UNCHANGED, result.outcome());
        assertEquals("io/ferrite/transformer/testing/Driver", result.className());
        assertSame(future, result.classFile());
    }

    @Test
    void transform_should_reject_class_files_newer_than_asm_when_they_need_transforming() throws IOException {
        TransformResult result = transformer.transform(patchedVersion(classFile(FIXTURES + "Basics"), latestVersion() + 1));
        assertEquals(TransformResult.Outcome.FAILED, result.outcome());
        assertEquals(FIXTURES + "Basics", result.className());
        assertEquals("class-version", result.diagnostics().get(0).code());
        assertTrue(result.diagnostics().get(0).message().contains("newer than this Ferrite can read"));
    }

    /** Only the version bytes change, as a newer javac's output would look to an older ASM. */
    private static byte[] patchedVersion(byte[] classFile, int version) {
        byte[] copy = classFile.clone();
        copy[6] = (byte) (version >> 8);
        copy[7] = (byte) version;
        return copy;
    }

    /** The newest class file version the bundled ASM can read, e.g. 72 for Java 28. */
    private static int latestVersion() {
        int latest = Opcodes.V17;
        for (java.lang.reflect.Field field : Opcodes.class.getFields()) {
            if (field.getName().matches("V\\d+")) {
                try {
                    latest = Math.max(latest, field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return latest;
    }

    private static byte[] withVersion(byte[] classFile, int version) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int v, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(version, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static List<String> opcodes(MethodNode method) {
        List<String> names = new java.util.ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                names.add(org.objectweb.asm.util.Printer.OPCODES[insn.getOpcode()]);
            }
        }
        return names;
    }

    private static ClassNode node(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    private byte[] classFile(String internalName) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}

package io.ferrite.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class ClassHierarchyTest {

    @Test
    void commonSuperClass_should_find_nearest_shared_class_when_both_are_jdk_classes() {
        try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(List.of())) {
            assertEquals("java/lang/Number", types.commonSuperClass("java/lang/Integer", "java/lang/Long"));
            assertEquals("java/util/AbstractList", types.commonSuperClass("java/util/ArrayList", "java/util/Vector"));
        }
    }

    @Test
    void commonSuperClass_should_be_object_when_an_interface_is_not_implemented_by_the_other() {
        try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(List.of())) {
            assertEquals("java/lang/Object", types.commonSuperClass("java/lang/Runnable", "java/lang/String"));
            assertEquals("java/lang/CharSequence", types.commonSuperClass("java/lang/CharSequence", "java/lang/String"));
        }
    }

    @Test
    void find_should_read_project_classes_from_directory_before_the_jdk(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("acme"));
        Files.write(dir.resolve("acme/Base.class"), classFile("acme/Base", "java/lang/Object"));
        Files.write(dir.resolve("acme/Left.class"), classFile("acme/Left", "acme/Base"));
        Files.write(dir.resolve("acme/Right.class"), classFile("acme/Right", "acme/Base"));
        try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(List.of(dir))) {
            ClassInfo left = types.find("acme/Left");
            assertEquals("acme/Base", left.superName());
            assertFalse(left.isInterface());
            assertEquals("acme/Base", types.commonSuperClass("acme/Left", "acme/Right"));
            assertTrue(types.isAssignable("acme/Base", "acme/Right"));
            assertNull(types.find("acme/Missing"));
        }
    }

    @Test
    void commonSuperClass_should_name_missing_class_when_class_path_is_incomplete(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("acme"));
        Files.write(dir.resolve("acme/Child.class"), classFile("acme/Child", "lib/Parent"));
        try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(List.of(dir))) {
            ClassHierarchy.TypeNotFoundException e = assertThrows(ClassHierarchy.TypeNotFoundException.class,
                    () -> types.commonSuperClass("acme/Child", "java/lang/String"));
            assertEquals("lib/Parent", e.missing());
            assertTrue(e.getMessage().contains("lib.Parent is not on the class path"), e.getMessage());
        }
    }

    @Test
    void ofClassLoader_should_read_classes_without_loading_them() {
        ClassHierarchy types = ClassHierarchy.ofClassLoader(getClass().getClassLoader());
        assertEquals("java/lang/Record", types.find("io/ferrite/transformer/ClassInfo").superName());
    }

    private static byte[] classFile(String name, String superName) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, superName, null);
        writer.visitEnd();
        return writer.toByteArray();
    }
}

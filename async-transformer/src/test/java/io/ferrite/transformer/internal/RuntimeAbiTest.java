package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.internal.AsyncStateMachine;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

/** The frozen binary interface: every member generated code names exists, as generated code uses it. */
class RuntimeAbiTest {

    @Test
    void every_member_should_exist_in_the_runtime_with_the_listed_shape() throws Exception {
        for (RuntimeAbi.Member member : RuntimeAbi.ALL) {
            Class<?> owner = Class.forName(member.owner().replace('/', '.'));
            switch (member.kind()) {
                case TYPE -> assertEquals(member.descriptor(), Type.getDescriptor(owner), member.toString());
                case ANNOTATION -> {
                    assertTrue(owner.isAnnotation(), member.toString());
                    assertEquals(RetentionPolicy.CLASS, owner.getAnnotation(Retention.class).value(), member.toString());
                }
                case ANNOTATION_ELEMENT -> {
                    Method element = owner.getDeclaredMethod(member.name());
                    assertTrue(owner.isAnnotation(), member.toString());
                    assertEquals(member.descriptor(), Type.getMethodDescriptor(element), member.toString());
                    assertTrue(element.getDefaultValue() != null, member + " needs a default: older owners lack it");
                }
                case INSTANCE_FIELD -> {
                    Field field = owner.getDeclaredField(member.name());
                    assertEquals(member.descriptor(), Type.getDescriptor(field.getType()), member.toString());
                    assertFalse(Modifier.isStatic(field.getModifiers()), member.toString());
                    assertAccessibleToSubclasses(field.getModifiers(), member);
                }
                case INSTANCE_METHOD, INTERFACE_METHOD, STATIC_METHOD -> {
                    Executable executable = find(owner, member);
                    assertEquals(member.kind() == RuntimeAbi.Kind.STATIC_METHOD,
                            Modifier.isStatic(executable.getModifiers()), member.toString());
                    assertEquals(member.kind() == RuntimeAbi.Kind.INTERFACE_METHOD, owner.isInterface(), member.toString());
                    assertAccessibleToSubclasses(executable.getModifiers(), member);
                }
                default -> throw new AssertionError(member);
            }
        }
    }

    @Test
    void state_constants_should_match_the_runtime() {
        assertEquals(AsyncStateMachine.START, RuntimeAbi.STATE_START);
        assertEquals(AsyncStateMachine.DONE, RuntimeAbi.STATE_DONE);
    }

    @Test
    void isFerriteClass_should_cover_every_package_of_the_runtime_and_no_user_package_below_io_ferrite()
            throws Exception {
        Set<String> packages = new TreeSet<>();
        Path runtime = Path.of(Future.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (FileSystem jar = Files.isDirectory(runtime) ? null : FileSystems.newFileSystem(runtime);
                Stream<Path> files = Files.walk(jar == null ? runtime : jar.getPath("/"))) {
            Path root = jar == null ? runtime : jar.getPath("/");
            files.map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith("io/ferrite/") && name.endsWith(".class"))
                    .forEach(name -> packages.add(name.substring(0, name.lastIndexOf('/') + 1)));
        }
        assertTrue(packages.size() > 5, packages::toString);
        for (String runtimePackage : packages) {
            assertTrue(RuntimeAbi.isFerriteClass(runtimePackage + "Any"), runtimePackage + " is not in OWN_PACKAGES");
        }
        assertTrue(RuntimeAbi.isFerriteClass("io/ferrite/transformer/shaded/asm/ClassReader"));
        assertFalse(RuntimeAbi.isFerriteClass("io/ferrite/sample/Main"));
        assertFalse(RuntimeAbi.isFerriteClass("com/acme/Orders"));
    }

    private static Executable find(Class<?> owner, RuntimeAbi.Member member) {
        if (member.name().equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (Type.getConstructorDescriptor(constructor).equals(member.descriptor())) {
                    return constructor;
                }
            }
        }
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(member.name()) && Type.getMethodDescriptor(method).equals(member.descriptor())) {
                return method;
            }
        }
        throw new AssertionError("no " + member + " in " + owner);
    }

    /** Generated classes are subclasses in another package: public or protected, never private. */
    private static void assertAccessibleToSubclasses(int modifiers, RuntimeAbi.Member member) {
        assertTrue(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers), member + " is not accessible");
    }
}

package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Reads and extends the NestMembers attribute of a nest host (JVMS 4.7.29): how generated state
 * machines join the nest of an owner that is not its own host (an inner, local or anonymous
 * class), and how a host learns which members it has.
 */
public final class NestMemberAdder {

    private NestMemberAdder() {
    }

    /**
     * Returns the classes a nest host lists in its NestMembers attribute.
     *
     * @param classFile a class file
     * @return its members in the order listed; none for a class that is not a host
     */
    public static List<String> members(byte[] classFile) {
        return new ArrayList<>(read(new ClassReader(classFile)).members);
    }

    /**
     * Adds classes to the NestMembers attribute of a nest host.
     *
     * @param hostClassFile the host's class file
     * @param members       internal names to add; those already listed are skipped
     * @return the updated class file, or the same array when nothing was missing
     * @throws IllegalArgumentException if the class is itself a member of another nest
     */
    public static byte[] add(byte[] hostClassFile, List<String> members) {
        ClassReader reader = new ClassReader(hostClassFile);
        Nest nest = read(reader);
        if (nest.host != null) {
            throw new IllegalArgumentException(reader.getClassName() + " is not a nest host: its nest host is "
                    + nest.host + ", add the members there");
        }
        List<String> missing = new ArrayList<>();
        for (String member : members) {
            if (nest.members.add(member)) {
                missing.add(member);
            }
        }
        if (missing.isEmpty()) {
            return hostClassFile;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                for (String member : missing) {
                    super.visitNestMember(member);
                }
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The NestHost and NestMembers attributes of a class. */
    private static final class Nest {
        String host;
        final Set<String> members = new LinkedHashSet<>();
    }

    private static Nest read(ClassReader reader) {
        Nest nest = new Nest();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String nestHost) {
                nest.host = nestHost;
            }

            @Override
            public void visitNestMember(String nestMember) {
                nest.members.add(nestMember);
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return nest;
    }
}

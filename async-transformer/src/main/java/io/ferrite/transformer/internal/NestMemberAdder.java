package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Adds generated state machines to the NestMembers attribute of a nest host that is not the
 * class being transformed (JVMS 4.7.29): the host of an inner, local or anonymous owner.
 */
public final class NestMemberAdder {

    private NestMemberAdder() {
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
        Set<String> present = new HashSet<>();
        String[] host = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String nestHost) {
                host[0] = nestHost;
            }

            @Override
            public void visitNestMember(String nestMember) {
                present.add(nestMember);
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (host[0] != null) {
            throw new IllegalArgumentException(reader.getClassName() + " is not a nest host: its nest host is "
                    + host[0] + ", add the members there");
        }
        List<String> missing = new ArrayList<>();
        for (String member : members) {
            if (present.add(member)) {
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
}

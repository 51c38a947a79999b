package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Methods the analysis tests build by hand, in the JaCoCo manner, and the marker they share: a
 * {@code NOP} before an instruction says "report the analysis here".
 */
final class HandBuiltMethods {

    static final String BUILDER = "java/lang/StringBuilder";

    private HandBuiltMethods() {
    }

    /**
     * {@code static Object m(boolean c) { return new StringBuilder(c ? "a" : "b"); }} as javac
     * compiles it: the branch between the {@code new} and its constructor puts the uninitialized
     * object in two stack map frames, and a {@code NOP} marks the constructor call.
     *
     * @return the method, with its frames and maxima
     */
    static MethodNode newWithABranchInItsArguments() {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m", "(Z)Ljava/lang/Object;", null, null);
        Label created = new Label();
        Label otherwise = new Label();
        Label join = new Label();
        m.visitLabel(created);
        m.visitTypeInsn(Opcodes.NEW, BUILDER);
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, otherwise);
        m.visitLdcInsn("a");
        m.visitJumpInsn(Opcodes.GOTO, join);
        m.visitLabel(otherwise);
        m.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 2, new Object[] {created, created});
        m.visitLdcInsn("b");
        m.visitLabel(join);
        m.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 3,
                new Object[] {created, created, "java/lang/String"});
        m.visitInsn(Opcodes.NOP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "(Ljava/lang/String;)V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(3, 1);
        return m;
    }

    /**
     * Returns where the {@code NOP} markers are.
     *
     * @param m a method
     * @return the indexes of its {@code NOP}s in the instruction list, in code order
     */
    static List<Integer> nops(MethodNode m) {
        List<Integer> nops = new ArrayList<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            if (m.instructions.get(i).getOpcode() == Opcodes.NOP) {
                nops.add(i);
            }
        }
        return nops;
    }
}

package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Small methods built by hand, with the stack map frames javac would write, and the types the
 * analysis reports before the instructions marked with a {@code NOP}.
 */
class FrameTypeAnalyzerTest {

    private static final String OWNER = "demo/Owner";
    private static final String BUILDER = HandBuiltMethods.BUILDER;

    @Test
    void analyze_should_take_the_frame_types_when_branches_join() throws Exception {
        MethodNode m = method(Opcodes.ACC_STATIC, "(Z)Ljava/lang/Object;");
        Label otherwise = new Label();
        Label join = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, otherwise);
        m.visitLdcInsn("s");
        m.visitVarInsn(Opcodes.ASTORE, 1);
        m.visitJumpInsn(Opcodes.GOTO, join);
        m.visitLabel(otherwise);
        m.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 0, new Object[0]);
        m.visitTypeInsn(Opcodes.NEW, BUILDER);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "()V", false);
        m.visitVarInsn(Opcodes.ASTORE, 1);
        m.visitLabel(join);
        m.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.INTEGER, "java/lang/CharSequence"}, 0, new Object[0]);
        m.visitInsn(Opcodes.NOP);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(2, 2);

        Frame<BasicValue> frame = frames(m).get(0);

        assertEquals(BasicValue.INT_VALUE, frame.getLocal(0));
        assertEquals(Type.getObjectType("java/lang/CharSequence"), frame.getLocal(1).getType(),
                "the frame's type where String and StringBuilder meet, not either of them");
        assertEquals(0, frame.getStackSize());
    }

    @Test
    void analyze_should_follow_each_instruction_between_frames_counting_a_long_as_one_value() throws Exception {
        MethodNode m = method(Opcodes.ACC_STATIC, "(J)V");
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitLdcInsn("s");
        m.visitVarInsn(Opcodes.ASTORE, 2);
        m.visitVarInsn(Opcodes.LLOAD, 0);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.POP2);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(3, 3);

        List<Frame<BasicValue>> frames = frames(m);

        Frame<BasicValue> entry = frames.get(0);
        assertEquals(BasicValue.LONG_VALUE, entry.getLocal(0));
        assertEquals(BasicValue.UNINITIALIZED_VALUE, entry.getLocal(1), "the second half of the long");
        assertEquals(BasicValue.UNINITIALIZED_VALUE, entry.getLocal(2), "not yet written");
        Frame<BasicValue> later = frames.get(1);
        assertEquals(Type.getObjectType("java/lang/String"), later.getLocal(2).getType());
        assertEquals(2, later.getStackSize());
        assertTrue(Types.isNull(later.getStack(0).getType()), "aconst_null has the null type");
        assertEquals(BasicValue.LONG_VALUE, later.getStack(1));
    }

    @Test
    void analyze_should_share_one_uninitialized_value_between_copies_and_pair_the_new_with_its_constructor()
            throws Exception {
        MethodNode m = method(Opcodes.ACC_STATIC, "()Ljava/lang/Object;");
        m.visitTypeInsn(Opcodes.NEW, BUILDER);
        m.visitInsn(Opcodes.DUP);
        m.visitLdcInsn("x");
        m.visitInsn(Opcodes.NOP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "(Ljava/lang/String;)V", false);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(3, 0);

        FrameTypeAnalyzer.Result result = FrameTypeAnalyzer.analyze(OWNER, m, FrameTypeAnalyzerTest::isNop);

        List<Frame<BasicValue>> frames = kept(m, result);
        Frame<BasicValue> before = frames.get(0);
        assertTrue(before.getStack(0) instanceof UninitializedValue, before::toString);
        assertSame(before.getStack(0), before.getStack(1), "dup copies the same uninitialized object");
        AbstractInsnNode created = m.instructions.getFirst();
        assertSame(created, ((UninitializedValue) before.getStack(0)).newInsn());
        assertEquals(List.of(m.instructions.get(4)), result.inits().get(created));
        Frame<BasicValue> after = frames.get(1);
        assertEquals(1, after.getStackSize());
        assertFalse(after.getStack(0) instanceof UninitializedValue, "the constructor initialised it");
        assertEquals(Type.getObjectType(BUILDER), after.getStack(0).getType());
    }

    @Test
    void analyze_should_read_an_uninitialized_frame_entry_as_the_new_it_designates() throws Exception {
        MethodNode m = HandBuiltMethods.newWithABranchInItsArguments();

        FrameTypeAnalyzer.Result result = FrameTypeAnalyzer.analyze(OWNER, m, FrameTypeAnalyzerTest::isNop);

        Frame<BasicValue> atJoin = kept(m, result).get(0);
        AbstractInsnNode newInsn = m.instructions.get(1);
        assertSame(newInsn, ((UninitializedValue) atJoin.getStack(0)).newInsn());
        assertSame(atJoin.getStack(0), atJoin.getStack(1));
        assertEquals(1, result.inits().get(newInsn).size());
    }

    @Test
    void analyze_should_keep_no_frame_for_unreachable_code() throws Exception {
        MethodNode m = method(Opcodes.ACC_STATIC, "()V");
        Label end = new Label();
        m.visitJumpInsn(Opcodes.GOTO, end);
        m.visitInsn(Opcodes.NOP);
        m.visitLabel(end);
        m.visitFrame(Opcodes.F_NEW, 0, new Object[0], 0, new Object[0]);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);

        FrameTypeAnalyzer.Result result = FrameTypeAnalyzer.analyze(OWNER, m, FrameTypeAnalyzerTest::isNop);

        assertNull(result.frames()[1], "after goto, before a frame");
        assertEquals(0, result.frames()[4].getStackSize());
    }

    private static MethodNode method(int access, String descriptor) {
        return new MethodNode(Opcodes.ASM9, access, "m", descriptor, null, null);
    }

    private static boolean isNop(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.NOP;
    }

    /** The frames before the NOPs, in code order; every one must be reachable. */
    private static List<Frame<BasicValue>> frames(MethodNode m) throws Exception {
        return kept(m, FrameTypeAnalyzer.analyze(OWNER, m, FrameTypeAnalyzerTest::isNop));
    }

    private static List<Frame<BasicValue>> kept(MethodNode m, FrameTypeAnalyzer.Result result) {
        List<Frame<BasicValue>> frames = new ArrayList<>();
        for (int nop : HandBuiltMethods.nops(m)) {
            assertTrue(result.frames()[nop] != null, "no frame at NOP " + nop);
            frames.add(result.frames()[nop]);
        }
        return frames;
    }
}

package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Small methods built by hand, and the slots the analysis says are live before each instruction,
 * written as one string per instruction: {@code "1 2"} means slots 1 and 2 are live there.
 */
class LivenessAnalyzerTest {

    @Test
    void analyze_should_keep_a_slot_live_from_its_store_to_its_last_read() {
        MethodNode m = method();
        m.visitInsn(Opcodes.ICONST_1);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitVarInsn(Opcodes.ISTORE, 2);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitInsn(Opcodes.IRETURN);

        assertEquals(List.of("", "", "1", "", "2", ""), liveSlots(m, 3));
    }

    @Test
    void analyze_should_keep_a_slot_live_around_a_loop_that_reads_it_after() {
        MethodNode m = method();
        Label loop = new Label();
        Label exit = new Label();
        m.visitInsn(Opcodes.ICONST_5);
        m.visitVarInsn(Opcodes.ISTORE, 2);
        m.visitLabel(loop);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, exit);
        m.visitIincInsn(0, -1);
        m.visitJumpInsn(Opcodes.GOTO, loop);
        m.visitLabel(exit);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitInsn(Opcodes.IRETURN);

        // slot 0 (the counter) is read by the test and by iinc, slot 2 only after the loop.
        assertEquals(List.of("0", "0", "0 2", "0 2", "0 2", "0 2", "0 2", "2", "2", ""), liveSlots(m, 3));
    }

    @Test
    void analyze_should_keep_a_slot_live_in_a_try_block_when_only_its_handler_reads_it() {
        MethodNode m = method();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        m.visitTryCatchBlock(start, end, handler, null);
        m.visitInsn(Opcodes.ICONST_1);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitLabel(start);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "demo/Owner", "mayThrow", "()V", false);
        m.visitLabel(end);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(handler);
        m.visitInsn(Opcodes.POP);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);

        // The call may throw into the handler, which reads slot 1: live before the call, dead after.
        assertEquals(List.of("", "", "1", "1", "", "", "", "1", "1", "1", ""), liveSlots(m, 3));
    }

    @Test
    void analyze_should_not_keep_a_slot_live_across_a_store_that_overwrites_it() {
        MethodNode m = method();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitInsn(Opcodes.ICONST_2);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);

        // The first value stored in slot 1 is never read: slot 1 is dead until the second store.
        assertEquals(List.of("0", "", "", "", "1", ""), liveSlots(m, 2));
    }

    private static MethodNode method() {
        return new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m", "(I)I", null, null);
    }

    private static List<String> liveSlots(MethodNode m, int slots) {
        Liveness liveness = LivenessAnalyzer.analyze(m, ControlFlow.of(m));
        List<String> live = new ArrayList<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            List<String> at = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++) {
                if (liveness.isLive(i, slot)) {
                    at.add(String.valueOf(slot));
                }
            }
            live.add(String.join(" ", at));
        }
        return live;
    }
}

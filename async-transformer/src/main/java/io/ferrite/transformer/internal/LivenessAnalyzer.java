package io.ferrite.transformer.internal;

import java.util.BitSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Backward liveness of local variables over a method's control flow, exception edges included:
 * a handler's live slots are live at every instruction its range covers, since any of them may
 * throw (JVMS 2.10). It decides what a suspension point must save.
 */
final class LivenessAnalyzer {

    private LivenessAnalyzer() {
    }

    /**
     * Analyses a method.
     *
     * @param method the method
     * @param flow   its control flow
     * @return the live slots before each node
     */
    static Liveness analyze(MethodNode method, ControlFlow flow) {
        InsnList insns = method.instructions;
        int size = insns.size();
        AbstractInsnNode[] nodes = insns.toArray();
        BitSet[] liveIn = new BitSet[size];
        for (int i = 0; i < size; i++) {
            liveIn[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = size - 1; i >= 0; i--) {
                BitSet live = new BitSet();
                for (int successor : flow.normal(i)) {
                    live.or(liveIn[successor]);
                }
                AbstractInsnNode insn = nodes[i];
                int opcode = insn.getOpcode();
                if (insn instanceof VarInsnNode) {
                    int slot = ((VarInsnNode) insn).var;
                    if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                        live.clear(slot);
                    } else {
                        live.set(slot);
                    }
                } else if (insn instanceof IincInsnNode) {
                    live.set(((IincInsnNode) insn).var);
                }
                for (int handler : flow.exceptional(i)) {
                    live.or(liveIn[handler]);
                }
                if (!live.equals(liveIn[i])) {
                    liveIn[i] = live;
                    changed = true;
                }
            }
        }
        return new Liveness(liveIn);
    }
}

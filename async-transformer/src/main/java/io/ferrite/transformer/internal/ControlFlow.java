package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The successors of every node of a method's instruction list, normal and exceptional: the
 * graph {@link LivenessAnalyzer} and the monitor check walk. Labels, line numbers and frames
 * are nodes too, each followed by the next node, so every index has a value.
 */
final class ControlFlow {

    private final int[][] normal;
    private final int[][] exceptional;

    private ControlFlow(int[][] normal, int[][] exceptional) {
        this.normal = normal;
        this.exceptional = exceptional;
    }

    /**
     * Builds the graph of a method.
     *
     * @param method the method
     * @return its control flow
     */
    static ControlFlow of(MethodNode method) {
        InsnList insns = method.instructions;
        int size = insns.size();
        int[][] normal = new int[size][];
        int[][] exceptional = new int[size][];
        List<List<Integer>> handlers = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            handlers.add(null);
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            int start = insns.indexOf(block.start);
            int end = insns.indexOf(block.end);
            int handler = insns.indexOf(block.handler);
            for (int i = start; i < end; i++) {
                if (insns.get(i).getOpcode() >= 0) {
                    if (handlers.get(i) == null) {
                        handlers.set(i, new ArrayList<>(2));
                    }
                    handlers.get(i).add(handler);
                }
            }
        }
        int i = 0;
        for (AbstractInsnNode insn : insns) {
            normal[i] = successors(insns, insn, i, size);
            List<Integer> h = handlers.get(i);
            exceptional[i] = h == null ? new int[0] : h.stream().mapToInt(Integer::intValue).toArray();
            i++;
        }
        return new ControlFlow(normal, exceptional);
    }

    private static int[] successors(InsnList insns, AbstractInsnNode insn, int index, int size) {
        int opcode = insn.getOpcode();
        if (insn instanceof JumpInsnNode) {
            int target = insns.indexOf(((JumpInsnNode) insn).label);
            return opcode == Opcodes.GOTO ? new int[] {target} : new int[] {index + 1, target};
        }
        if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode table = (TableSwitchInsnNode) insn;
            return targets(insns, table.dflt, table.labels);
        }
        if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode lookup = (LookupSwitchInsnNode) insn;
            return targets(insns, lookup.dflt, lookup.labels);
        }
        if (opcode >= 0 && FrameTypeAnalyzer.endsBlock(opcode)) {
            return new int[0];
        }
        return index + 1 < size ? new int[] {index + 1} : new int[0];
    }

    private static int[] targets(InsnList insns, LabelNode dflt, List<LabelNode> labels) {
        int[] targets = new int[labels.size() + 1];
        targets[0] = insns.indexOf(dflt);
        for (int i = 0; i < labels.size(); i++) {
            targets[i + 1] = insns.indexOf(labels.get(i));
        }
        return targets;
    }

    /** Where control goes after node {@code i} completes normally. */
    int[] normal(int i) {
        return normal[i];
    }

    /** The handlers that catch exceptions thrown by node {@code i} (JVMS 2.10). */
    int[] exceptional(int i) {
        return exceptional[i];
    }
}

package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Finds the futures a method creates and then never polls, for the {@code future-never-polled}
 * warning: calls whose declared return type is exactly {@code io.ferrite.Future} and whose result
 * is dropped at once ({@code pop}: a call used as a statement) or stored in a local variable that
 * no path reads afterwards (by {@link LivenessAnalyzer}).
 *
 * <p>Only the declared type {@code io.ferrite.Future} counts, so calls returning a subtype are
 * left alone: a {@code JoinHandle} ({@code Task.spawn(...)}) belongs to a task that runs whether
 * or not it is awaited, and other subtypes may be eager too. Every runtime method declared to
 * return {@code Future} is lazy, as are {@code @Async} methods. A value passed on, returned,
 * stored in a field or in a local that is read later is assumed to be polled by whoever gets it.
 */
final class DiscardedFutureFinder {

    /**
     * A future created and never polled.
     *
     * @param call   the call that returned it
     * @param stored true when it was stored in a local variable that is never read, false when it
     *               was dropped at once
     * @param local  the name of that variable, or null (dropped, or no name in the class file)
     */
    record Discarded(MethodInsnNode call, boolean stored, String local) {
    }

    private DiscardedFutureFinder() {
    }

    /**
     * Finds the discarded futures of one method.
     *
     * @param method the method (not modified)
     * @return the discarded futures, in code order
     */
    static List<Discarded> find(MethodNode method) {
        List<Discarded> found = new ArrayList<>();
        InsnList insns = method.instructions;
        Liveness liveness = null;
        for (AbstractInsnNode insn : insns) {
            if (!(insn instanceof MethodInsnNode) || !returnsFuture((MethodInsnNode) insn)) {
                continue;
            }
            AbstractInsnNode next = nextInstruction(insn);
            if (next == null) {
                continue;
            }
            if (next.getOpcode() == Opcodes.POP) {
                found.add(new Discarded((MethodInsnNode) insn, false, null));
            } else if (next.getOpcode() == Opcodes.ASTORE) {
                if (liveness == null) {
                    liveness = LivenessAnalyzer.analyze(method, ControlFlow.of(method));
                }
                int store = insns.indexOf(next);
                int slot = ((VarInsnNode) next).var;
                // An astore falls through to the next node: what is live there is live after it.
                if (store + 1 < insns.size() && !liveness.isLive(store + 1, slot)) {
                    found.add(new Discarded((MethodInsnNode) insn, true, localName(method, store, slot)));
                }
            }
        }
        return found;
    }

    private static boolean returnsFuture(MethodInsnNode call) {
        return !call.name.equals("<init>") && Type.getReturnType(call.desc).getDescriptor().equals(RuntimeAbi.FUTURE_DESC);
    }

    private static AbstractInsnNode nextInstruction(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    /**
     * The variable of that slot whose scope starts right after the store (javac starts a
     * variable's scope after its initialisation), or null.
     */
    private static String localName(MethodNode method, int store, int slot) {
        if (method.localVariables == null) {
            return null;
        }
        InsnList insns = method.instructions;
        for (LocalVariableNode local : method.localVariables) {
            int start = insns.indexOf(local.start);
            if (local.index != slot || start <= store) {
                continue;
            }
            boolean adjacent = true;
            for (int i = store + 1; i < start && adjacent; i++) {
                adjacent = insns.get(i).getOpcode() < 0;
            }
            if (adjacent) {
                return local.name;
            }
        }
        return null;
    }
}

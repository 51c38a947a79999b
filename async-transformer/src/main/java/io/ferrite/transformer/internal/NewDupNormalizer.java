package io.ferrite.transformer.internal;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves the {@code new} of {@code new X(..., await(f), ...)} after the arguments, because an
 * uninitialized object cannot be saved across a suspension: the verifier forbids storing it in a
 * field (JVMS 4.10.1.9, {@code putfield}) and the state machine returns between the {@code new}
 * and the constructor call.
 *
 * <pre>
 *   new X; dup; &lt;args&gt;; invokespecial X.&lt;init&gt;
 * becomes
 *   &lt;args&gt;; store args to fresh locals; new X; dup; load args; invokespecial X.&lt;init&gt;
 * </pre>
 * As with Kotlin's coroutines, class X is then initialised after the arguments are evaluated
 * rather than before (JLS 12.4.1 only orders it before the constructor runs in the source's
 * order). Stack map frames between the two points lose the uninitialized entries.
 */
final class NewDupNormalizer {

    private NewDupNormalizer() {
    }

    /**
     * Rewrites the given allocations of a method in place.
     *
     * @param method  the method (a private copy)
     * @param news    the {@code new} instructions whose object lives across an await
     * @param inits   the constructor calls of each {@code new}, from {@link FrameTypeAnalyzer}
     */
    static void normalize(MethodNode method, Collection<TypeInsnNode> news, Map<TypeInsnNode, List<MethodInsnNode>> inits) {
        InsnList insns = method.instructions;
        Map<LabelNode, Boolean> removedLabels = new IdentityHashMap<>();
        for (TypeInsnNode newInsn : news) {
            AbstractInsnNode dup = nextReal(newInsn);
            if (dup == null || dup.getOpcode() != Opcodes.DUP) {
                throw new IllegalStateException("'new " + newInsn.desc + "' is not followed by 'dup', a shape javac"
                        + " never emits; cannot move it past an await");
            }
            List<MethodInsnNode> calls = inits.get(newInsn);
            if (calls == null || calls.isEmpty()) {
                throw new IllegalStateException("no constructor call found for 'new " + newInsn.desc + "'");
            }
            for (AbstractInsnNode node = newInsn.getPrevious(); node != null && node.getOpcode() < 0;
                    node = node.getPrevious()) {
                if (node instanceof LabelNode) {
                    removedLabels.put((LabelNode) node, Boolean.TRUE);
                }
            }
            insns.remove(dup);
            insns.remove(newInsn);
            for (MethodInsnNode init : calls) {
                Type[] arguments = Type.getArgumentTypes(init.desc);
                int[] slots = new int[arguments.length];
                for (int i = 0; i < arguments.length; i++) {
                    slots[i] = method.maxLocals;
                    method.maxLocals += arguments[i].getSize();
                }
                InsnList moved = new InsnList();
                // stack: [..., a0, ..., an]
                for (int i = arguments.length - 1; i >= 0; i--) {
                    moved.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ISTORE), slots[i]));
                }
                // stack: [...]
                moved.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
                moved.add(new InsnNode(Opcodes.DUP));
                for (int i = 0; i < arguments.length; i++) {
                    moved.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ILOAD), slots[i]));
                }
                // stack: [..., new X, new X, a0, ..., an]
                insns.insertBefore(init, moved);
            }
        }
        Set<LabelNode> labels = removedLabels.keySet();
        for (AbstractInsnNode node : insns) {
            if (node instanceof FrameNode) {
                FrameNode frame = (FrameNode) node;
                frame.stack.removeIf(labels::contains);
                frame.local.replaceAll(entry -> labels.contains(entry) ? Opcodes.TOP : entry);
            }
        }
    }

    private static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }
}

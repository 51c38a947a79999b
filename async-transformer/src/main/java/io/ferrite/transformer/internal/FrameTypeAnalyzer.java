package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Computes the types the JVM's verifier sees before chosen instructions, from the compiler's own
 * stack map frames and never by loading or looking up a class.
 *
 * <p>It works as the type-checking verifier does (JVMS 4.10.1): one pass in code order; at each
 * stack map frame the current types are replaced by the frame's; between frames each instruction
 * is interpreted by {@link TypeInterpreter}. A valid class file has a frame after every
 * unconditional jump and at every branch target, so no merge is ever needed. The method must be
 * read with {@code ClassReader.EXPAND_FRAMES}.
 */
final class FrameTypeAnalyzer {

    /**
     * What the analysis found.
     *
     * @param frames the types before each kept instruction (indexed like the instruction list),
     *               null elsewhere and for unreachable code
     * @param inits  for each {@code new} instruction, the constructor calls that initialise its object
     */
    record Result(Frame<BasicValue>[] frames, Map<TypeInsnNode, List<MethodInsnNode>> inits) {
    }

    private FrameTypeAnalyzer() {
    }

    /**
     * Analyses a method.
     *
     * @param owner  the internal name of the declaring class
     * @param method the method, with expanded frames
     * @param keep   the instructions whose frame to keep
     * @return the frames and constructor pairings
     * @throws AnalyzerException if the code is not valid as the verifier sees it
     */
    @SuppressWarnings("unchecked")
    static Result analyze(String owner, MethodNode method, Predicate<AbstractInsnNode> keep) throws AnalyzerException {
        TypeInterpreter interpreter = new TypeInterpreter();
        InsnList insns = method.instructions;
        Frame<BasicValue>[] frames = (Frame<BasicValue>[]) new Frame<?>[insns.size()];
        Map<TypeInsnNode, List<MethodInsnNode>> inits = new IdentityHashMap<>();
        int maxLocals = method.maxLocals;
        int maxStack = method.maxStack + 2;
        Frame<BasicValue> current = initialFrame(owner, method, interpreter, maxLocals, maxStack);
        int index = 0;
        for (AbstractInsnNode insn : insns) {
            int i = index++;
            if (insn instanceof FrameNode) {
                current = fromFrameNode((FrameNode) insn, interpreter, maxLocals, maxStack);
                continue;
            }
            if (insn.getOpcode() < 0 || current == null) {
                continue;  // a label or line number, or unreachable code
            }
            if (keep.test(insn)) {
                frames[i] = new Frame<>(current);
            }
            BasicValue receiver = null;
            if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals("<init>")) {
                int arguments = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
                receiver = current.getStack(current.getStackSize() - 1 - arguments);
            }
            try {
                current.execute(insn, interpreter);
            } catch (AnalyzerException | RuntimeException e) {
                throw new AnalyzerException(insn, "at instruction " + i + " of " + method.name + method.desc, e);
            }
            if (receiver instanceof UninitializedValue) {
                UninitializedValue created = (UninitializedValue) receiver;
                inits.computeIfAbsent(created.newInsn(), n -> new ArrayList<>()).add((MethodInsnNode) insn);
                replaceAll(current, created, interpreter.newValue(created.getType()));
            }
            if (endsBlock(insn.getOpcode())) {
                current = null;
            }
        }
        return new Result(frames, inits);
    }

    /** The implicit first frame of a method (JVMS 4.10.1.6): the receiver, then the parameters. */
    private static Frame<BasicValue> initialFrame(String owner, MethodNode method, TypeInterpreter interpreter,
            int maxLocals, int maxStack) {
        Frame<BasicValue> frame = new Frame<>(maxLocals, maxStack);
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            frame.setLocal(slot++, interpreter.newValue(Type.getObjectType(owner)));
        }
        for (Type argument : Type.getArgumentTypes(method.desc)) {
            frame.setLocal(slot++, interpreter.newValue(argument));
            if (argument.getSize() == 2) {
                frame.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
            }
        }
        while (slot < maxLocals) {
            frame.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
        }
        return frame;
    }

    private static Frame<BasicValue> fromFrameNode(FrameNode node, TypeInterpreter interpreter, int maxLocals,
            int maxStack) {
        if (node.type != Opcodes.F_NEW) {
            throw new IllegalArgumentException("frames must be expanded (ClassReader.EXPAND_FRAMES)");
        }
        Frame<BasicValue> frame = new Frame<>(maxLocals, maxStack);
        int slot = 0;
        for (Object entry : node.local) {
            BasicValue value = toValue(entry, interpreter);
            frame.setLocal(slot++, value);
            if (value.getSize() == 2) {
                frame.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
            }
        }
        while (slot < maxLocals) {
            frame.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
        }
        for (Object entry : node.stack) {
            frame.push(toValue(entry, interpreter));
        }
        return frame;
    }

    /** Converts a stack map frame entry (as in {@code MethodVisitor.visitFrame}) to a value. */
    private static BasicValue toValue(Object entry, TypeInterpreter interpreter) {
        if (entry instanceof String) {
            return interpreter.newValue(Type.getObjectType((String) entry));
        }
        if (entry instanceof LabelNode) {
            return interpreter.uninitialized(newAfter((LabelNode) entry));
        }
        if (entry == Opcodes.TOP) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        if (entry == Opcodes.INTEGER) {
            return BasicValue.INT_VALUE;
        }
        if (entry == Opcodes.FLOAT) {
            return BasicValue.FLOAT_VALUE;
        }
        if (entry == Opcodes.LONG) {
            return BasicValue.LONG_VALUE;
        }
        if (entry == Opcodes.DOUBLE) {
            return BasicValue.DOUBLE_VALUE;
        }
        if (entry == Opcodes.NULL) {
            return interpreter.newValue(TypeInterpreter.NULL_TYPE);
        }
        // UNINITIALIZED_THIS only occurs in constructors, which are never analysed.
        throw new IllegalArgumentException("unexpected stack map frame entry " + entry);
    }

    /** The {@code new} instruction an {@code uninitialized(label)} entry designates. */
    static TypeInsnNode newAfter(LabelNode label) {
        AbstractInsnNode insn = label;
        while (insn != null && insn.getOpcode() < 0) {
            insn = insn.getNext();
        }
        if (insn == null || insn.getOpcode() != Opcodes.NEW) {
            throw new IllegalArgumentException("an uninitialized frame entry does not designate a 'new' instruction");
        }
        return (TypeInsnNode) insn;
    }

    private static void replaceAll(Frame<BasicValue> frame, BasicValue from, BasicValue to) {
        for (int i = 0; i < frame.getLocals(); i++) {
            if (frame.getLocal(i) == from) {
                frame.setLocal(i, to);
            }
        }
        for (int i = 0; i < frame.getStackSize(); i++) {
            if (frame.getStack(i) == from) {
                frame.setStack(i, to);
            }
        }
    }

    /** Whether control never falls through to the next instruction. */
    static boolean endsBlock(int opcode) {
        switch (opcode) {
            case Opcodes.GOTO:
            case Opcodes.ATHROW:
            case Opcodes.TABLESWITCH:
            case Opcodes.LOOKUPSWITCH:
            case Opcodes.IRETURN:
            case Opcodes.LRETURN:
            case Opcodes.FRETURN:
            case Opcodes.DRETURN:
            case Opcodes.ARETURN:
            case Opcodes.RETURN:
                return true;
            default:
                return false;
        }
    }
}

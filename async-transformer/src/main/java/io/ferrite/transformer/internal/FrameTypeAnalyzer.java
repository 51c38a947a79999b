package io.ferrite.transformer.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
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
 * changes them by its own rule. A valid class file has a frame after every unconditional jump and
 * at every branch target, so no merge is ever needed. ASM's {@link AnalyzerAdapter} is exactly
 * that pass, and this class feeds it the method's instructions one by one, reading its
 * {@code locals} and {@code stack} before each instruction asked for. ASM's {@code Analyzer} is
 * the other kind, a fixed point that merges types where paths meet: it would need the class
 * hierarchy to merge, and the frames the compiler already computed would have to be forced onto
 * it. The method must be read with {@code ClassReader.EXPAND_FRAMES}, as the adapter requires.
 *
 * <p>What it adds to the adapter: the types as {@link BasicValue}s, an object whose constructor
 * has not run yet as one {@link UninitializedValue} per {@code new} instruction (shared by every
 * copy {@code dup} made), and the constructor calls that initialise each {@code new}.
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

    private final MethodNode method;
    private final AnalyzerAdapter adapter;
    /** The {@code new} instruction an uninitialized entry designates, by the entry's label. */
    private final Map<Label, TypeInsnNode> newByLabel = new IdentityHashMap<>();
    private final Map<TypeInsnNode, UninitializedValue> uninitialized = new IdentityHashMap<>();
    private final Map<TypeInsnNode, List<MethodInsnNode>> inits = new IdentityHashMap<>();

    private FrameTypeAnalyzer(String owner, MethodNode method) {
        this.method = method;
        this.adapter = new AnalyzerAdapter(owner, method.access, method.name, method.desc, null);
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
    static Result analyze(String owner, MethodNode method, Predicate<AbstractInsnNode> keep) throws AnalyzerException {
        return new FrameTypeAnalyzer(owner, method).run(keep);
    }

    @SuppressWarnings("unchecked")
    private Result run(Predicate<AbstractInsnNode> keep) throws AnalyzerException {
        InsnList insns = method.instructions;
        Frame<BasicValue>[] frames = (Frame<BasicValue>[]) new Frame<?>[insns.size()];
        // The labels just before an instruction: those an uninitialized(label) entry may name for a 'new'.
        List<Label> labelsBefore = new ArrayList<>();
        int index = 0;
        for (AbstractInsnNode insn : insns) {
            int i = index++;
            if (insn instanceof LabelNode) {
                labelsBefore.add(((LabelNode) insn).getLabel());
            }
            if (adapter.locals != null && insn.getOpcode() >= 0 && keep.test(insn)) {
                frames[i] = currentFrame();
            }
            try {
                Object receiver = adapter.locals != null ? receiverOfConstructor(insn) : null;
                insn.accept(adapter);
                // After an unconditional jump, a return or a throw the adapter has no types until the next frame.
                if (adapter.locals != null && insn.getOpcode() == Opcodes.NEW) {
                    TypeInsnNode created = (TypeInsnNode) insn;
                    newByLabel.put((Label) adapter.stack.get(adapter.stack.size() - 1), created);
                    labelsBefore.forEach(label -> newByLabel.put(label, created));
                }
                if (receiver instanceof Label) {
                    inits.computeIfAbsent(newOf((Label) receiver), n -> new ArrayList<>()).add((MethodInsnNode) insn);
                }
            } catch (RuntimeException e) {
                throw new AnalyzerException(insn, "at instruction " + i + " of " + method.name + method.desc, e);
            }
            if (insn.getOpcode() >= 0) {
                labelsBefore.clear();
            }
        }
        return new Result(frames, inits);
    }

    /** The entry a constructor call is about to initialise, or null for any other instruction. */
    private Object receiverOfConstructor(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode) || !((MethodInsnNode) insn).name.equals("<init>")) {
            return null;
        }
        int argumentSlots = 0;
        for (Type argument : Type.getArgumentTypes(((MethodInsnNode) insn).desc)) {
            argumentSlots += argument.getSize();
        }
        return adapter.stack.get(adapter.stack.size() - 1 - argumentSlots);
    }

    /**
     * The adapter's current types as a frame. The adapter gives a long or double two entries, the
     * second {@code TOP}; a frame holds it as one value, followed in the locals by an empty slot.
     */
    private Frame<BasicValue> currentFrame() {
        List<Object> locals = adapter.locals;
        List<Object> stack = adapter.stack;
        Frame<BasicValue> frame = new Frame<>(Math.max(method.maxLocals, locals.size()), stack.size());
        for (int slot = 0; slot < frame.getLocals(); slot++) {
            frame.setLocal(slot, slot < locals.size() ? toValue(locals.get(slot)) : BasicValue.UNINITIALIZED_VALUE);
        }
        for (int i = 0; i < stack.size(); i++) {
            Object entry = stack.get(i);
            frame.push(toValue(entry));
            if (entry == Opcodes.LONG || entry == Opcodes.DOUBLE) {
                i++;
            }
        }
        return frame;
    }

    /** Converts a frame entry (as in {@code MethodVisitor.visitFrame}) to a value. */
    private BasicValue toValue(Object entry) {
        if (entry instanceof String) {
            return new BasicValue(Type.getObjectType((String) entry));
        }
        if (entry instanceof Label) {
            return uninitialized.computeIfAbsent(newOf((Label) entry), UninitializedValue::new);
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
            return new BasicValue(Types.NULL);
        }
        // UNINITIALIZED_THIS only occurs in constructors, which are never analysed.
        throw new IllegalArgumentException("unexpected stack map frame entry " + entry);
    }

    private TypeInsnNode newOf(Label label) {
        TypeInsnNode created = newByLabel.get(label);
        if (created == null) {
            throw new IllegalArgumentException("an uninitialized frame entry does not designate a 'new' instruction");
        }
        return created;
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

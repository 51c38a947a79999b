package io.ferrite.transformer.internal;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * Computes the verifier's types of values: like ASM's {@code BasicInterpreter}, but references
 * keep their class, arrays their element type, {@code aconst_null} the null type, and {@code new}
 * an {@link UninitializedValue}. It never merges: {@link FrameTypeAnalyzer} takes the type at
 * every join from the compiler's stack map frame, as the JVM's type checker does (JVMS 4.10.1).
 */
final class TypeInterpreter extends BasicInterpreter {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final Map<AbstractInsnNode, UninitializedValue> uninitialized = new HashMap<>();

    TypeInterpreter() {
        super(Opcodes.ASM9);
    }

    /**
     * Returns the one value standing for the object created by a {@code new} instruction.
     *
     * @param newInsn the instruction
     * @return its uninitialized value
     */
    UninitializedValue uninitialized(TypeInsnNode newInsn) {
        return uninitialized.computeIfAbsent(newInsn, insn -> new UninitializedValue((TypeInsnNode) insn));
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type == null) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        switch (type.getSort()) {
            case Type.OBJECT:
            case Type.ARRAY:
                return new BasicValue(type);
            default:
                return super.newValue(type);
        }
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.NEW) {
            return uninitialized((TypeInsnNode) insn);
        }
        return super.newOperation(insn);
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue array, BasicValue index)
            throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.AALOAD) {
            Type type = array.getType();
            if (type != null && type.getSort() == Type.ARRAY) {
                return newValue(Type.getType(type.getDescriptor().substring(1)));
            }
            return newValue(OBJECT);
        }
        return super.binaryOperation(insn, array, index);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        throw new IllegalStateException("types are taken from stack map frames, never merged");
    }
}

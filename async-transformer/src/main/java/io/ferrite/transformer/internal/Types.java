package io.ferrite.transformer.internal;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicInterpreter;

/** Conversions between value types, stack map frame entries and spill sorts. */
final class Types {

    /** The verifier's null type: a value known to be the null constant (JVMS 4.10.1.2). */
    static final Type NULL = BasicInterpreter.NULL_TYPE;
    static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private Types() {
    }

    /**
     * Tells whether a type is the null type.
     *
     * @param type a value type
     * @return true for {@link #NULL}
     */
    static boolean isNull(Type type) {
        return NULL.equals(type);
    }

    /**
     * Returns the stack map frame entry for a value type, as {@code MethodVisitor.visitFrame} takes it.
     *
     * @param type a value type
     * @return an {@code Opcodes} constant or an internal name
     */
    static Object frameEntry(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return type.getDescriptor();
            case Type.OBJECT:
                return isNull(type) ? Opcodes.NULL : type.getInternalName();
            default:
                throw new IllegalArgumentException("no frame entry for " + type);
        }
    }

    /**
     * Returns the spill sort of a value type: one of {@code I J F D L}, the JVM's computational
     * types (JVMS 2.11.1), so that boolean, byte, char and short share int fields.
     *
     * @param type a value type, not the null type
     * @return the sort letter
     */
    static char spillSort(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return 'I';
            case Type.FLOAT:
                return 'F';
            case Type.LONG:
                return 'J';
            case Type.DOUBLE:
                return 'D';
            case Type.ARRAY:
            case Type.OBJECT:
                return 'L';
            default:
                throw new IllegalArgumentException("cannot spill " + type);
        }
    }

    /**
     * Returns the field descriptor of a spill sort.
     *
     * @param sort one of {@code I J F D L}
     * @return the descriptor
     */
    static String spillDescriptor(char sort) {
        return sort == 'L' ? "Ljava/lang/Object;" : String.valueOf(sort);
    }

    /**
     * Returns a short readable name: {@code int}, {@code String}, {@code int[]}, {@code null}.
     *
     * @param type a value type
     * @return the name
     */
    static String simpleName(Type type) {
        if (isNull(type)) {
            return "null";
        }
        String name = type.getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

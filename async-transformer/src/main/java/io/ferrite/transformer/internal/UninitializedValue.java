package io.ferrite.transformer.internal;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * The result of a {@code new} instruction before its constructor ran: the verifier's
 * {@code uninitialized(offset)} type (JVMS 4.10.1.2). Identity matters: every copy made by
 * {@code dup} is this same object, so that the constructor call initialises all of them.
 */
final class UninitializedValue extends BasicValue {

    private final TypeInsnNode newInsn;

    UninitializedValue(TypeInsnNode newInsn) {
        super(Type.getObjectType(newInsn.desc));
        this.newInsn = newInsn;
    }

    /** The {@code new} instruction that created the value. */
    TypeInsnNode newInsn() {
        return newInsn;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "uninitialized " + newInsn.desc;
    }
}

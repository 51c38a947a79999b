package io.ferrite.transformer.internal;

import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.ClassInfo;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.tree.MethodNode;

/**
 * The item type a generator declares, and the build-time check of what it emits: {@code emit} is
 * generic ({@code <T> void emit(T)}), so javac accepts {@code emit("x")} in an
 * {@code AsyncStream<Integer>} generator and the consumer would fail with a
 * {@code ClassCastException} far away; the transformer reports it at the {@code emit}.
 *
 * <p>The check is sound, never a false alarm: it reports only when the emitted value's verifier
 * type and the declared item type are two classes (not interfaces) neither of which extends the
 * other, so that no object can be both. An interface, an array, a type variable, a wildcard
 * without an upper bound, a class missing from the class path, or a method without a generic
 * signature (javac writes none for lambdas) is not checked.
 */
final class GeneratorItemType {

    private final ClassHierarchy hierarchy;

    /**
     * Creates the check.
     *
     * @param hierarchy where to read class headers (never loading a class)
     */
    GeneratorItemType(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * Reads the declared item type of a generator from its generic signature.
     *
     * @param method a generator
     * @return the erasure of {@code T} in its {@code AsyncStream<T>} return type (the bound of
     *         {@code ? extends T}), or null when the signature does not name a class
     */
    static Type declared(MethodNode method) {
        if (method.signature == null) {
            return null;
        }
        ItemFinder finder = new ItemFinder();
        try {
            new SignatureReader(method.signature).accept(finder);
        } catch (RuntimeException e) {
            return null;  // a malformed signature is the compiler's business, not a reason to fail here
        }
        return finder.item == null ? null : Type.getObjectType(finder.item);
    }

    /**
     * Tells whether a value of the verifier's type {@code emitted} can never be an instance of
     * {@code item}.
     *
     * @param emitted the verifier's type of the emitted value
     * @param item    the declared item type
     * @return true only when both are classes and neither is a subclass of the other
     */
    boolean incompatible(Type emitted, Type item) {
        if (emitted.getSort() != Type.OBJECT || item.getSort() != Type.OBJECT || Types.isNull(emitted)) {
            return false;
        }
        String from = emitted.getInternalName();
        String to = item.getInternalName();
        try {
            ClassInfo fromInfo = hierarchy.find(from);
            ClassInfo toInfo = hierarchy.find(to);
            if (fromInfo == null || toInfo == null || fromInfo.isInterface() || toInfo.isInterface()) {
                return false;
            }
            return !hierarchy.isAssignable(to, from) && !hierarchy.isAssignable(from, to);
        } catch (RuntimeException e) {
            return false;  // a class missing from the class path: unknown, so no error
        }
    }

    /** Finds the first type argument of the return type, when it is {@code AsyncStream<...>}. */
    private static final class ItemFinder extends SignatureVisitor {

        private String item;

        ItemFinder() {
            super(Opcodes.ASM9);
        }

        @Override
        public SignatureVisitor visitReturnType() {
            return new SignatureVisitor(Opcodes.ASM9) {
                private boolean stream;
                private boolean seen;

                @Override
                public void visitClassType(String name) {
                    stream = name.equals(RuntimeAbi.ASYNC_STREAM);
                }

                @Override
                public SignatureVisitor visitTypeArgument(char wildcard) {
                    if (!stream || seen || wildcard == SignatureVisitor.SUPER) {
                        seen = true;
                        return new SignatureVisitor(Opcodes.ASM9) { };
                    }
                    seen = true;
                    return new SignatureVisitor(Opcodes.ASM9) {
                        private String name;
                        private int depth;

                        @Override
                        public void visitClassType(String className) {
                            if (depth++ == 0) {
                                name = className;
                            }
                        }

                        @Override
                        public void visitInnerClassType(String innerName) {
                            if (depth == 1 && name != null) {
                                name = name + "$" + innerName;
                            }
                        }

                        @Override
                        public SignatureVisitor visitArrayType() {
                            return new SignatureVisitor(Opcodes.ASM9) { };  // arrays are not checked
                        }

                        @Override
                        public SignatureVisitor visitTypeArgument(char nested) {
                            return new SignatureVisitor(Opcodes.ASM9) { };
                        }

                        @Override
                        public void visitEnd() {
                            if (--depth == 0) {
                                item = name;
                            }
                        }
                    };
                }
            };
        }
    }
}

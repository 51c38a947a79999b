package io.ferrite.transformer.agent;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns a class the transformer rejected into one that fails at its first use with the
 * diagnostic as the message: a {@code ClassFileTransformer} cannot refuse a class (the JVM
 * ignores what it throws), but it can replace the static initializer with one that throws. The
 * JVM then reports {@code ExceptionInInitializerError} caused by an
 * {@code IllegalStateException} carrying the message, and {@code NoClassDefFoundError} on later
 * uses. Every other member is kept, so callers link as before and fail only by initialising it.
 */
final class InitializerFailure {

    private static final String CLINIT = "<clinit>";

    private InitializerFailure() {
    }

    /**
     * Returns the class with a static initializer that throws.
     *
     * @param classFile the rejected class
     * @param message   the exception's message
     * @return the replacement class file
     */
    static byte[] replace(byte[] classFile, String message) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return name.equals(CLINIT) ? null : super.visitMethod(access, name, descriptor, signature, exceptions);
            }

            @Override
            public void visitEnd() {
                MethodVisitor clinit = super.visitMethod(Opcodes.ACC_STATIC, CLINIT, "()V", null, null);
                clinit.visitCode();
                clinit.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
                clinit.visitInsn(Opcodes.DUP);
                clinit.visitLdcInsn(message);
                // stack: [ise, ise, message]
                clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                        "(Ljava/lang/String;)V", false);
                clinit.visitInsn(Opcodes.ATHROW);
                clinit.visitMaxs(3, 0);
                clinit.visitEnd();
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }
}

package io.ferrite.transformer.internal;

import io.ferrite.transformer.internal.StateMachinePlan.SavedValue;
import io.ferrite.transformer.internal.StateMachinePlan.SpillField;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 4, emit (state machine): writes the class a plan describes.
 *
 * <p>Input: a {@link StateMachinePlan} and the owner's {@code InnerClasses} entries. Output: the
 * class file of {@code final class Owner$m$Async extends AsyncStateMachine} (or
 * {@code AsyncGeneratorMachine} for a generator, with {@code pollNext}): a nestmate of the
 * owner (NestHost, JVMS 4.7.28), marked {@code @Transformed}, with the owner's SourceFile so that
 * stack traces show the user's file and lines, one private field per spill slot, a
 * package-private constructor taking the values state 0 needs, and {@code poll} from
 * {@link PollMethodEmitter}. Invariants: the class file version is the owner's; max stack and
 * locals are computed by ASM; frames are the poll emitter's, so no class is ever loaded or
 * looked up to write it.
 */
public final class StateMachineEmitter {

    /**
     * Writes one state machine.
     *
     * @param plan         its plan
     * @param innerClasses the owner's InnerClasses entries, repeated so that reflection on the
     *                     nested types the body names works the same (JVMS 4.7.6)
     * @return the class file
     */
    public byte[] emit(StateMachinePlan plan, List<InnerClassNode> innerClasses) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(plan.classVersion(), Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                plan.className(), null, plan.superName(), null);
        if (plan.sourceFile() != null) {
            writer.visitSource(plan.sourceFile(), null);
        }
        writer.visitNestHost(plan.nestHost());
        writer.visitAnnotation(RuntimeAbi.TRANSFORMED_ANNOTATION_DESC, false).visitEnd();
        for (InnerClassNode inner : innerClasses) {
            writer.visitInnerClass(inner.name, inner.outerName, inner.innerName, inner.access);
        }
        for (SpillField field : plan.fields()) {
            writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC, field.name(), field.descriptor(), null, null)
                    .visitEnd();
        }
        emitConstructor(writer, plan);
        MethodNode poll = PollMethodEmitter.emit(plan);
        poll.accept(writer);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code Owner$m$Async(values of state 0)}: stores them in their spill fields. */
    private static void emitConstructor(ClassWriter writer, StateMachinePlan plan) {
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_SYNTHETIC, "<init>", plan.constructorDescriptor(), null, null);
        init.visitCode();
        // stack: []
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, plan.superName(), RuntimeAbi.STATE_MACHINE_INIT.name(),
                RuntimeAbi.STATE_MACHINE_INIT.descriptor(), false);
        int slot = 1;
        for (SavedValue value : plan.start().locals()) {
            if (value.field() != null) {
                init.visitVarInsn(Opcodes.ALOAD, 0);
                init.visitVarInsn(value.type().getOpcode(Opcodes.ILOAD), slot);
                // stack: [this, value]
                init.visitFieldInsn(Opcodes.PUTFIELD, plan.className(), value.field().name(),
                        value.field().descriptor());
            }
            slot += value.type().getSize();
        }
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }
}

package io.ferrite.transformer.internal;

import io.ferrite.transformer.internal.StateMachinePlan.Accessor;
import io.ferrite.transformer.internal.StateMachinePlan.SavedValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 4, emit (owner): rewrites the class that declares the async methods.
 *
 * <p>Input: the class file as compiled and the plans of its state machines. Output: the same
 * class file in which
 * <ul>
 *   <li>each async method's body is only {@code return new Owner$m$Async(live receiver and
 *       parameters)}, so calling it runs nothing of the body (lazy); its annotations, {@code @Async}
 *       included, and its signature stay;</li>
 *   <li>the accessors the plans ask for are added as private static synthetic methods;</li>
 *   <li>the state machines are added to NestMembers when the class is its own nest host
 *       (JVMS 4.7.29);</li>
 *   <li>the class is marked {@code @Transformed}.</li>
 * </ul>
 * Every other method is copied byte for byte (ASM copies unchanged methods from the reader).
 */
public final class OwnerClassEmitter {

    /**
     * Rewrites the owner.
     *
     * @param classFile the class file as compiled
     * @param plans     the plans of its state machines
     * @return the rewritten class file
     */
    public byte[] emit(byte[] classFile, List<StateMachinePlan> plans) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Rewriter(writer, plans), 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends ClassVisitor {

        private final Map<String, StateMachinePlan> plansByMethod = new LinkedHashMap<>();
        private final List<StateMachinePlan> plans;
        private boolean marked;
        private boolean nestHost = true;
        private final Set<String> nestMembers = new HashSet<>();

        Rewriter(ClassVisitor next, List<StateMachinePlan> plans) {
            super(Opcodes.ASM9, next);
            this.plans = plans;
            for (StateMachinePlan plan : plans) {
                MethodNode method = plan.analysis().target().method();
                plansByMethod.put(method.name + method.desc, plan);
            }
        }

        /** Class annotations come before members (ClassVisitor's call order): add ours there. */
        private void mark() {
            if (!marked) {
                marked = true;
                AnnotationVisitor marker = super.visitAnnotation(RuntimeAbi.TRANSFORMED_ANNOTATION_DESC, false);
                AnnotationVisitor names = marker.visitArray(RuntimeAbi.TRANSFORMED_STATE_MACHINES);
                for (StateMachinePlan plan : plans) {
                    names.visit(null, plan.className());
                }
                names.visitEnd();
                marker.visitEnd();
            }
        }

        @Override
        public void visitNestHost(String host) {
            nestHost = false;
            super.visitNestHost(host);
        }

        @Override
        public void visitNestMember(String nestMember) {
            mark();
            nestMembers.add(nestMember);
            super.visitNestMember(nestMember);
        }

        @Override
        public void visitPermittedSubclass(String permittedSubclass) {
            mark();
            super.visitPermittedSubclass(permittedSubclass);
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            mark();
            super.visitInnerClass(name, outerName, innerName, access);
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            mark();
            return super.visitRecordComponent(name, descriptor, signature);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            mark();
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            mark();
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            StateMachinePlan plan = plansByMethod.get(name + descriptor);
            return plan == null ? next : new BodyReplacer(next, plan);
        }

        @Override
        public void visitEnd() {
            mark();
            Map<String, Accessor> written = new HashMap<>();
            for (StateMachinePlan plan : plans) {
                for (Accessor accessor : plan.accessors().values()) {
                    Accessor previous = written.putIfAbsent(accessor.name() + accessor.descriptor(), accessor);
                    if (previous == null) {
                        emitAccessor(accessor);
                    } else if (!previous.equals(accessor)) {
                        throw new IllegalStateException("accessors " + previous + " and " + accessor + " clash");
                    }
                }
            }
            if (nestHost) {
                for (StateMachinePlan plan : plans) {
                    if (nestMembers.add(plan.className())) {
                        super.visitNestMember(plan.className());
                    }
                }
            }
            super.visitEnd();
        }

        /** {@code private static R name(operands) { return <the instruction>(operands); }} */
        private void emitAccessor(Accessor accessor) {
            MethodVisitor method = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    accessor.name(), accessor.descriptor(), null, null);
            method.visitCode();
            int slot = 0;
            for (Type argument : Type.getArgumentTypes(accessor.descriptor())) {
                method.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
                slot += argument.getSize();
            }
            // stack: [receiver?, operands...]
            if (accessor.opcode() >= Opcodes.GETSTATIC && accessor.opcode() <= Opcodes.PUTFIELD) {
                method.visitFieldInsn(accessor.opcode(), accessor.owner(), accessor.memberName(),
                        accessor.memberDescriptor());
            } else {
                method.visitMethodInsn(accessor.opcode(), accessor.owner(), accessor.memberName(),
                        accessor.memberDescriptor(), accessor.ownerInterface());
            }
            Type returnType = Type.getReturnType(accessor.descriptor());
            method.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            method.visitMaxs(Math.max(slot, returnType.getSize()), slot);
            method.visitEnd();
        }
    }

    /**
     * Keeps a method's declaration (annotations, parameters) and replaces its code with the
     * construction of its state machine.
     */
    private static final class BodyReplacer extends MethodVisitor {

        private final MethodVisitor target;
        private final StateMachinePlan plan;

        BodyReplacer(MethodVisitor target, StateMachinePlan plan) {
            super(Opcodes.ASM9);
            this.target = target;
            this.plan = plan;
        }

        @Override
        public void visitParameter(String name, int access) {
            target.visitParameter(name, access);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            return target.visitAnnotationDefault();
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return target.visitAnnotation(descriptor, visible);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                boolean visible) {
            return target.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
            target.visitAnnotableParameterCount(parameterCount, visible);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return target.visitParameterAnnotation(parameter, descriptor, visible);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            target.visitAttribute(attribute);
        }

        /** The original code's events that follow are dropped: this is all the method does now. */
        @Override
        public void visitCode() {
            MethodNode method = plan.analysis().target().method();
            target.visitCode();
            Label start = new Label();
            Label end = new Label();
            target.visitLabel(start);
            int line = Diagnostics.firstLine(method);
            if (line > 0) {
                target.visitLineNumber(line, start);
            }
            // stack: []
            target.visitTypeInsn(Opcodes.NEW, plan.className());
            target.visitInsn(Opcodes.DUP);
            int stack = 2;
            for (SavedValue value : plan.start().locals()) {
                target.visitVarInsn(value.type().getOpcode(Opcodes.ILOAD), value.slot());
                stack += value.type().getSize();
            }
            // stack: [machine, machine, values...]
            target.visitMethodInsn(Opcodes.INVOKESPECIAL, plan.className(), "<init>", plan.constructorDescriptor(),
                    false);
            target.visitInsn(Opcodes.ARETURN);
            target.visitLabel(end);
            int parameterSlots = Type.getArgumentsAndReturnSizes(method.desc) >> 2;
            if ((method.access & Opcodes.ACC_STATIC) != 0) {
                parameterSlots--;
            }
            if (method.localVariables != null) {
                Set<Integer> named = new HashSet<>();
                for (LocalVariableNode local : method.localVariables) {
                    if (local.index < parameterSlots && named.add(local.index)) {
                        target.visitLocalVariable(local.name, local.desc, local.signature, start, end, local.index);
                    }
                }
            }
            target.visitMaxs(stack, parameterSlots);
        }

        @Override
        public void visitEnd() {
            target.visitEnd();
        }
    }
}

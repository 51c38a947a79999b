package io.ferrite.transformer.internal;

import io.ferrite.transformer.internal.StateMachinePlan.Accessor;
import io.ferrite.transformer.internal.StateMachinePlan.SavedValue;
import io.ferrite.transformer.internal.StateMachinePlan.SpillField;
import io.ferrite.transformer.internal.StateMachinePlan.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 3, plan: decides the shape of one state machine.
 *
 * <p>Input: the class and a {@link MethodAnalysis}. Output: an immutable {@link StateMachinePlan}:
 * <ul>
 *   <li>a spill field per value each state saves, typed by the JVM's computational type
 *       ({@code I J F D L}, JVMS 2.11.1; no boxing), allocated as Kotlin does: each state takes
 *       the first fields of each sort, so fields are shared between states and the class has,
 *       per sort, the maximum any state needs;</li>
 *   <li>state 0 saves the receiver and parameters that are live at the start of the body (the
 *       constructor takes exactly those);</li>
 *   <li>null constants get no field;</li>
 *   <li>an accessor in the owner for each {@code invokespecial} that is not a constructor call
 *       nor a call of the owner's own private method ({@code super.m()},
 *       {@code Iface.super.m()}), and for each use of a protected member inherited from a
 *       superclass in another package, since only the owner may make them.</li>
 * </ul>
 */
public final class StateMachinePlanner {

    /**
     * Plans one state machine.
     *
     * @param owner    the class declaring the method
     * @param analysis the method's analysis
     * @return the plan
     */
    public StateMachinePlan plan(ClassNode owner, MethodAnalysis analysis) {
        MethodNode body = analysis.body();
        Map<Character, Integer> maxPerSort = new TreeMap<>();
        State start = state(0, null, List.of(), analysis.entry(), body, null, maxPerSort);
        List<State> points = new ArrayList<>();
        for (SuspensionPoint point : analysis.points()) {
            points.add(state(point.number(), point, point.stack(), point.locals(), body, point.call(), maxPerSort));
        }
        List<SpillField> fields = new ArrayList<>();
        for (char sort : "IJFDL".toCharArray()) {
            for (int i = 0; i < maxPerSort.getOrDefault(sort, 0); i++) {
                fields.add(new SpillField(sort + "$" + i, sort));
            }
        }
        boolean ownerInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
        String nestHost = owner.nestHostClass != null ? owner.nestHostClass : owner.name;
        return new StateMachinePlan(analysis.target().stateMachineName(), owner.name, ownerInterface, nestHost,
                owner.sourceFile, owner.version, analysis, start, points, fields, accessors(owner, analysis),
                body.maxLocals + StateMachinePlan.SLOT_SHIFT);
    }

    private static State state(int number, SuspensionPoint point, List<Type> stack,
            List<SuspensionPoint.LocalValue> locals, MethodNode body, AbstractInsnNode at,
            Map<Character, Integer> maxPerSort) {
        Map<Character, Integer> used = new HashMap<>();
        List<SavedValue> savedStack = new ArrayList<>();
        for (Type type : stack) {
            savedStack.add(new SavedValue(-1, null, type, field(type, used)));
        }
        List<SavedValue> savedLocals = new ArrayList<>();
        for (SuspensionPoint.LocalValue local : locals) {
            savedLocals.add(new SavedValue(local.slot(), localName(body, local.slot(), at), local.type(),
                    field(local.type(), used)));
        }
        used.forEach((sort, count) -> maxPerSort.merge(sort, count, Math::max));
        return new State(number, point, savedStack, savedLocals);
    }

    private static SpillField field(Type type, Map<Character, Integer> used) {
        if (Types.isNull(type)) {
            return null;
        }
        char sort = Types.spillSort(type);
        int index = used.merge(sort, 1, Integer::sum) - 1;
        return new SpillField(sort + "$" + index, sort);
    }

    /** The name the local variable table gives a slot at an instruction (or at the start). */
    private static String localName(MethodNode body, int slot, AbstractInsnNode at) {
        if (body.localVariables == null) {
            return null;
        }
        int index = at == null ? 0 : body.instructions.indexOf(at);
        for (LocalVariableNode local : body.localVariables) {
            if (local.index == slot && body.instructions.indexOf(local.start) <= index
                    && index < body.instructions.indexOf(local.end)) {
                return local.name;
            }
        }
        return null;
    }

    /**
     * The accessors for the instructions only the owner may perform. Names depend only on the
     * instruction, so state machines of one class that need the same one share it, and
     * different instructions never share a name and descriptor.
     */
    private static Map<AbstractInsnNode, Accessor> accessors(ClassNode owner, MethodAnalysis analysis) {
        Map<AbstractInsnNode, Accessor> accessors = new IdentityHashMap<>();
        Type self = Type.getObjectType(owner.name);
        boolean ownerInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
        for (AbstractInsnNode insn : analysis.body().instructions) {
            if (insn.getOpcode() == Opcodes.INVOKESPECIAL) {
                MethodInsnNode call = (MethodInsnNode) insn;
                if (!call.name.equals("<init>") && !isOwnPrivateMethod(owner, call)) {
                    String prefix = "ferrite$super$" + (call.owner.equals(owner.superName) ? "" : qualifier(call.owner));
                    accessors.put(call, accessor(owner, prefix + call.name, self, call.desc, call.getOpcode(),
                            call.owner, call.name, call.itf));
                }
            }
        }
        analysis.protectedAccesses().forEach((insn, receiver) -> {
            String prefix = insn instanceof FieldInsnNode
                    ? (insn.getOpcode() == Opcodes.GETFIELD || insn.getOpcode() == Opcodes.GETSTATIC
                            ? "ferrite$get$" : "ferrite$set$")
                    : "ferrite$access$";
            String memberOwner = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).owner
                    : ((MethodInsnNode) insn).owner;
            String name = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).name : ((MethodInsnNode) insn).name;
            String desc = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).desc : ((MethodInsnNode) insn).desc;
            String accessorName = prefix + (memberOwner.equals(owner.name) ? "" : qualifier(memberOwner)) + name;
            String operands;
            switch (insn.getOpcode()) {
                case Opcodes.GETSTATIC:
                    operands = "()" + desc;
                    break;
                case Opcodes.PUTSTATIC:
                    operands = "(" + desc + ")V";
                    break;
                case Opcodes.GETFIELD:
                    operands = "()" + desc;
                    break;
                case Opcodes.PUTFIELD:
                    operands = "(" + desc + ")V";
                    break;
                default:
                    operands = desc;
            }
            boolean itf = insn instanceof MethodInsnNode && ((MethodInsnNode) insn).itf;
            accessors.put(insn, accessor(owner, accessorName, receiver, operands, insn.getOpcode(), memberOwner, name,
                    itf));
        });
        return accessors;
    }

    /** An accessor taking the receiver (if any) and then the operands of {@code operands}. */
    private static Accessor accessor(ClassNode owner, String name, Type receiver, String operands, int opcode,
            String memberOwner, String memberName, boolean itf) {
        Type[] arguments = Type.getArgumentTypes(operands);
        Type[] parameters = arguments;
        if (receiver != null) {
            parameters = new Type[arguments.length + 1];
            parameters[0] = receiver;
            System.arraycopy(arguments, 0, parameters, 1, arguments.length);
        }
        String descriptor = Type.getMethodDescriptor(Type.getReturnType(operands), parameters);
        String unique = name;
        for (int i = 1; declares(owner, unique, descriptor); i++) {
            unique = name + "$" + i;
        }
        String memberDescriptor = opcode >= Opcodes.GETSTATIC && opcode <= Opcodes.PUTFIELD
                ? (Type.getReturnType(operands).getSort() == Type.VOID ? arguments[0].getDescriptor()
                        : Type.getReturnType(operands).getDescriptor())
                : operands;
        return new Accessor(unique, descriptor, opcode, memberOwner, memberName, memberDescriptor, itf);
    }

    /** {@code java/lang/Object} to {@code java_lang_Object$}, to tell apart members of other classes. */
    private static String qualifier(String internalName) {
        return internalName.replace('/', '_') + "$";
    }

    /**
     * Tells whether a call is an {@code invokespecial} of the owner's own private method, which
     * the state machine may make with {@code invokevirtual}/{@code invokeinterface} as a
     * nestmate (JVMS 5.4.4).
     */
    static boolean isOwnPrivateMethod(ClassNode owner, MethodInsnNode call) {
        if (!call.owner.equals(owner.name)) {
            return false;
        }
        for (MethodNode method : owner.methods) {
            if (method.name.equals(call.name) && method.desc.equals(call.desc)) {
                return (method.access & Opcodes.ACC_PRIVATE) != 0;
            }
        }
        return false;
    }

    private static boolean declares(ClassNode owner, String name, String descriptor) {
        for (MethodNode method : owner.methods) {
            if (method.name.equals(name) && method.desc.equals(descriptor)) {
                return true;
            }
        }
        return false;
    }
}

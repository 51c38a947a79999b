package io.ferrite.transformer.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Everything the emitters write for one async method: the state machine class, its fields, what
 * each state saves where, and the owner's accessor methods. Built by {@link StateMachinePlanner};
 * immutable; {@link #toString()} is the readable form planner tests assert on.
 *
 * @param className      the state machine's internal name
 * @param owner          the internal name of the class declaring the method
 * @param ownerInterface whether the owner is an interface
 * @param nestHost       the nest host the state machine joins (JVMS 4.7.28)
 * @param sourceFile     the owner's SourceFile attribute, or null
 * @param classVersion   the owner's class file version, used for the state machine too
 * @param analysis       the analysed method, whose body {@code poll} runs
 * @param start          what the constructor saves and state 0 restores: the live receiver and parameters
 * @param points         the suspension points, state {@code i + 1} at index {@code i}
 * @param fields         the spill fields, each reused by every state that needs its sort
 * @param accessors      the owner's accessor methods for instructions that only work inside the
 *                       owner, by the instruction they replace
 * @param futureSlot     the local slot of {@code poll} holding the awaited future
 */
public record StateMachinePlan(String className, String owner, boolean ownerInterface, String nestHost,
        String sourceFile, int classVersion, MethodAnalysis analysis, State start, List<State> points,
        List<SpillField> fields, Map<AbstractInsnNode, Accessor> accessors, int futureSlot) {

    /** {@code poll}'s slot 0 is the state machine and slot 1 the context: body locals move up by two. */
    public static final int SLOT_SHIFT = 2;

    public StateMachinePlan {
        points = List.copyOf(points);
        fields = List.copyOf(fields);
        accessors = Map.copyOf(accessors);
    }

    /**
     * Returns the constructor's descriptor: the declared types of the start values.
     *
     * @return e.g. {@code (Lcom/acme/Orders;Lcom/acme/Cart;)V}
     */
    public String constructorDescriptor() {
        return start.locals().stream().map(v -> v.type().getDescriptor()).collect(Collectors.joining("", "(", ")V"));
    }

    /**
     * Tells whether the machine is a generator's: it extends {@link RuntimeAbi#GENERATOR_MACHINE},
     * implements {@code pollNext}, and its body may emit.
     *
     * @return true for a generator method or lambda
     */
    public boolean generator() {
        return analysis.target().generator();
    }

    /**
     * Returns the state machine's superclass.
     *
     * @return {@link RuntimeAbi#STATE_MACHINE}, or {@link RuntimeAbi#GENERATOR_MACHINE} for a generator
     */
    public String superName() {
        return generator() ? RuntimeAbi.GENERATOR_MACHINE : RuntimeAbi.STATE_MACHINE;
    }

    /**
     * A spill field.
     *
     * @param name e.g. {@code L$0}
     * @param sort one of {@code I J F D L}
     */
    public record SpillField(String name, char sort) {

        /**
         * Returns the field's descriptor.
         *
         * @return {@code I}, {@code J}, {@code F}, {@code D} or {@code Ljava/lang/Object;}
         */
        public String descriptor() {
            return Types.spillDescriptor(sort);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A value saved in a state.
     *
     * @param slot  its local slot in the original method, or -1 for an operand stack value
     * @param name  the local variable's name where the class file records it, else null
     * @param type  the verifier's type; {@link Types#NULL} for the null constant
     * @param field where it is saved; null for the null constant, which is restored as {@code aconst_null}
     */
    public record SavedValue(int slot, String name, Type type, SpillField field) {

        @Override
        public String toString() {
            String what = slot < 0 ? Types.simpleName(type)
                    : slot + (name != null ? " " + name : "") + ":" + Types.simpleName(type);
            return what + " -> " + (field == null ? "null constant" : field.name());
        }
    }

    /**
     * What one state saves: state 0 (start) or a suspension point.
     *
     * @param number the state number
     * @param point  the suspension point, null for state 0
     * @param stack  the operand stack beneath the awaited future, bottom first
     * @param locals the live locals, by slot
     */
    public record State(int number, SuspensionPoint point, List<SavedValue> stack, List<SavedValue> locals) {

        public State {
            stack = List.copyOf(stack);
            locals = List.copyOf(locals);
        }

        @Override
        public String toString() {
            String head = point == null ? "state 0 start" : "state " + number + " line " + point.line()
                    + (point.emit() ? " emit" : point.completionStage() ? " await(CompletionStage)" : " await(Future)");
            return head + ": stack " + stack + " locals " + locals;
        }
    }

    /**
     * A static method added to the owner that performs one instruction the state machine may
     * not perform itself: {@code super.m()} ({@code invokespecial} needs the current class as
     * receiver, JVMS 4.10.1.9) or the use of a protected member inherited from a superclass in
     * another package (JVMS 5.4.4). The accessor takes the instruction's operands as parameters
     * and returns its result.
     *
     * @param name             the accessor's name, e.g. {@code ferrite$super$toString}
     * @param descriptor       the accessor's descriptor
     * @param opcode           the instruction: {@code invokespecial}, {@code invokevirtual},
     *                         {@code getfield}, ...
     * @param owner            the instruction's owner class
     * @param memberName       the instruction's member name
     * @param memberDescriptor the instruction's member descriptor
     * @param ownerInterface   whether the instruction's owner is an interface
     */
    public record Accessor(String name, String descriptor, int opcode, String owner, String memberName,
            String memberDescriptor, boolean ownerInterface) {

        @Override
        public String toString() {
            return name + descriptor + " -> " + opcodeName() + " " + owner + "." + memberName
                    + (memberDescriptor.startsWith("(") ? "" : ":") + memberDescriptor;
        }

        private String opcodeName() {
            switch (opcode) {
                case Opcodes.INVOKESPECIAL:
                    return "invokespecial";
                case Opcodes.INVOKEVIRTUAL:
                    return "invokevirtual";
                case Opcodes.INVOKEINTERFACE:
                    return "invokeinterface";
                case Opcodes.INVOKESTATIC:
                    return "invokestatic";
                case Opcodes.GETFIELD:
                    return "getfield";
                case Opcodes.PUTFIELD:
                    return "putfield";
                case Opcodes.GETSTATIC:
                    return "getstatic";
                case Opcodes.PUTSTATIC:
                    return "putstatic";
                default:
                    return "opcode " + opcode;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        AsyncMethod target = analysis.target();
        out.append("state machine ").append(className).append(" for ").append(target.method().name)
                .append(target.method().desc).append(" (").append(target.kind())
                .append(generator() ? ", generator" : "").append(")\n");
        out.append("  nest host ").append(nestHost).append('\n');
        out.append("  fields ").append(fields).append('\n');
        out.append("  constructor ").append(constructorDescriptor()).append('\n');
        out.append("  ").append(start).append('\n');
        for (State state : points) {
            out.append("  ").append(state).append('\n');
        }
        accessors.values().stream().map(Accessor::toString).distinct().sorted()
                .forEach(a -> out.append("  accessor ").append(a).append('\n'));
        return out.toString();
    }
}

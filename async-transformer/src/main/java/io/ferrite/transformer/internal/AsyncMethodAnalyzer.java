package io.ferrite.transformer.internal;

import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.ClassInfo;
import io.ferrite.transformer.Diagnostic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Pass 2, analyse: everything the planner needs to know about one async method, read-only.
 *
 * <p>Input: the class (never modified) and one method found by {@link AsyncMethodScanner}.
 * Output: a {@link MethodAnalysis}: a private copy of the body in which every {@code new X(...)}
 * whose arguments await is reordered ({@link NewDupNormalizer}); the verifier's types before
 * each {@code await} and {@code areturn} ({@link FrameTypeAnalyzer}, from the compiler's stack
 * map frames, never by loading a class); liveness of every local slot ({@link LivenessAnalyzer},
 * with exception edges); the suspension points with the stack beneath the awaited future and
 * the live locals; and an error for each {@code await} inside a {@code synchronized} block
 * (monitor depth tracked by data flow, so {@code monitorenter}/{@code monitorexit} pairs of any
 * shape count). It warns about the pitfalls of async bodies: each call of a well-known blocking
 * method ({@link BlockingCalls}), and each {@code await} reached while a
 * {@code java.util.concurrent.locks.Lock} taken in the body is held on every path
 * ({@link HeldLockAnalyzer}); each {@code await} in a {@code finally} block, and each
 * {@code return f} whose future runs only after the {@code finally} block or resource close of
 * its {@code try} ({@link FinallyHazardFinder}).
 *
 * It also finds the instructions that use a protected member the owner inherits from a
 * superclass in another package (the only classes it reads, from the {@link ClassHierarchy}):
 * the state machine is not a subclass, so the owner must make those accesses for it.
 *
 * <p>Invariants: no suspension point has an uninitialized object on its stack or in a live
 * local; a live local is never of the verifier's {@code top} type.
 */
public final class AsyncMethodAnalyzer {

    private static final Predicate<AbstractInsnNode> IS_AWAIT =
            insn -> insn instanceof MethodInsnNode && RuntimeAbi.isAwait((MethodInsnNode) insn);

    private final ClassHierarchy hierarchy;
    private final Subtypes subtypes;
    private final BlockingCalls blockingCalls;
    /** The call graph of the class analysed last: one per class, for all its async methods. */
    private RecursiveCalls recursiveCalls;

    /**
     * Creates an analyzer; one may analyse every method of a class, in turn.
     *
     * @param hierarchy where to read the owner's superclasses, and the types of the calls the
     *                  pitfall warnings look at
     */
    public AsyncMethodAnalyzer(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.subtypes = new Subtypes(hierarchy);
        this.blockingCalls = new BlockingCalls(subtypes);
    }

    /**
     * Analyses one method.
     *
     * @param owner  the class declaring it
     * @param target the method
     * @return the analysis
     * @throws AnalyzerException if the code is not what a valid class file holds
     */
    public MethodAnalysis analyze(ClassNode owner, AsyncMethod target) throws AnalyzerException {
        MethodNode body = copyOf(target.method());
        FrameTypeAnalyzer.Result first = FrameTypeAnalyzer.analyze(owner.name, body, IS_AWAIT);
        Set<TypeInsnNode> news = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<TypeInsnNode> ordered = new LinkedHashSet<>();
        for (Frame<BasicValue> frame : first.frames()) {
            if (frame == null) {
                continue;
            }
            for (int i = 0; i < frame.getStackSize(); i++) {
                if (frame.getStack(i) instanceof UninitializedValue) {
                    TypeInsnNode newInsn = ((UninitializedValue) frame.getStack(i)).newInsn();
                    if (news.add(newInsn)) {
                        ordered.add(newInsn);
                    }
                }
            }
        }
        if (!ordered.isEmpty()) {
            NewDupNormalizer.normalize(body, ordered, first.inits());
        }

        Diagnostics report = new Diagnostics(owner);
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> inherited = protectedMembersOfOtherPackages(owner, target.method(), report, diagnostics);
        Predicate<AbstractInsnNode> usesInherited = insn -> usesProtected(insn, inherited);
        FrameTypeAnalyzer.Result types = FrameTypeAnalyzer.analyze(owner.name, body,
                IS_AWAIT.or(insn -> insn.getOpcode() == Opcodes.ARETURN).or(usesInherited));
        ControlFlow flow = ControlFlow.of(body);
        Liveness liveness = LivenessAnalyzer.analyze(body, flow);
        int[] monitors = monitorDepths(body, flow);
        HeldLockAnalyzer.HeldLocks locks = HeldLockAnalyzer.analyze(body, flow, subtypes);
        for (AbstractInsnNode insn : body.instructions) {
            BlockingCalls.Rule blocking = insn instanceof MethodInsnNode ? blockingCalls.match((MethodInsnNode) insn)
                    : null;
            if (blocking != null) {
                diagnostics.add(report.blockingCall(target.method(), (MethodInsnNode) insn, blocking.instead()));
            }
        }
        FinallyHazardFinder.Hazards hazards = FinallyHazardFinder.find(owner.name, target.method());
        for (AbstractInsnNode await : hazards.awaitsInFinally()) {
            diagnostics.add(report.awaitInFinally(target.method(), await));
        }
        for (AbstractInsnNode returned : hazards.returnsInTry()) {
            diagnostics.add(report.returnFutureInTry(target.method(), returned));
        }
        Map<AbstractInsnNode, Type> protectedAccesses = new IdentityHashMap<>();

        List<SuspensionPoint> points = new ArrayList<>();
        Map<AbstractInsnNode, List<Type>> returnStacks = new IdentityHashMap<>();
        InsnList insns = body.instructions;
        int index = 0;
        for (AbstractInsnNode insn : insns) {
            int i = index++;
            Frame<BasicValue> frame = types.frames()[i];
            if (frame == null) {
                continue;  // not an await, areturn or protected access, or unreachable
            }
            if (usesInherited.test(insn)) {
                protectedAccesses.put(insn, receiverType(insn, frame));
                continue;
            }
            if (insn.getOpcode() == Opcodes.ARETURN) {
                returnStacks.put(insn, stackBeneathTop(frame));
                continue;
            }
            if (monitors != null && monitors[i] > 0) {
                diagnostics.add(report.awaitInSynchronized(target.method(), insn));
                continue;
            }
            if (locks != null && locks.held(i)) {
                diagnostics.add(report.lockHeldAcrossAwait(target.method(), insn, locks.acquisitions(i)));
            }
            MethodInsnNode call = (MethodInsnNode) insn;
            boolean stage = call.desc.equals(RuntimeAbi.AWAIT_STAGE.descriptor());
            if (!stage && !call.desc.equals(RuntimeAbi.AWAIT_FUTURE.descriptor())) {
                throw new IllegalStateException("unknown await overload " + call.desc);
            }
            List<SuspensionPoint.LocalValue> locals = new ArrayList<>();
            for (int slot = 0; slot < frame.getLocals(); slot++) {
                BasicValue value = frame.getLocal(slot);
                if (value == BasicValue.UNINITIALIZED_VALUE || !liveness.isLive(i, slot)) {
                    continue;
                }
                if (value instanceof UninitializedValue) {
                    throw new IllegalStateException("an uninitialized object in local " + slot + " is live across"
                            + " await #" + (points.size() + 1));
                }
                locals.add(new SuspensionPoint.LocalValue(slot, value.getType()));
            }
            points.add(new SuspensionPoint(points.size() + 1, call, stage, Diagnostics.lineOf(body, call),
                    stackBeneathTop(frame), locals));
        }

        List<SuspensionPoint.LocalValue> entry = new ArrayList<>();
        int slot = 0;
        if ((body.access & Opcodes.ACC_STATIC) == 0) {
            if (liveness.isLive(0, 0)) {
                entry.add(new SuspensionPoint.LocalValue(0, Type.getObjectType(owner.name)));
            }
            slot++;
        }
        for (Type argument : Type.getArgumentTypes(body.desc)) {
            if (liveness.isLive(0, slot)) {
                entry.add(new SuspensionPoint.LocalValue(slot, argument));
            }
            slot += argument.getSize();
        }
        return new MethodAnalysis(target, body, entry, points, returnStacks, liveness, protectedAccesses, diagnostics,
                recursiveCalls(owner).mayRecurse(target.method()));
    }

    private RecursiveCalls recursiveCalls(ClassNode owner) {
        if (recursiveCalls == null || !recursiveCalls.isOf(owner)) {
            recursiveCalls = new RecursiveCalls(owner);
        }
        return recursiveCalls;
    }

    /**
     * The protected members declared by the owner's superclasses outside its package: the ones
     * the owner may use (JVMS 5.4.4) and its state machine may not. Reports a superclass missing
     * from the class path, or a hierarchy that does not know members.
     */
    private Set<String> protectedMembersOfOtherPackages(ClassNode owner, MethodNode method, Diagnostics report,
            List<Diagnostic> diagnostics) {
        Set<String> members = new HashSet<>();
        String ownerPackage = packageOf(owner.name);
        for (String name = owner.superName; name != null; ) {
            ClassInfo info = hierarchy.find(name);
            if (info == null) {
                diagnostics.add(report.typeNotFound(method, name, "to check which protected members of "
                        + owner.name.replace('/', '.') + "'s superclasses the state machine may use"));
                return members;
            }
            if (!packageOf(name).equals(ownerPackage)) {
                if (info.protectedMembers() == null) {
                    diagnostics.add(report.membersUnknown(method, name));
                    return members;
                }
                members.addAll(info.protectedMembers());
            }
            name = info.superName();
        }
        return members;
    }

    /**
     * Whether an instruction names a member with the name and descriptor of an inherited
     * protected one. It may in fact resolve to a public member of the same shape; its accessor
     * then costs a call but still works, since it performs the very same instruction in the owner.
     */
    private static boolean usesProtected(AbstractInsnNode insn, Set<String> inherited) {
        if (inherited.isEmpty()) {
            return false;
        }
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode field = (FieldInsnNode) insn;
            return !field.owner.startsWith("[") && inherited.contains(ClassInfo.fieldKey(field.name, field.desc));
        }
        if (insn instanceof MethodInsnNode && insn.getOpcode() != Opcodes.INVOKESPECIAL) {
            MethodInsnNode call = (MethodInsnNode) insn;
            return !call.owner.startsWith("[") && !call.name.equals("<init>")
                    && inherited.contains(ClassInfo.methodKey(call.name, call.desc));
        }
        return false;
    }

    /** The verifier's type of the receiver of a field or method instruction; null if static. */
    private static Type receiverType(AbstractInsnNode insn, Frame<BasicValue> frame) {
        int below;
        switch (insn.getOpcode()) {
            case Opcodes.GETSTATIC:
            case Opcodes.PUTSTATIC:
            case Opcodes.INVOKESTATIC:
                return null;
            case Opcodes.GETFIELD:
                below = 0;
                break;
            case Opcodes.PUTFIELD:
                below = 1;
                break;
            default:
                below = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
        }
        Type type = frame.getStack(frame.getStackSize() - 1 - below).getType();
        if (Types.isNull(type)) {
            String owner = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).owner : ((MethodInsnNode) insn).owner;
            return Type.getObjectType(owner);
        }
        return type;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** The types on the stack below its top value, bottom first; none may be uninitialized. */
    private static List<Type> stackBeneathTop(Frame<BasicValue> frame) {
        List<Type> stack = new ArrayList<>();
        for (int i = 0; i < frame.getStackSize() - 1; i++) {
            BasicValue value = frame.getStack(i);
            if (value instanceof UninitializedValue) {
                throw new IllegalStateException("an uninitialized " + value.getType().getClassName()
                        + " is on the stack across an await or return");
            }
            stack.add(value.getType());
        }
        return stack;
    }

    /**
     * The number of monitors held before each node, by forward data flow; null when the method
     * has no {@code monitorenter}. Exception edges carry the depth before the throwing
     * instruction, as the JVM releases nothing on a throw.
     */
    private static int[] monitorDepths(MethodNode method, ControlFlow flow) {
        boolean any = false;
        for (AbstractInsnNode insn : method.instructions) {
            any |= insn.getOpcode() == Opcodes.MONITORENTER;
        }
        if (!any) {
            return null;
        }
        AbstractInsnNode[] nodes = method.instructions.toArray();
        int[] depth = new int[nodes.length];
        Arrays.fill(depth, -1);
        Deque<Integer> work = new ArrayDeque<>();
        if (nodes.length > 0) {
            depth[0] = 0;
            work.push(0);
        }
        while (!work.isEmpty()) {
            int i = work.pop();
            int before = depth[i];
            int opcode = nodes[i].getOpcode();
            int after = opcode == Opcodes.MONITORENTER ? Math.min(before + 1, 64)
                    : opcode == Opcodes.MONITOREXIT ? Math.max(before - 1, 0) : before;
            for (int successor : flow.normal(i)) {
                if (depth[successor] < after) {
                    depth[successor] = after;
                    work.push(successor);
                }
            }
            for (int handler : flow.exceptional(i)) {
                if (depth[handler] < before) {
                    depth[handler] = before;
                    work.push(handler);
                }
            }
        }
        return depth;
    }

    /** A deep copy of a method's code, with fresh labels, that the passes may rewrite. */
    static MethodNode copyOf(MethodNode method) {
        MethodNode copy = new MethodNode(Opcodes.ASM9, method.access, method.name, method.desc, method.signature,
                method.exceptions == null ? null : method.exceptions.toArray(new String[0]));
        Map<LabelNode, LabelNode> labels = new IdentityHashMap<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, new LabelNode());
            }
        }
        for (AbstractInsnNode insn : method.instructions) {
            copy.instructions.add(insn.clone(labels));
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            copy.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(block.start), labels.get(block.end),
                    labels.get(block.handler), block.type));
        }
        if (method.localVariables != null) {
            copy.localVariables = new ArrayList<>();
            for (LocalVariableNode local : method.localVariables) {
                copy.localVariables.add(new LocalVariableNode(local.name, local.desc, local.signature,
                        labels.get(local.start), labels.get(local.end), local.index));
            }
        }
        copy.maxLocals = method.maxLocals;
        copy.maxStack = method.maxStack;
        return copy;
    }
}

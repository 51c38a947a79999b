package io.ferrite.transformer.internal;

import io.ferrite.transformer.internal.StateMachinePlan.Accessor;
import io.ferrite.transformer.internal.StateMachinePlan.SavedValue;
import io.ferrite.transformer.internal.StateMachinePlan.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Writes a state machine's {@code poll(Context)} from its plan: a dispatch on {@code state},
 * then the original body with every local moved up two slots (slot 0 is the machine, slot 1 the
 * context), each {@code await} expanded into a poll that either continues at once or saves the
 * live values and returns {@code Poll.pending()}, the resume blocks, and a catch-all handler.
 *
 * <p>Stack map frames are the compiler's own, shifted, with every dead local turned into
 * {@code top} (a resumed state restores only live values), plus frames for the labels added
 * here, computed from the plan; nothing is merged, so no class is looked up. See
 * {@code docs/state-machine.md} for the shape of the output.
 *
 * <p>It builds an ASM tree rather than driving {@code GeneratorAdapter}: the body's locals must
 * keep fixed slots (their frames, local variable table and liveness refer to them), while
 * {@code GeneratorAdapter}, being a {@code LocalVariablesSorter}, renumbers them.
 */
final class PollMethodEmitter {

    private static final String POLL_DESC = "(L" + RuntimeAbi.CONTEXT + ";)L" + RuntimeAbi.POLL + ";";

    private final StateMachinePlan plan;
    private final MethodNode body;
    private final String self;
    private final Map<LabelNode, LabelNode> labels = new IdentityHashMap<>();
    private final InsnList out = new InsnList();

    private PollMethodEmitter(StateMachinePlan plan) {
        this.plan = plan;
        this.body = plan.analysis().body();
        this.self = plan.className();
        for (AbstractInsnNode insn : body.instructions) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, new LabelNode());
            }
        }
    }

    /**
     * Writes the method.
     *
     * @param plan the state machine's plan
     * @return {@code public Poll poll(Context)}, with frames, without max stack and locals
     */
    static MethodNode emit(StateMachinePlan plan) {
        return new PollMethodEmitter(plan).emit();
    }

    private MethodNode emit() {
        MethodNode poll = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC, "poll", POLL_DESC, null, null);
        LabelNode entry = new LabelNode();
        LabelNode other = new LabelNode();
        LabelNode start = new LabelNode();
        LabelNode[] resumes = new LabelNode[plan.points().size()];
        LabelNode[] targets = new LabelNode[resumes.length + 1];
        targets[0] = start;
        for (int i = 0; i < resumes.length; i++) {
            resumes[i] = new LabelNode();
            targets[i + 1] = resumes[i];
        }
        LabelNode[] resumeAt = new LabelNode[resumes.length];
        LabelNode returnBlock = new LabelNode();
        LabelNode bodyEnd = new LabelNode();
        LabelNode catchAll = new LabelNode();

        out.add(entry);
        int firstLine = Diagnostics.firstLine(body);
        if (firstLine > 0) {
            out.add(new LineNumberNode(firstLine, entry));
        }
        // Dispatch: state 0 runs the body from the top, k > 0 resumes at await k.
        // stack: []
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(field(Opcodes.GETFIELD, RuntimeAbi.STATE));
        // stack: [state]
        out.add(new TableSwitchInsnNode(0, resumes.length, other, targets));
        out.add(other);
        out.add(frame(List.of()));
        // TAIL, DONE, CANCELLED: the runtime knows what to do.
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(new VarInsnNode(Opcodes.ALOAD, 1));
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.POLL_OTHER));
        out.add(new InsnNode(Opcodes.ARETURN));

        out.add(start);
        out.add(frame(List.of()));
        restoreLocals(plan.start());
        clearFields(plan.start());

        boolean returns = false;
        int index = 0;
        for (AbstractInsnNode insn : body.instructions) {
            int i = index++;
            SuspensionPoint point = insn instanceof MethodInsnNode ? plan.analysis().pointAt(insn) : null;
            if (point != null) {
                resumeAt[point.number() - 1] = emitAwait(plan.points().get(point.number() - 1));
            } else if (insn.getOpcode() == Opcodes.ARETURN) {
                emitReturn(insn, returnBlock);
                returns = true;
            } else {
                out.add(copy(insn, i));
            }
        }

        for (int k = 0; k < resumes.length; k++) {
            emitResume(plan.points().get(k), resumes[k], resumeAt[k]);
        }
        if (returns) {
            out.add(returnBlock);
            out.add(frame(List.of(RuntimeAbi.FUTURE)));
            // stack: [future]
            out.add(new VarInsnNode(Opcodes.ALOAD, 0));
            out.add(new InsnNode(Opcodes.SWAP));
            out.add(new VarInsnNode(Opcodes.ALOAD, 1));
            // stack: [this, future, cx]
            out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.COMPLETE));
            // stack: [poll]
            out.add(new InsnNode(Opcodes.ARETURN));
        }
        out.add(bodyEnd);
        // A failure leaves poll unwrapped and ends the machine (this handler is last in the
        // exception table, so the body's own handlers are tried first: JVMS 2.10).
        out.add(catchAll);
        out.add(frame(List.of("java/lang/Throwable")));
        // stack: [throwable]
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(new InsnNode(Opcodes.ICONST_M1));
        out.add(field(Opcodes.PUTFIELD, RuntimeAbi.STATE));
        out.add(new InsnNode(Opcodes.ATHROW));
        LabelNode end = new LabelNode();
        out.add(end);
        separateFrames();

        poll.instructions = out;
        for (TryCatchBlockNode block : body.tryCatchBlocks) {
            poll.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(block.start), labels.get(block.end),
                    labels.get(block.handler), block.type));
        }
        poll.tryCatchBlocks.add(new TryCatchBlockNode(start, bodyEnd, catchAll, null));
        poll.localVariables = new ArrayList<>();
        if (body.localVariables != null) {
            for (LocalVariableNode local : body.localVariables) {
                poll.localVariables.add(new LocalVariableNode(local.name, local.desc, local.signature,
                        labels.get(local.start), labels.get(local.end), local.index + StateMachinePlan.SLOT_SHIFT));
            }
        }
        return poll;
    }

    /** Copies one node of the body: locals shifted, frames masked, owner-only calls redirected. */
    private AbstractInsnNode copy(AbstractInsnNode insn, int index) {
        if (insn instanceof VarInsnNode) {
            return new VarInsnNode(insn.getOpcode(), ((VarInsnNode) insn).var + StateMachinePlan.SLOT_SHIFT);
        }
        if (insn instanceof IincInsnNode) {
            IincInsnNode iinc = (IincInsnNode) insn;
            return new IincInsnNode(iinc.var + StateMachinePlan.SLOT_SHIFT, iinc.incr);
        }
        if (insn instanceof FrameNode) {
            return shiftFrame((FrameNode) insn, index);
        }
        Accessor accessor = plan.accessors().get(insn);
        if (accessor != null) {
            // super calls and inherited protected members work only in the owner (JVMS 4.10.1.9, 5.4.4).
            return new MethodInsnNode(Opcodes.INVOKESTATIC, plan.owner(), accessor.name(), accessor.descriptor(),
                    plan.ownerInterface());
        }
        if (insn.getOpcode() == Opcodes.INVOKESPECIAL) {
            MethodInsnNode call = (MethodInsnNode) insn;
            if (!call.name.equals("<init>")) {
                // The owner's private method: nestmates call it virtually (JVMS 5.4.3.3, 5.4.4).
                return new MethodInsnNode(plan.ownerInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                        call.owner, call.name, call.desc, plan.ownerInterface());
            }
        }
        if (insn instanceof InvokeDynamicInsnNode) {
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
            Object[] arguments = Arrays.copyOf(indy.bsmArgs, indy.bsmArgs.length);
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof Handle) {
                    arguments[i] = nestmateHandle((Handle) arguments[i]);
                }
            }
            return new InvokeDynamicInsnNode(indy.name, indy.desc, indy.bsm, arguments);
        }
        return insn.clone(labels);
    }

    /**
     * A method handle to the owner's private method with {@code REF_invokeSpecial} (javac's
     * form for instance lambda bodies) only resolves in the owner itself (JVMS 5.4.3.5); a
     * nestmate uses {@code REF_invokeVirtual} or {@code REF_invokeInterface}.
     */
    private Handle nestmateHandle(Handle handle) {
        if (handle.getTag() != Opcodes.H_INVOKESPECIAL || !handle.getOwner().equals(plan.owner())
                || handle.getName().equals("<init>")) {
            return handle;
        }
        int tag = plan.ownerInterface() ? Opcodes.H_INVOKEINTERFACE : Opcodes.H_INVOKEVIRTUAL;
        return new Handle(tag, handle.getOwner(), handle.getName(), handle.getDesc(), handle.isInterface());
    }

    /**
     * Expands {@code await(f)}; returns the label its resume block jumps to.
     *
     * <pre>
     *   astore F; [recursive method: F = awaitable(F);] if (F == null) throw awaitedNull();
     *   L_k: if (cancelling &amp;&amp; !awaitsWhileCancelling(F)) throw cancelledAtAwait();
     *   p = F.poll(cx); if (p.isPending()) { save; awaiting = F; state = k; return pending; }
     *   push p.value()
     * </pre>
     */
    private LabelNode emitAwait(State state) {
        SuspensionPoint point = state.point();
        LabelNode check = new LabelNode();
        LabelNode poll = new LabelNode();
        LabelNode ready = new LabelNode();
        List<Object> stack = new ArrayList<>();
        for (SavedValue value : state.stack()) {
            stack.add(Types.frameEntry(value.type()));
        }
        List<Object> locals = awaitLocals(state);
        if (point.completionStage()) {
            // stack: [..., stage]
            out.add(invoke(Opcodes.INVOKESTATIC, RuntimeAbi.STAGE_OF));
        }
        // stack: [..., future]
        out.add(new VarInsnNode(Opcodes.ASTORE, plan.futureSlot()));
        // stack: [...]
        if (plan.analysis().recursive() && !point.completionStage()) {
            // The method may call itself: a fresh callee machine goes to a driver that holds the
            // chain on the heap, rather than being polled one stack frame deeper.
            out.add(new VarInsnNode(Opcodes.ALOAD, 0));
            out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
            out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.AWAITABLE));
            out.add(new VarInsnNode(Opcodes.ASTORE, plan.futureSlot()));
        }
        // await(null) says so, with the source; the JVM's own message would name the slot ("<local4>").
        // The branch is never taken in practice, so the JIT folds it into the poll's implicit null check.
        out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
        out.add(new JumpInsnNode(Opcodes.IFNONNULL, check));
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.AWAITED_NULL));
        out.add(new InsnNode(Opcodes.ATHROW));
        out.add(check);
        out.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray()));
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(field(Opcodes.GETFIELD, RuntimeAbi.CANCELLING));
        out.add(new JumpInsnNode(Opcodes.IFEQ, poll));
        // Cancelling: only an uncancellable future is still awaited (cleanup in a finally block).
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.AWAITS_WHILE_CANCELLING));
        out.add(new JumpInsnNode(Opcodes.IFNE, poll));
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CANCELLED_AT_AWAIT));
        out.add(new InsnNode(Opcodes.ATHROW));
        out.add(poll);
        out.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray()));
        out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
        out.add(new VarInsnNode(Opcodes.ALOAD, 1));
        out.add(invoke(Opcodes.INVOKEINTERFACE, RuntimeAbi.FUTURE_POLL));
        // stack: [..., poll]
        out.add(new InsnNode(Opcodes.DUP));
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.POLL_IS_PENDING));
        out.add(new JumpInsnNode(Opcodes.IFEQ, ready));
        // stack: [..., poll]: pending, save what is live and return.
        out.add(new InsnNode(Opcodes.POP));
        List<SavedValue> saved = state.stack();
        for (int i = saved.size() - 1; i >= 0; i--) {
            SavedValue value = saved.get(i);
            // stack: [..., value]
            if (value.field() == null) {
                out.add(new InsnNode(Opcodes.POP));  // the null constant is restored as aconst_null
            } else if (value.type().getSize() == 2) {
                out.add(new VarInsnNode(Opcodes.ALOAD, 0));
                out.add(new InsnNode(Opcodes.DUP_X2));
                out.add(new InsnNode(Opcodes.POP));
                // stack: [..., this, value]
                out.add(spillField(Opcodes.PUTFIELD, value));
            } else {
                out.add(new VarInsnNode(Opcodes.ALOAD, 0));
                out.add(new InsnNode(Opcodes.SWAP));
                // stack: [..., this, value]
                out.add(spillField(Opcodes.PUTFIELD, value));
            }
        }
        // stack: []
        for (SavedValue value : state.locals()) {
            if (value.field() != null) {
                out.add(new VarInsnNode(Opcodes.ALOAD, 0));
                out.add(new VarInsnNode(value.type().getOpcode(Opcodes.ILOAD), value.slot() + StateMachinePlan.SLOT_SHIFT));
                out.add(spillField(Opcodes.PUTFIELD, value));
            }
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
        out.add(field(Opcodes.PUTFIELD, RuntimeAbi.AWAITING));
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(pushInt(state.number()));
        out.add(field(Opcodes.PUTFIELD, RuntimeAbi.STATE));
        out.add(invoke(Opcodes.INVOKESTATIC, RuntimeAbi.POLL_PENDING));
        out.add(new InsnNode(Opcodes.ARETURN));
        out.add(ready);
        List<Object> readyStack = new ArrayList<>(stack);
        readyStack.add(RuntimeAbi.POLL);
        out.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), readyStack.size(), readyStack.toArray()));
        // stack: [..., poll]: ready, continue with its value where await(f) returned.
        out.add(invoke(Opcodes.INVOKEVIRTUAL, RuntimeAbi.POLL_VALUE));
        // stack: [..., value]
        return check;
    }

    /**
     * State k's resume block: restore the saved values, take the awaited future back, clear the
     * fields so the machine retains nothing it no longer needs, and poll again at L_k.
     */
    private void emitResume(State state, LabelNode resume, LabelNode check) {
        out.add(resume);
        out.add(frame(List.of()));
        if (state.point().line() > 0) {
            out.add(new LineNumberNode(state.point().line(), resume));
        }
        restoreLocals(state);
        for (SavedValue value : state.stack()) {
            load(value);
        }
        // stack: [saved stack]
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(field(Opcodes.GETFIELD, RuntimeAbi.AWAITING));
        out.add(new VarInsnNode(Opcodes.ASTORE, plan.futureSlot()));
        clearFields(state);
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(new InsnNode(Opcodes.ACONST_NULL));
        out.add(field(Opcodes.PUTFIELD, RuntimeAbi.AWAITING));
        out.add(new JumpInsnNode(Opcodes.GOTO, check));
    }

    /** {@code return f} becomes a jump to the shared {@code return complete(f, cx)} block. */
    private void emitReturn(AbstractInsnNode areturn, LabelNode returnBlock) {
        List<Type> beneath = plan.analysis().returnStacks().get(areturn);
        if (beneath != null && !beneath.isEmpty()) {
            // stack: [..., future]: drop what javac left beneath, as areturn would (JVMS 6.5 areturn).
            out.add(new VarInsnNode(Opcodes.ASTORE, plan.futureSlot()));
            for (int i = beneath.size() - 1; i >= 0; i--) {
                out.add(new InsnNode(beneath.get(i).getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
            }
            out.add(new VarInsnNode(Opcodes.ALOAD, plan.futureSlot()));
        }
        // stack: [future]
        out.add(new JumpInsnNode(Opcodes.GOTO, returnBlock));
    }

    private void restoreLocals(State state) {
        for (SavedValue value : state.locals()) {
            load(value);
            out.add(new VarInsnNode(value.type().getOpcode(Opcodes.ISTORE), value.slot() + StateMachinePlan.SLOT_SHIFT));
        }
    }

    /** Pushes a saved value, cast back to its type (the field holds an Object). */
    private void load(SavedValue value) {
        if (value.field() == null) {
            out.add(new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, 0));
        out.add(spillField(Opcodes.GETFIELD, value));
        if (value.field().sort() == 'L' && !value.type().equals(Types.OBJECT)) {
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, value.type().getInternalName()));
        }
    }

    private void clearFields(State state) {
        List<SavedValue> all = new ArrayList<>(state.stack());
        all.addAll(state.locals());
        for (SavedValue value : all) {
            if (value.field() != null && value.field().sort() == 'L') {
                out.add(new VarInsnNode(Opcodes.ALOAD, 0));
                out.add(new InsnNode(Opcodes.ACONST_NULL));
                out.add(spillField(Opcodes.PUTFIELD, value));
            }
        }
    }

    /** The frame at an await: the live locals (the rest is top) and the awaited future's slot. */
    private List<Object> awaitLocals(State state) {
        Object[] slots = new Object[plan.futureSlot() + 1];
        Arrays.fill(slots, Opcodes.TOP);
        slots[0] = self;
        slots[1] = RuntimeAbi.CONTEXT;
        for (SavedValue value : state.locals()) {
            int slot = value.slot() + StateMachinePlan.SLOT_SHIFT;
            slots[slot] = Types.frameEntry(value.type());
            if (value.type().getSize() == 2) {
                slots[slot + 1] = null;  // covered by the long or double
            }
        }
        slots[plan.futureSlot()] = RuntimeAbi.FUTURE;
        List<Object> locals = new ArrayList<>();
        for (Object slot : slots) {
            if (slot != null) {
                locals.add(slot);
            }
        }
        return locals;
    }

    /** A compiler frame, with locals moved up two slots and dead locals made top. */
    private FrameNode shiftFrame(FrameNode frame, int index) {
        List<Object> locals = new ArrayList<>();
        locals.add(self);
        locals.add(RuntimeAbi.CONTEXT);
        int slot = 0;
        for (Object entry : frame.local) {
            boolean wide = entry == Opcodes.LONG || entry == Opcodes.DOUBLE;
            if (entry != Opcodes.TOP && plan.analysis().liveness().isLive(index, slot)) {
                locals.add(mapLabel(entry));
            } else {
                locals.add(Opcodes.TOP);
                if (wide) {
                    locals.add(Opcodes.TOP);
                }
            }
            slot += wide ? 2 : 1;
        }
        while (locals.get(locals.size() - 1) == Opcodes.TOP) {
            locals.remove(locals.size() - 1);
        }
        List<Object> stack = new ArrayList<>();
        for (Object entry : frame.stack) {
            stack.add(mapLabel(entry));
        }
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray());
    }

    private Object mapLabel(Object entry) {
        return entry instanceof LabelNode ? labels.get(entry) : entry;
    }

    /** A frame with only the machine and the context as locals. */
    private FrameNode frame(List<Object> stack) {
        Object[] locals = {self, RuntimeAbi.CONTEXT};
        return new FrameNode(Opcodes.F_NEW, locals.length, locals, stack.size(), stack.toArray());
    }

    /**
     * Two frames may not describe the same offset (JVMS 4.7.4): where nothing separates an added
     * frame from the compiler's, a nop does.
     */
    private void separateFrames() {
        boolean frameSinceInsn = false;
        for (AbstractInsnNode insn = out.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FrameNode) {
                if (frameSinceInsn) {
                    out.insertBefore(insn, new InsnNode(Opcodes.NOP));
                }
                frameSinceInsn = true;
            } else if (insn.getOpcode() >= 0) {
                frameSinceInsn = false;
            }
        }
    }

    private FieldInsnNode field(int opcode, RuntimeAbi.Member member) {
        return new FieldInsnNode(opcode, self, member.name(), member.descriptor());
    }

    private FieldInsnNode spillField(int opcode, SavedValue value) {
        return new FieldInsnNode(opcode, self, value.field().name(), value.field().descriptor());
    }

    /** Calls the runtime; the machine's own inherited methods are named through its class, as javac would. */
    private MethodInsnNode invoke(int opcode, RuntimeAbi.Member member) {
        String owner = member.owner().equals(RuntimeAbi.STATE_MACHINE) ? self : member.owner();
        return new MethodInsnNode(opcode, owner, member.name(), member.descriptor(), member.ownerIsInterface());
    }

    private static AbstractInsnNode pushInt(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}

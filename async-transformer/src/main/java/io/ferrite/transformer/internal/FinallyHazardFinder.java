package io.ferrite.transformer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Finds the two ways a {@code finally} block (or a try-with-resources close) misleads in an async
 * body, for the {@code await-in-finally} and {@code return-future-in-try} warnings.
 *
 * <ul>
 *   <li>An {@code await} in a {@code finally} block: when the future is cancelled, the block runs
 *       while the body unwinds, and the await throws {@code Cancelled} at once instead of waiting.
 *       javac copies a {@code finally} block into every exit of the {@code try}; the copy on the
 *       exceptional path is the code reachable from a catch-any handler (the only handlers javac
 *       writes without a type, besides {@code synchronized}), so the awaits reachable from one
 *       are the awaits in {@code finally} blocks. An await written {@code await(Futures.uncancellable(...))}
 *       is the remedy, not the hazard, and is left out.</li>
 *   <li>{@code return f} inside a {@code try} with a {@code finally} block or resources, where
 *       {@code f} is not {@code Future.ready}/{@code Future.failed}: the body returns the future,
 *       the {@code finally} block (or {@code close()}) runs, and only then is the returned future
 *       polled, so its work runs after the cleanup meant to follow it. In the class file, the
 *       returned value is produced inside the protected range and returned outside it, with the
 *       copy of the {@code finally} block (or the {@code close()} call) in between. Ranges of a
 *       catch-any handler and of javac's try-with-resources handler ({@code Throwable}, calling
 *       {@code addSuppressed}) count; a {@code synchronized} block's handler does not.</li>
 * </ul>
 */
final class FinallyHazardFinder {

    /**
     * What was found in one body.
     *
     * @param awaitsInFinally the {@code await} calls inside {@code finally} blocks, in code order
     * @param returnsInTry    for each {@code return f} inside a {@code try} with cleanup, the
     *                        instruction that produced {@code f} (its line is the return's)
     */
    record Hazards(List<AbstractInsnNode> awaitsInFinally, List<AbstractInsnNode> returnsInTry) {
    }

    private FinallyHazardFinder() {
    }

    /**
     * Finds the hazards of one async body.
     *
     * @param owner the internal name of the class declaring it
     * @param body  the body as compiled (not modified)
     * @return what was found
     * @throws AnalyzerException if the code is not what a valid class file holds
     */
    static Hazards find(String owner, MethodNode body) throws AnalyzerException {
        List<TryCatchBlockNode> cleanups = new ArrayList<>();
        for (TryCatchBlockNode block : body.tryCatchBlocks) {
            if (isCleanup(body.instructions, block)) {
                cleanups.add(block);
            }
        }
        if (cleanups.isEmpty()) {
            return new Hazards(List.of(), List.of());
        }
        return new Hazards(awaitsInFinally(body, ControlFlow.of(body), cleanups), returnsInTry(owner, body, cleanups));
    }

    private static List<AbstractInsnNode> awaitsInFinally(MethodNode body, ControlFlow flow,
            List<TryCatchBlockNode> cleanups) {
        InsnList insns = body.instructions;
        boolean[] inFinally = new boolean[insns.size()];
        Deque<Integer> work = new ArrayDeque<>();
        for (TryCatchBlockNode block : cleanups) {
            if (block.type == null) {
                int handler = insns.indexOf(block.handler);
                if (!inFinally[handler]) {
                    inFinally[handler] = true;
                    work.push(handler);
                }
            }
        }
        while (!work.isEmpty()) {
            for (int next : flow.normal(work.pop())) {
                if (!inFinally[next]) {
                    inFinally[next] = true;
                    work.push(next);
                }
            }
        }
        List<AbstractInsnNode> awaits = new ArrayList<>();
        for (int i = 0; i < inFinally.length; i++) {
            if (inFinally[i] && insns.get(i) instanceof MethodInsnNode call && RuntimeAbi.isAwait(call)
                    && !awaitsUncancellable(call)) {
                awaits.add(call);
            }
        }
        return awaits;
    }

    /** {@code await(Futures.uncancellable(...))}: the fix the warning offers, written as it says. */
    private static boolean awaitsUncancellable(MethodInsnNode await) {
        AbstractInsnNode previous = await.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous instanceof MethodInsnNode call && call.owner.equals(RuntimeAbi.UNCANCELLABLE.owner())
                && call.name.equals(RuntimeAbi.UNCANCELLABLE.name());
    }

    private static List<AbstractInsnNode> returnsInTry(String owner, MethodNode body, List<TryCatchBlockNode> cleanups)
            throws AnalyzerException {
        InsnList insns = body.instructions;
        Frame<SourceValue>[] frames = null;
        List<AbstractInsnNode> found = new ArrayList<>();
        for (int r = 0; r < insns.size(); r++) {
            if (insns.get(r).getOpcode() != Opcodes.ARETURN) {
                continue;
            }
            if (frames == null) {
                frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, body);
            }
            Frame<SourceValue> frame = frames[r];
            if (frame == null) {
                continue;
            }
            for (AbstractInsnNode producer : producers(insns, frames, frame.getStack(frame.getStackSize() - 1), 0)) {
                if (ranBeforeReturn(insns, cleanups, insns.indexOf(producer), r)) {
                    found.add(producer);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The instructions that computed a returned future, through locals and casts; a
     * {@code Future.ready}/{@code Future.failed} call and {@code null} are left out (they have no
     * work that could run late).
     */
    private static List<AbstractInsnNode> producers(InsnList insns, Frame<SourceValue>[] frames, SourceValue value,
            int depth) {
        List<AbstractInsnNode> result = new ArrayList<>();
        for (AbstractInsnNode insn : value.insns) {
            int index = insns.indexOf(insn);
            Frame<SourceValue> frame = frames[index];
            if (depth < 8 && frame != null && insn.getOpcode() == Opcodes.ALOAD) {
                for (AbstractInsnNode store : frame.getLocal(((VarInsnNode) insn).var).insns) {
                    Frame<SourceValue> atStore = frames[insns.indexOf(store)];
                    if (store.getOpcode() == Opcodes.ASTORE && atStore != null) {
                        result.addAll(producers(insns, frames, atStore.getStack(atStore.getStackSize() - 1), depth + 1));
                    }
                }
            } else if (depth < 8 && frame != null && insn.getOpcode() == Opcodes.CHECKCAST) {
                result.addAll(producers(insns, frames, frame.getStack(frame.getStackSize() - 1), depth + 1));
            } else if (insn.getOpcode() != Opcodes.ACONST_NULL && !isReadyOrFailed(insn)) {
                result.add(insn);
            }
        }
        return result;
    }

    /** Whether a cleanup's range holds the producer but not the return, so the cleanup runs between them. */
    private static boolean ranBeforeReturn(InsnList insns, List<TryCatchBlockNode> cleanups, int producer, int ret) {
        for (TryCatchBlockNode block : cleanups) {
            if (covers(insns, block, producer) && !covers(insns, block, ret)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReadyOrFailed(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode call && call.owner.equals(RuntimeAbi.FUTURE)
                && (call.name.equals("ready") || call.name.equals("failed"));
    }

    private static boolean covers(InsnList insns, TryCatchBlockNode block, int index) {
        return insns.indexOf(block.start) <= index && index < insns.indexOf(block.end);
    }

    /**
     * A handler javac writes for a {@code finally} block (no type) or for try-with-resources
     * ({@code Throwable}, closing the resource and calling {@code addSuppressed}), not the one of a
     * {@code synchronized} block (no type, releasing the monitor).
     */
    private static boolean isCleanup(InsnList insns, TryCatchBlockNode block) {
        boolean suppresses = false;
        int seen = 0;
        for (AbstractInsnNode insn = block.handler; insn != null; insn = insn.getNext()) {
            int opcode = insn.getOpcode();
            if (opcode < 0) {
                continue;
            }
            if (opcode == Opcodes.MONITOREXIT && seen < 3) {
                return false;  // astore t; aload lock; monitorexit; aload t; athrow
            }
            seen++;
            if (insn instanceof MethodInsnNode call && call.owner.equals("java/lang/Throwable")
                    && call.name.equals("addSuppressed")) {
                suppresses = true;
            }
            if (opcode == Opcodes.ATHROW || opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                break;
            }
        }
        return block.type == null || block.type.equals("java/lang/Throwable") && suppresses;
    }
}

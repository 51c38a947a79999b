package io.ferrite.transformer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which {@code java.util.concurrent.locks.Lock}s an async body certainly holds before each
 * instruction: forward data flow over its control flow graph, like the monitor depth of
 * {@code await-in-synchronized}, for the {@code lock-held-across-await} warning.
 *
 * <p>Locks are counted, not told apart: {@code lock()} and {@code lockInterruptibly()} add one,
 * {@code unlock()} removes one, and {@code tryLock()} (either overload) adds one on the branch
 * where it returned true, when its result is tested at once ({@code if (lock.tryLock())}; a result
 * kept for later counts as not acquired). Where paths meet, the count is the smallest: a lock is
 * held only if it is held on every path, so a lock that some path may have released is never
 * reported. An exception edge carries the count before the throwing instruction, as a throw
 * releases nothing. Calls match on a receiver typed {@code Lock} or any subtype
 * ({@code ReentrantLock}, {@code ReentrantReadWriteLock.WriteLock}, a user's class).
 *
 * <p>Alongside the count it keeps, for the message, the {@code lock()} calls that may still be
 * unreleased (union where paths meet, the latest one in code order dropped at each
 * {@code unlock()}): an approximation that only chooses which lines the warning names.
 */
final class HeldLockAnalyzer {

    /** {@code java.util.concurrent.locks.Lock}. */
    static final String LOCK = "java/util/concurrent/locks/Lock";

    /** Bounds the count in loops that lock without unlocking, so the analysis ends. */
    private static final int MAX_DEPTH = 64;

    private static final int NONE = 0;
    private static final int ACQUIRE = 1;
    private static final int TRY_ACQUIRE = 2;
    private static final int RELEASE = 3;

    /**
     * The locks held before each node of a method.
     */
    static final class HeldLocks {

        private final AbstractInsnNode[] nodes;
        private final int[] count;
        private final BitSet[] sites;

        private HeldLocks(AbstractInsnNode[] nodes, int[] count, BitSet[] sites) {
            this.nodes = nodes;
            this.count = count;
            this.sites = sites;
        }

        /**
         * Tells whether a lock is held on every path to a node.
         *
         * @param index the node's index in the instruction list
         * @return true if at least one lock is certainly held there
         */
        boolean held(int index) {
            return count[index] > 0;
        }

        /**
         * Returns the lock-taking calls that may be unreleased at a node, in code order.
         *
         * @param index the node's index in the instruction list
         * @return the calls, possibly none
         */
        List<MethodInsnNode> acquisitions(int index) {
            List<MethodInsnNode> calls = new ArrayList<>();
            BitSet set = sites[index];
            for (int site = set == null ? -1 : set.nextSetBit(0); site >= 0; site = set.nextSetBit(site + 1)) {
                calls.add((MethodInsnNode) nodes[site]);
            }
            return calls;
        }
    }

    private HeldLockAnalyzer() {
    }

    /**
     * Analyses a method.
     *
     * @param method   the method
     * @param flow     its control flow
     * @param subtypes decides whether a call's owner is a {@code Lock}
     * @return the held locks, or null when the method takes no lock at all
     */
    static HeldLocks analyze(MethodNode method, ControlFlow flow, Subtypes subtypes) {
        AbstractInsnNode[] nodes = method.instructions.toArray();
        int[] kinds = new int[nodes.length];
        boolean acquires = false;
        for (int i = 0; i < nodes.length; i++) {
            kinds[i] = kind(nodes[i], subtypes);
            acquires |= kinds[i] == ACQUIRE || kinds[i] == TRY_ACQUIRE;
        }
        if (!acquires) {
            return null;
        }
        int[] count = new int[nodes.length];
        Arrays.fill(count, -1);
        BitSet[] sites = new BitSet[nodes.length];
        Deque<Integer> work = new ArrayDeque<>();
        if (nodes.length > 0) {
            count[0] = 0;
            sites[0] = new BitSet();
            work.push(0);
        }
        while (!work.isEmpty()) {
            int i = work.pop();
            int before = count[i];
            BitSet held = sites[i];
            int after = before;
            BitSet afterSites = held;
            if (kinds[i] == ACQUIRE) {
                after = Math.min(before + 1, MAX_DEPTH);
                afterSites = with(held, i);
            } else if (kinds[i] == RELEASE) {
                after = Math.max(before - 1, 0);
                afterSites = (BitSet) held.clone();
                if (!afterSites.isEmpty()) {
                    afterSites.clear(afterSites.length() - 1);
                }
            }
            int tried = triedLock(nodes, kinds, i);
            int[] successors = flow.normal(i);
            for (int s = 0; s < successors.length; s++) {
                int successor = successors[s];
                if (tried >= 0 && isTrueBranch(nodes[i].getOpcode(), s)) {
                    merge(successor, Math.min(after + 1, MAX_DEPTH), with(afterSites, tried), count, sites, work);
                } else {
                    merge(successor, after, afterSites, count, sites, work);
                }
            }
            for (int handler : flow.exceptional(i)) {
                merge(handler, before, held, count, sites, work);
            }
        }
        return new HeldLocks(nodes, count, sites);
    }

    private static int kind(AbstractInsnNode node, Subtypes subtypes) {
        if (!(node instanceof MethodInsnNode)) {
            return NONE;
        }
        MethodInsnNode call = (MethodInsnNode) node;
        int kind;
        switch (call.name) {
            case "lock":
            case "lockInterruptibly":
                kind = call.desc.equals("()V") ? ACQUIRE : NONE;
                break;
            case "tryLock":
                kind = call.desc.endsWith(")Z") ? TRY_ACQUIRE : NONE;
                break;
            case "unlock":
                kind = call.desc.equals("()V") ? RELEASE : NONE;
                break;
            default:
                kind = NONE;
        }
        return kind != NONE && call.getOpcode() != Opcodes.INVOKESTATIC && !call.owner.startsWith("[")
                && subtypes.isA(call.owner, LOCK) ? kind : NONE;
    }

    /**
     * The index of the {@code tryLock()} call whose result the conditional jump at {@code i}
     * tests directly, or -1.
     */
    private static int triedLock(AbstractInsnNode[] nodes, int[] kinds, int i) {
        int opcode = nodes[i].getOpcode();
        if (opcode != Opcodes.IFEQ && opcode != Opcodes.IFNE) {
            return -1;
        }
        for (int j = i - 1; j >= 0; j--) {
            if (nodes[j].getOpcode() >= 0) {
                return kinds[j] == TRY_ACQUIRE ? j : -1;
            }
        }
        return -1;
    }

    /**
     * Whether successor number {@code s} of a jump testing a boolean is where the boolean was
     * true; {@link ControlFlow} lists the next instruction first, then the jump target.
     */
    private static boolean isTrueBranch(int opcode, int s) {
        boolean target = s == 1;
        return opcode == Opcodes.IFNE ? target : !target;
    }

    private static BitSet with(BitSet set, int site) {
        BitSet copy = (BitSet) set.clone();
        copy.set(site);
        return copy;
    }

    private static void merge(int node, int held, BitSet heldSites, int[] count, BitSet[] sites, Deque<Integer> work) {
        if (count[node] < 0) {
            count[node] = held;
            sites[node] = (BitSet) heldSites.clone();
            work.push(node);
            return;
        }
        boolean changed = false;
        if (held < count[node]) {
            count[node] = held;
            changed = true;
        }
        BitSet union = (BitSet) sites[node].clone();
        union.or(heldSites);
        if (!union.equals(sites[node])) {
            sites[node] = union;
            changed = true;
        }
        if (changed) {
            work.push(node);
        }
    }
}

package io.ferrite.transformer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which methods of a class may call themselves through calls to the class's own methods (direct
 * recursion, or a cycle such as {@code even -> odd -> even}). The await sites of such an async
 * method hand a fresh callee state machine to a driver that keeps the chain of calls on the heap
 * ({@code AsyncStateMachine.awaitable}), so that recursion depth is not limited by the stack;
 * every other method keeps the direct poll, whose cost is the await benchmarks' floor.
 *
 * <p>Only calls whose owner, as javac wrote it, is the class itself are edges: recursion through
 * another class or an interface is not seen (such a chain is polled one frame per level, as
 * before).
 */
final class RecursiveCalls {

    private final ClassNode owner;
    private final Map<String, List<String>> callees = new HashMap<>();
    private final Map<String, Boolean> recursive = new HashMap<>();

    /**
     * Builds the call graph of a class's own methods.
     *
     * @param owner the class
     */
    RecursiveCalls(ClassNode owner) {
        this.owner = owner;
        Set<String> declared = new HashSet<>();
        for (MethodNode method : owner.methods) {
            declared.add(method.name + method.desc);
        }
        for (MethodNode method : owner.methods) {
            List<String> calls = new ArrayList<>();
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals(owner.name)
                        && declared.contains(call.name + call.desc)) {
                    calls.add(call.name + call.desc);
                }
            }
            callees.put(method.name + method.desc, calls);
        }
    }

    /**
     * Tells whether this graph was built for a class.
     *
     * @param node the class
     * @return true if it is the one given to the constructor
     */
    boolean isOf(ClassNode node) {
        return node == owner;
    }

    /**
     * Tells whether a method can reach itself through calls of the class's own methods.
     *
     * @param method a method of the class
     * @return true if it may call itself
     */
    boolean mayRecurse(MethodNode method) {
        String start = method.name + method.desc;
        return recursive.computeIfAbsent(start, this::reachesItself);
    }

    private boolean reachesItself(String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(callees.getOrDefault(start, List.of()));
        while (!work.isEmpty()) {
            String next = work.pop();
            if (next.equals(start)) {
                return true;
            }
            if (seen.add(next)) {
                work.addAll(callees.getOrDefault(next, List.of()));
            }
        }
        return false;
    }
}

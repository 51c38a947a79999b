package io.ferrite.transformer.internal;

import io.ferrite.transformer.Diagnostic;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What {@link AsyncMethodAnalyzer} learned about one async method. Read-only once built.
 *
 * @param target      the method as scanned
 * @param body        a private copy of the method's code, with allocations that span an await
 *                    moved by {@link NewDupNormalizer}; the code the state machine runs
 * @param entry       the receiver and parameters live at the start of the body, by slot, with
 *                    their declared types
 * @param points      the suspension points in code order
 * @param returnStacks for each {@code areturn} of the body, the types beneath the returned
 *                    future (almost always none)
 * @param liveness    the live local variables before each node of {@code body}
 * @param protectedAccesses the field and method instructions of {@code body} that use a protected
 *                    member inherited from a superclass in another package, which only the owner
 *                    may do (JVMS 5.4.4), each with the verifier's type of its receiver (null for
 *                    static members)
 * @param diagnostics errors found (an {@code await} inside {@code synchronized}, a class missing
 *                    from the class path) and warnings (a blocking call, a lock held across an
 *                    await); warnings do not prevent planning
 * @param recursive   whether the method may call itself through methods of its class
 *                    ({@link RecursiveCalls}): its awaits then hand fresh callees to a driver
 */
public record MethodAnalysis(AsyncMethod target, MethodNode body, List<SuspensionPoint.LocalValue> entry,
        List<SuspensionPoint> points, Map<AbstractInsnNode, List<Type>> returnStacks, Liveness liveness,
        Map<AbstractInsnNode, Type> protectedAccesses, List<Diagnostic> diagnostics, boolean recursive) {

    public MethodAnalysis {
        entry = List.copyOf(entry);
        points = List.copyOf(points);
        returnStacks = new IdentityHashMap<>(returnStacks);
        protectedAccesses = new IdentityHashMap<>(protectedAccesses);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Returns the suspension point of an instruction of {@link #body}.
     *
     * @param insn an instruction
     * @return its point, or null if it is not an await call
     */
    SuspensionPoint pointAt(AbstractInsnNode insn) {
        for (SuspensionPoint point : points) {
            if (point.call() == insn) {
                return point;
            }
        }
        return null;
    }
}

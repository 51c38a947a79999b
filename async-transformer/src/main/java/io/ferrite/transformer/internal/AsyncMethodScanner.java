package io.ferrite.transformer.internal;

import io.ferrite.transformer.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 1, scan: finds the methods of a class to turn into state machines and names their classes.
 *
 * <p>Input: a class read into a tree (never modified). Output: a {@link ScanResult} listing
 * <ul>
 *   <li>each valid {@code @Async} method (not a bridge) in declaration order,</li>
 *   <li>each async lambda: a synthetic {@code lambda$...} method of this class returning
 *       {@code io.ferrite.Future} and calling {@code await}. It is normally the implementation of a
 *       {@code LambdaMetafactory} call site; when javac dropped the call site as dead code (after
 *       {@code if (true) return}, say) the method is still emitted, and is transformed all the same
 *       (it can never run, so either choice is correct, but an error would be wrong),</li>
 *   <li>an error for every {@code await} call elsewhere (plain method, constructor, static
 *       initializer, other lambda), every {@code Await::await} reference, and every invalid
 *       {@code @Async} declaration (return type, {@code synchronized}, no body);</li>
 *   <li>a {@code future-never-polled} warning for every future that a method of the class (any
 *       method, async or not) creates and never polls ({@link DiscardedFutureFinder}). Only
 *       classes that pass the constant-pool prefilter get here, so this costs nothing for classes
 *       without Ferrite code.</li>
 * </ul>
 * Invariants: state machine names are derived from the method name and the declaration order of
 * overloads ({@code Owner$m$Async}, then {@code Owner$m$1$Async}), so they are stable across
 * builds, and never clash with a nested class the owner declares.
 */
public final class AsyncMethodScanner {

    /**
     * Scans one class.
     *
     * @param owner the class
     * @return the async methods and the diagnostics
     */
    public ScanResult scan(ClassNode owner) {
        Diagnostics report = new Diagnostics(owner);
        AnnotationNode marker = marker(owner);
        if (marker != null) {
            return new ScanResult(true, stateMachinesOf(marker), List.of(), List.of());
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (MethodNode method : owner.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof InvokeDynamicInsnNode) {
                    Handle implementation = lambdaImplementation((InvokeDynamicInsnNode) insn);
                    if (implementation == null) {
                        continue;
                    }
                    if (RuntimeAbi.isAwait(implementation.getOwner(), implementation.getName())) {
                        diagnostics.add(report.awaitMethodReference(method, insn));
                    } else if (RuntimeAbi.isEmit(implementation.getOwner(), implementation.getName())) {
                        diagnostics.add(report.emitMethodReference(method, insn));
                    }
                }
            }
        }

        Set<String> taken = takenNames(owner);
        Map<String, Integer> overloads = new HashMap<>();
        List<AsyncMethod> found = new ArrayList<>();
        for (MethodNode method : owner.methods) {
            boolean callsAwait = callsAwait(method);
            boolean callsEmit = callsEmit(method);
            boolean generator = AsyncMethod.isGenerator(method);
            if (isAsyncAnnotated(method) && (method.access & Opcodes.ACC_BRIDGE) == 0) {
                Diagnostic invalid = validateDeclaration(report, method);
                if (invalid != null) {
                    diagnostics.add(invalid);
                    continue;
                }
                int index = overloads.merge(method.name, 1, Integer::sum) - 1;
                String name = uniqueName(owner.name + "$" + method.name + (index == 0 ? "" : "$" + index), taken);
                found.add(new AsyncMethod(method, AsyncMethod.Kind.ASYNC_METHOD, name));
                if (!generator) {
                    misplacedEmits(report, method, diagnostics);
                }
            } else if ((callsAwait || callsEmit && generator) && isAsyncLambda(method)) {
                String name = uniqueName(owner.name + "$" + method.name, taken);
                found.add(new AsyncMethod(method, AsyncMethod.Kind.ASYNC_LAMBDA, name));
                if (!generator) {
                    misplacedEmits(report, method, diagnostics);
                }
            } else if (callsAwait || callsEmit) {
                misplacedEmits(report, method, diagnostics);
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode && RuntimeAbi.isAwait((MethodInsnNode) insn)) {
                        diagnostics.add(report.misplacedAwait(method, insn));
                    }
                }
            }
            for (DiscardedFutureFinder.Discarded discarded : DiscardedFutureFinder.find(method)) {
                diagnostics.add(report.futureNeverPolled(method, discarded.call(), discarded.stored(), discarded.local()));
            }
        }
        return new ScanResult(false, List.of(), found, diagnostics);
    }

    /** Ferrite's {@code @Transformed} marker on a class, or null. */
    private static AnnotationNode marker(ClassNode owner) {
        for (List<AnnotationNode> annotations : List.of(
                owner.invisibleAnnotations == null ? List.<AnnotationNode>of() : owner.invisibleAnnotations,
                owner.visibleAnnotations == null ? List.<AnnotationNode>of() : owner.visibleAnnotations)) {
            for (AnnotationNode annotation : annotations) {
                if (annotation.desc.equals(RuntimeAbi.TRANSFORMED_ANNOTATION_DESC)) {
                    return annotation;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stateMachinesOf(AnnotationNode marker) {
        if (marker.values != null) {
            for (int i = 0; i + 1 < marker.values.size(); i += 2) {
                if (RuntimeAbi.TRANSFORMED_STATE_MACHINES.equals(marker.values.get(i))) {
                    return (List<String>) marker.values.get(i + 1);
                }
            }
        }
        return List.of();
    }

    private static Diagnostic validateDeclaration(Diagnostics report, MethodNode method) {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return report.asyncWithoutBody(method);
        }
        if (!Type.getReturnType(method.desc).getDescriptor().equals(RuntimeAbi.FUTURE_DESC)
                && !AsyncMethod.isGenerator(method)) {
            return report.asyncReturnType(method);
        }
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            return report.asyncSynchronized(method);
        }
        return null;
    }

    private static boolean isAsyncAnnotated(MethodNode method) {
        return hasAnnotation(method.invisibleAnnotations, RuntimeAbi.ASYNC_ANNOTATION_DESC)
                || hasAnnotation(method.visibleAnnotations, RuntimeAbi.ASYNC_ANNOTATION_DESC);
    }

    private static boolean isAsyncLambda(MethodNode method) {
        return (method.access & Opcodes.ACC_SYNTHETIC) != 0
                && method.name.startsWith("lambda$")
                && (Type.getReturnType(method.desc).getDescriptor().equals(RuntimeAbi.FUTURE_DESC)
                        || AsyncMethod.isGenerator(method));
    }

    private static boolean callsEmit(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode && RuntimeAbi.isEmit((MethodInsnNode) insn)) {
                return true;
            }
        }
        return false;
    }

    /** An error for each {@code emit} of a method that is not a generator. */
    private static void misplacedEmits(Diagnostics report, MethodNode method, List<Diagnostic> diagnostics) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode && RuntimeAbi.isEmit((MethodInsnNode) insn)) {
                diagnostics.add(report.emitOutsideGenerator(method, insn));
            }
        }
    }

    private static boolean callsAwait(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode && RuntimeAbi.isAwait((MethodInsnNode) insn)) {
                return true;
            }
        }
        return false;
    }

    /** The implementation method of a lambda or method reference call site, or null. */
    static Handle lambdaImplementation(InvokeDynamicInsnNode indy) {
        if (!indy.bsm.getOwner().equals(RuntimeAbi.LAMBDA_METAFACTORY) || indy.bsmArgs.length < 2
                || !(indy.bsmArgs[1] instanceof Handle)) {
            return null;
        }
        return (Handle) indy.bsmArgs[1];
    }

    private static boolean hasAnnotation(List<AnnotationNode> annotations, String desc) {
        if (annotations == null) {
            return false;
        }
        for (AnnotationNode annotation : annotations) {
            if (annotation.desc.equals(desc)) {
                return true;
            }
        }
        return false;
    }

    /** Names of nested classes the owner declares, which a generated name must not reuse. */
    private static Set<String> takenNames(ClassNode owner) {
        Set<String> taken = new HashSet<>();
        for (InnerClassNode inner : owner.innerClasses) {
            taken.add(inner.name);
        }
        if (owner.nestMembers != null) {
            taken.addAll(owner.nestMembers);
        }
        return taken;
    }

    private static String uniqueName(String base, Set<String> taken) {
        String name = base + "$Async";
        for (int i = 1; taken.contains(name); i++) {
            name = base + "$Async" + i;
        }
        taken.add(name);
        return name;
    }
}

package io.ferrite.transformer.internal;

import io.ferrite.transformer.Diagnostic;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The warnings a class silences with {@code @io.ferrite.annotations.Suppress("code", ...)}: on the
 * method a warning concerns, on the method a lambda is written in (javac compiles a lambda body
 * into a synthetic method that carries no annotation), transitively for nested lambdas, or on the
 * class. Errors are never suppressed.
 */
public final class Suppressions {

    private final Set<String> classCodes;
    private final Map<String, Set<String>> methodCodes = new HashMap<>();
    private final Map<String, String> enclosingOfLambda = new HashMap<>();

    /**
     * Reads the annotations of a class.
     *
     * @param owner the class
     */
    public Suppressions(ClassNode owner) {
        classCodes = codes(owner.invisibleAnnotations, owner.visibleAnnotations);
        for (MethodNode method : owner.methods) {
            String key = method.name + method.desc;
            Set<String> codes = codes(method.invisibleAnnotations, method.visibleAnnotations);
            if (!codes.isEmpty()) {
                methodCodes.put(key, codes);
            }
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof InvokeDynamicInsnNode) {
                    Handle lambda = lambdaOf((InvokeDynamicInsnNode) insn, owner.name);
                    if (lambda != null) {
                        enclosingOfLambda.putIfAbsent(lambda.getName() + lambda.getDesc(), key);
                    }
                }
            }
        }
    }

    /**
     * Tells whether a diagnostic of this class is a suppressed warning.
     *
     * @param diagnostic a diagnostic reported for this class
     * @return true for a warning whose code is suppressed where it occurs
     */
    public boolean covers(Diagnostic diagnostic) {
        if (diagnostic.isError()) {
            return false;
        }
        String code = diagnostic.code();
        if (classCodes.contains(code)) {
            return true;
        }
        if (diagnostic.methodName() == null) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (String key = diagnostic.methodName() + diagnostic.methodDesc(); key != null && seen.add(key);
                key = enclosingOfLambda.get(key)) {
            if (methodCodes.getOrDefault(key, Set.of()).contains(code)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static Set<String> codes(List<AnnotationNode>... lists) {
        Set<String> codes = new HashSet<>();
        for (List<AnnotationNode> annotations : lists) {
            if (annotations == null) {
                continue;
            }
            for (AnnotationNode annotation : annotations) {
                if (!annotation.desc.equals(RuntimeAbi.SUPPRESS_ANNOTATION_DESC) || annotation.values == null) {
                    continue;
                }
                for (int i = 0; i + 1 < annotation.values.size(); i += 2) {
                    if ("value".equals(annotation.values.get(i)) && annotation.values.get(i + 1) instanceof List) {
                        for (Object value : (List<?>) annotation.values.get(i + 1)) {
                            codes.add(String.valueOf(value));
                        }
                    }
                }
            }
        }
        return codes;
    }

    /** The body of a lambda written in this class (not a method reference), or null. */
    private static Handle lambdaOf(InvokeDynamicInsnNode indy, String owner) {
        Handle implementation = AsyncMethodScanner.lambdaImplementation(indy);
        return implementation != null && implementation.getOwner().equals(owner)
                && implementation.getName().startsWith("lambda$") ? implementation : null;
    }
}

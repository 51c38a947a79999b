package io.ferrite.transformer.internal;

import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.TransformResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The pass order, stated once: runs scan, analyse, plan and emit on one class file, in this order
 * and nowhere else, for {@link io.ferrite.transformer.AsyncTransformer}.
 *
 * <p>Input: a class file and the hierarchy to read its superclasses from. Output: a
 * {@link TransformResult}; {@link #plan(ClassNode)} stops after the third pass, for the planner's
 * tests. A failure of a pass (an exception, not a diagnostic) becomes an
 * {@link Diagnostics#INTERNAL_ERROR internal-error} naming the class and method, and nothing is
 * emitted for that class: a class is either wholly transformed or left as it was.
 *
 * <p>Thread safety: one instance may transform several classes concurrently if its hierarchy
 * allows it.
 */
public final class ClassTransformer {

    private static final byte[] ASYNC_MARKER = RuntimeAbi.ASYNC_ANNOTATION_DESC.getBytes(StandardCharsets.UTF_8);
    private static final byte[] AWAIT_MARKER = RuntimeAbi.AWAIT.getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRANSFORMED_MARKER =
            RuntimeAbi.TRANSFORMED_ANNOTATION_DESC.getBytes(StandardCharsets.UTF_8);

    /** The newest class file major version the bundled ASM reads. */
    private static final int NEWEST_VERSION = newestVersion();

    /**
     * What passes 1 to 3 made of a class.
     *
     * @param scan        what the scan found; null when the scan itself failed
     * @param plans       one plan per async method, in declaration order; none when any
     *                    diagnostic is an error
     * @param diagnostics errors and warnings of the three passes, in the order found
     */
    public record Planning(ScanResult scan, List<StateMachinePlan> plans, List<Diagnostic> diagnostics) {

        /** Copies the lists. */
        public Planning {
            plans = List.copyOf(plans);
            diagnostics = List.copyOf(diagnostics);
        }

        /**
         * Tells whether a pass reported an error.
         *
         * @return true if any diagnostic is an error
         */
        public boolean hasErrors() {
            return ClassTransformer.hasErrors(diagnostics);
        }
    }

    private final ClassHierarchy hierarchy;

    /**
     * Creates the transformer.
     *
     * @param hierarchy where the analysis reads the owner's superclasses and the types of calls
     */
    public ClassTransformer(ClassHierarchy hierarchy) {
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
    }

    /**
     * The constant-pool prefilter of pass 1: false means the class certainly needs no
     * transformation (it mentions neither {@code @Async} nor {@code Await}).
     *
     * @param classFile a class file
     * @return whether {@link #transform(byte[])} could change it
     */
    public static boolean mightNeedTransformation(byte[] classFile) {
        return ClassFileHeader.mentions(classFile, ASYNC_MARKER) || ClassFileHeader.mentions(classFile, AWAIT_MARKER);
    }

    /**
     * Tells whether Ferrite wrote a class file: a transformed owner or a generated state machine.
     *
     * @param classFile a class file
     * @return true if it carries the {@code @Transformed} marker
     */
    public static boolean isTransformed(byte[] classFile) {
        return ClassFileHeader.mentions(classFile, TRANSFORMED_MARKER);
    }

    /**
     * Runs the four passes on a class file; see
     * {@link io.ferrite.transformer.AsyncTransformer#transform(byte[])} for the outcomes.
     *
     * @param classFile the class file as compiled
     * @return the outcome, the bytes to write, generated classes and diagnostics
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public TransformResult transform(byte[] classFile) {
        if (!mightNeedTransformation(classFile)) {
            // Read without ASM, which refuses class files newer than it knows: they need nothing here.
            return TransformResult.untouched(ClassFileHeader.className(classFile), classFile,
                    TransformResult.Outcome.UNCHANGED);
        }
        int version = ClassFileHeader.majorVersion(classFile);
        if (version > NEWEST_VERSION) {
            String name = ClassFileHeader.className(classFile);
            return TransformResult.failed(name, classFile, List.of(Diagnostics.classTooNew(name, version,
                    NEWEST_VERSION)));
        }
        ClassReader reader = new ClassReader(classFile);
        String className = reader.getClassName();
        ClassNode owner = new ClassNode();
        reader.accept(owner, ClassReader.EXPAND_FRAMES);

        Planning planning = plan(owner);
        ScanResult scan = planning.scan();
        if (scan != null && scan.alreadyTransformed()) {
            // A nest host compiled again since would have lost the state machines: report them again.
            Map<String, List<String>> nest = owner.nestHostClass == null || scan.generatedBefore().isEmpty()
                    ? Map.of() : Map.of(owner.nestHostClass, scan.generatedBefore());
            return new TransformResult(TransformResult.Outcome.ALREADY_TRANSFORMED, className, classFile, Map.of(),
                    nest, List.of(), 0);
        }
        if (scan != null && scan.isEmpty()) {
            return TransformResult.untouched(className, classFile, TransformResult.Outcome.UNCHANGED);
        }
        List<Diagnostic> diagnostics = new ArrayList<>(planning.diagnostics());
        if (planning.hasErrors()) {
            return TransformResult.failed(className, classFile, reported(owner, diagnostics));
        }
        if (planning.plans().isEmpty()) {
            // Only warnings (a future never polled in a plain method): nothing to rewrite.
            return new TransformResult(TransformResult.Outcome.UNCHANGED, className, classFile, Map.of(), Map.of(),
                    reported(owner, diagnostics), 0);
        }

        // Pass 4, emit: readers of the plans only.
        Diagnostics report = new Diagnostics(owner);
        Map<String, byte[]> generated = new LinkedHashMap<>();
        for (StateMachinePlan plan : planning.plans()) {
            MethodNode method = plan.analysis().target().method();
            try {
                generated.put(plan.className(), new StateMachineEmitter().emit(plan, owner.innerClasses));
            } catch (MethodTooLargeException e) {
                diagnostics.add(report.methodTooLarge(method));
            } catch (RuntimeException e) {
                diagnostics.add(report.internalError(method, e));
            }
        }
        byte[] rewritten = null;
        try {
            rewritten = new OwnerClassEmitter().emit(classFile, planning.plans());
        } catch (RuntimeException e) {
            diagnostics.add(report.internalError(null, e));
        }
        if (hasErrors(diagnostics)) {
            return TransformResult.failed(className, classFile, reported(owner, diagnostics));
        }
        Map<String, List<String>> nestMembersToAdd = owner.nestHostClass == null ? Map.of()
                : Map.of(owner.nestHostClass, new ArrayList<>(generated.keySet()));
        return new TransformResult(TransformResult.Outcome.TRANSFORMED, className, rewritten, generated,
                nestMembersToAdd, reported(owner, diagnostics), planning.plans().size());
    }

    /**
     * Runs passes 1 to 3: scan, then (unless the scan found an error, or nothing to transform)
     * analyse and plan each async method. A class too old for nestmates is an error here.
     *
     * @param owner the class, read with {@code ClassReader.EXPAND_FRAMES}; never modified
     * @return the scan, the plans and the diagnostics
     */
    public Planning plan(ClassNode owner) {
        // Pass 1, scan.
        Diagnostics report = new Diagnostics(owner);
        ScanResult scan;
        try {
            scan = new AsyncMethodScanner().scan(owner);
        } catch (RuntimeException e) {
            return new Planning(null, List.of(), List.of(report.internalError(null, e)));
        }
        List<Diagnostic> diagnostics = new ArrayList<>(scan.diagnostics());
        if ((owner.version & 0xFFFF) < Opcodes.V11 && !scan.asyncMethods().isEmpty()) {
            diagnostics.add(report.classVersion(owner.version & 0xFFFF));
        }
        if (hasErrors(diagnostics) || scan.asyncMethods().isEmpty()) {
            return new Planning(scan, List.of(), diagnostics);
        }
        // Passes 2 and 3, analyse and plan, method by method.
        List<StateMachinePlan> plans = new ArrayList<>();
        AsyncMethodAnalyzer analyzer = new AsyncMethodAnalyzer(hierarchy);
        for (AsyncMethod method : scan.asyncMethods()) {
            try {
                MethodAnalysis analysis = analyzer.analyze(owner, method);
                diagnostics.addAll(analysis.diagnostics());
                if (!hasErrors(analysis.diagnostics())) {
                    plans.add(new StateMachinePlanner().plan(owner, analysis));
                }
            } catch (AnalyzerException | RuntimeException e) {
                diagnostics.add(report.internalError(method.method(), e));
            }
        }
        return new Planning(scan, hasErrors(diagnostics) ? List.of() : plans, diagnostics);
    }

    /**
     * What to report: every error, and each warning once (javac copies a {@code finally} block
     * into every exit path, so one call in the source may be several in the class file) unless
     * {@code @Suppress} silences it where it occurs.
     */
    private static List<Diagnostic> reported(ClassNode owner, List<Diagnostic> diagnostics) {
        if (diagnostics.stream().allMatch(Diagnostic::isError)) {
            return diagnostics;
        }
        Suppressions suppressions = new Suppressions(owner);
        Set<Diagnostic> warnings = new HashSet<>();
        List<Diagnostic> reported = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError() || !suppressions.covers(diagnostic) && warnings.add(diagnostic)) {
                reported.add(diagnostic);
            }
        }
        return reported;
    }

    private static int newestVersion() {
        int newest = 0;
        for (java.lang.reflect.Field field : Opcodes.class.getFields()) {
            if (field.getName().matches("V\\d+")) {
                try {
                    newest = Math.max(newest, field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return newest;
    }

    private static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}

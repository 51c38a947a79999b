package io.ferrite.transformer;

import io.ferrite.transformer.internal.AsyncMethod;
import io.ferrite.transformer.internal.AsyncMethodAnalyzer;
import io.ferrite.transformer.internal.AsyncMethodScanner;
import io.ferrite.transformer.internal.ClassFileHeader;
import io.ferrite.transformer.internal.Diagnostics;
import io.ferrite.transformer.internal.MethodAnalysis;
import io.ferrite.transformer.internal.NestMemberAdder;
import io.ferrite.transformer.internal.OwnerClassEmitter;
import io.ferrite.transformer.internal.ScanResult;
import io.ferrite.transformer.internal.StateMachineEmitter;
import io.ferrite.transformer.internal.StateMachinePlan;
import io.ferrite.transformer.internal.StateMachinePlanner;
import io.ferrite.transformer.internal.Suppressions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
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
 * The transformer's one entry point: rewrites the {@code @Async} methods and async lambdas of a
 * class file into state machines implementing {@code io.ferrite.Future}.
 *
 * <p>Build tools and the agent hand it class files; it never loads classes and never writes
 * files. Failures in user code come back as {@link Diagnostic}s; a failure of the transformer
 * itself is reported as an error diagnostic naming the class and method, never as a
 * half-transformed class.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(classPath)) {
 *     AsyncTransformer transformer = new AsyncTransformer(types);
 *     TransformResult result = transformer.transform(Files.readAllBytes(classFile));
 *     if (result.hasErrors()) {
 *         result.diagnostics().forEach(d -> System.err.println(d.format(null)));
 *     } else if (result.outcome() == TransformResult.Outcome.TRANSFORMED) {
 *         // write result.classFile() and result.generatedClasses()
 *     }
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * An instance may transform several classes concurrently if its hierarchy allows it (the
 * provided ones do).
 */
public final class AsyncTransformer {

    private static final byte[][] MARKERS = {
        "Lio/ferrite/annotations/Async;".getBytes(StandardCharsets.UTF_8),
        "io/ferrite/Await".getBytes(StandardCharsets.UTF_8),
    };

    /** The newest class file major version the bundled ASM reads. */
    private static final int NEWEST_VERSION = newestVersion();

    private final ClassHierarchy hierarchy;

    /**
     * Creates a transformer resolving types from {@code hierarchy}.
     *
     * @param hierarchy where to read the owner's superclasses (to find protected members the
     *                  state machine needs accessors for); never used to load a class
     */
    public AsyncTransformer(ClassHierarchy hierarchy) {
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
    }

    /**
     * Cheap pre-check on the raw bytes: false means the class certainly needs no
     * transformation (it mentions neither {@code @Async} nor {@code Await}).
     *
     * @param classFile a class file
     * @return whether {@link #transform(byte[])} could change it
     */
    public static boolean mightNeedTransformation(byte[] classFile) {
        for (byte[] marker : MARKERS) {
            if (indexOf(classFile, marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Transforms one class file with a transformer for {@code types}: the one call a tool needs.
     *
     * @param classFile the class file as compiled
     * @param types     where to read the classes the transformation needs
     * @return the outcome, the bytes to write, generated classes and diagnostics
     */
    public static TransformResult transform(byte[] classFile, ClassHierarchy types) {
        return new AsyncTransformer(types).transform(classFile);
    }

    /**
     * Transforms one class file: runs the passes scan, analyse, plan and emit (in this order,
     * here and nowhere else).
     *
     * <p>A class that mentions neither {@code @Async} nor {@code Await}, or has nothing to
     * transform, comes back {@link TransformResult.Outcome#UNCHANGED} with the very same bytes; a
     * class Ferrite already transformed comes back {@link TransformResult.Outcome#ALREADY_TRANSFORMED},
     * also unchanged, but still with its {@link TransformResult#nestMembersToAdd()} (from its
     * marker), since its nest host may have been compiled again since. Any error (in user code or in the transformer) gives
     * {@link TransformResult.Outcome#FAILED} and nothing to write.
     *
     * <p>Warnings (the async pitfalls of {@code docs/pitfalls.md}: {@code future-never-polled},
     * {@code blocking-call-in-async}, {@code lock-held-across-await}) never prevent the
     * transformation: the class is rewritten as without them, and they come back in
     * {@link TransformResult#diagnostics()}, each once, minus those that
     * {@code @io.ferrite.annotations.Suppress} silences. A class without async code may come back
     * {@link TransformResult.Outcome#UNCHANGED} with warnings.
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
            return TransformResult.failed(name, classFile, List.of(new Diagnostic(Diagnostic.Severity.ERROR,
                    Diagnostics.CLASS_VERSION, name, null, null, null, 0, null, "class " + name.replace('/', '.')
                            + " has class file version " + version + ", newer than this Ferrite can read (up to "
                            + NEWEST_VERSION + "). Compile with an older --release, or use a newer Ferrite.")));
        }
        ClassReader reader = new ClassReader(classFile);
        String className = reader.getClassName();
        ClassNode owner = new ClassNode();
        reader.accept(owner, ClassReader.EXPAND_FRAMES);
        Diagnostics report = new Diagnostics(owner);

        ScanResult scan;
        try {
            scan = new AsyncMethodScanner().scan(owner);
        } catch (RuntimeException e) {
            return TransformResult.failed(className, classFile, List.of(report.internalError(null, e)));
        }
        if (scan.alreadyTransformed()) {
            // A nest host compiled again since would have lost the state machines: report them again.
            Map<String, List<String>> nest = owner.nestHostClass == null || scan.generatedBefore().isEmpty()
                    ? Map.of() : Map.of(owner.nestHostClass, scan.generatedBefore());
            return new TransformResult(TransformResult.Outcome.ALREADY_TRANSFORMED, className, classFile, Map.of(),
                    nest, List.of(), 0);
        }
        if (scan.isEmpty()) {
            return TransformResult.untouched(className, classFile, TransformResult.Outcome.UNCHANGED);
        }
        List<Diagnostic> diagnostics = new ArrayList<>(scan.diagnostics());
        if ((owner.version & 0xFFFF) < Opcodes.V11 && !scan.asyncMethods().isEmpty()) {
            diagnostics.add(report.classVersion(owner.version & 0xFFFF));
        }
        if (hasErrors(diagnostics)) {
            return TransformResult.failed(className, classFile, reported(owner, diagnostics));
        }
        if (scan.asyncMethods().isEmpty()) {
            // Only warnings (a future never polled in a plain method): nothing to rewrite.
            return new TransformResult(TransformResult.Outcome.UNCHANGED, className, classFile, Map.of(), Map.of(),
                    reported(owner, diagnostics), 0);
        }

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
        if (hasErrors(diagnostics)) {
            return TransformResult.failed(className, classFile, reported(owner, diagnostics));
        }

        Map<String, byte[]> generated = new LinkedHashMap<>();
        for (StateMachinePlan plan : plans) {
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
            rewritten = new OwnerClassEmitter().emit(classFile, plans);
        } catch (RuntimeException e) {
            diagnostics.add(report.internalError(null, e));
        }
        if (hasErrors(diagnostics)) {
            return TransformResult.failed(className, classFile, reported(owner, diagnostics));
        }
        Map<String, List<String>> nestMembersToAdd = new LinkedHashMap<>();
        if (owner.nestHostClass != null && !plans.isEmpty()) {
            nestMembersToAdd.put(owner.nestHostClass, new ArrayList<>(generated.keySet()));
        }
        return new TransformResult(TransformResult.Outcome.TRANSFORMED, className, rewritten, generated,
                nestMembersToAdd, reported(owner, diagnostics), plans.size());
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

    /**
     * Adds generated classes to the {@code NestMembers} of a nest host class file (JVMS 4.7.29),
     * so that they may access its private members and those of its other members. Idempotent:
     * members already listed are skipped, and when none is missing the same array is returned.
     *
     * <p>Build tools call it for each entry of {@link TransformResult#nestMembersToAdd()}, on the
     * host's class file as it will be written (after its own transformation, if it had any).
     *
     * @param hostClassFile the nest host's class file
     * @param members       internal names of the classes to add
     * @return the updated class file
     * @throws IllegalArgumentException if the class is not a nest host (it names another host)
     */
    public static byte[] addNestMembers(byte[] hostClassFile, Collection<String> members) {
        return NestMemberAdder.add(hostClassFile, List.copyOf(members));
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

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

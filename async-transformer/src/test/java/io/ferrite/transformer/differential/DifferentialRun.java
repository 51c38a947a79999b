package io.ferrite.transformer.differential;

import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.internal.AsyncStateMachine;
import io.ferrite.transformer.differential.ProgramGenerator.Feature;
import io.ferrite.transformer.differential.ProgramGenerator.GeneratedClass;
import io.ferrite.transformer.differential.ProgramGenerator.GeneratedMethod;
import io.ferrite.transformer.testing.Driver;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One run of the differential test: generates classes of random methods, builds each twice,
 * runs every method in both builds and compares what they did.
 *
 * <p>The source imports Ferrite's {@code await} and is compiled once. The transformed build is
 * javac's output transformed; the reference build is javac's output with every call of
 * {@code io.ferrite.Await.await} rebound to {@link Ref#await} (same descriptors), not
 * transformed: exactly the source compiled with {@code Ref.await} imported instead, for half
 * of javac's time.
 *
 * <p>The transformed build goes through the {@link io.ferrite.transformer.AsyncTransformer}
 * façade and the verifying {@link TransformingClassLoader}; it is driven poll by poll by a
 * {@link Driver}, with pending futures completed between polls by the run's schedule, and
 * checked on the way: its call runs nothing (laziness), every pending poll leaves a waker with
 * a future it waits for (no lost wake-up), completing that future wakes it, it never completes
 * while a future it polled is still pending, and polling it again after it completed throws
 * {@link IllegalStateException}. The reference build runs directly.
 */
final class DifferentialRun {

    /** The package of generated classes. */
    static final String PACKAGE = "io.ferrite.transformer.differential.gen";
    /** Methods per generated class: javac's time is mostly per class, not per method. */
    static final int PER_CLASS = 100;

    private static final int MAX_POLLS = 100_000;
    private static final MethodType RUN = MethodType.methodType(Future.class, int.class, Env.class);
    /** The state machine's state and awaited future, read to find where it is suspended. */
    private static final Field STATE = machineField("state");
    private static final Field AWAITING = machineField("awaiting");

    /**
     * What one build of one method did.
     *
     * @param result     its value (with its class) or the exception it threw (class, message,
     *                   suppressed exceptions and cause)
     * @param log        its side effects in order
     * @param awaited    the numbers of the hand-made futures it polled
     * @param violations broken rules of the future contract (transformed build only)
     * @param polls      how many times it was polled (transformed build only)
     * @param pending    how many of those polls were pending
     * @param wakes      how many times it was woken
     */
    record Outcome(String result, List<String> log, List<Integer> awaited, List<String> violations, int polls,
            int pending, int wakes) {

        String describe() {
            StringBuilder text = new StringBuilder("  result:  ").append(result).append('\n')
                    .append("  awaited: ").append(awaited).append('\n');
            if (!violations.isEmpty()) {
                text.append("  violations: ").append(violations).append('\n');
            }
            text.append("  log (").append(log.size()).append(" entries):\n");
            for (int i = 0; i < log.size(); i++) {
                text.append(String.format("    %3d %s%n", i, log.get(i)));
            }
            return text.toString();
        }
    }

    /**
     * A method whose builds differ.
     *
     * @param seed      the run's seed
     * @param method    the method
     * @param variant   run to completion, or cancelled where
     * @param source    its source and the sources of the methods it calls
     * @param reference what the reference build did
     * @param actual    what the transformed build did
     * @param problems  how they differ
     */
    record Mismatch(long seed, int method, String variant, String source, Outcome reference, Outcome actual,
            List<String> problems) {

        String describe() {
            return "method m" + method + ", " + variant + " (seed " + seed + ", reproduce with"
                    + " -Dferrite.differential.seed=" + seed + " -Dferrite.differential.only=" + method + "):\n"
                    + "  problems: " + String.join("; ", problems) + "\n"
                    + ProgramGenerator.indent(source) + "\n"
                    + "reference build:\n" + reference.describe()
                    + "transformed build:\n" + actual.describe();
        }
    }

    /**
     * What a run found.
     *
     * @param seed       its seed
     * @param methods    how many methods ran in both builds
     * @param mismatches the methods whose builds differ
     * @param stats      totals over the transformed runs, to show the mix of outcomes
     */
    record Report(long seed, int methods, List<Mismatch> mismatches, Stats stats) {
    }

    /** Totals over the transformed runs. */
    static final class Stats {
        int values;
        int exceptions;
        int polls;
        int pending;
        int wakes;
        int awaited;
        int logEntries;
        int cancelled;
        int cancelSkipped;
        /** CPU time of this thread in each phase, in nanoseconds. */
        long generating;
        long compiling;
        long running;

        @Override
        public String toString() {
            return values + " completed with a value, " + exceptions + " with an exception; " + polls + " polls ("
                    + pending + " pending), " + wakes + " wakes, " + awaited + " hand-made futures awaited, "
                    + logEntries + " log entries; " + cancelled + " cancelled at a suspension (" + cancelSkipped
                    + " not, being suspended on a nested state machine or a tail future); CPU " + String.format("%.1f s generating, %.1f s compiling, %.1f s"
                    + " transforming, loading and running", generating / 1e9, compiling / 1e9, running / 1e9);
        }
    }

    private final long seed;
    private final Set<Feature> disabled;

    /**
     * Prepares a run.
     *
     * @param seed     decides the programs and the schedules
     * @param disabled constructs the generator must not write
     */
    DifferentialRun(long seed, Set<Feature> disabled) {
        this.seed = seed;
        this.disabled = disabled;
    }

    /**
     * Generates, builds, runs and compares methods {@code 0..count-1}, or just one of them.
     *
     * @param count how many methods to generate
     * @param only  the number of the one method to run, or -1 for all
     * @return the report
     */
    Report run(int count, int only) {
        Stats stats = new Stats();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        ProgramGenerator generator = new ProgramGenerator(seed, disabled);
        List<GeneratedClass> classes = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (int first = 0; first < count; first += PER_CLASS) {
            GeneratedClass generated = generator.generateClass(PACKAGE, "Batch" + first / PER_CLASS, first,
                    Math.min(PER_CLASS, count - first));
            if (only < 0 || only >= first && only < first + PER_CLASS) {
                classes.add(generated);
                sources.put(generated.binaryName(), generated.source());
            }
        }
        dump(sources);
        long written = cpu.getCurrentThreadCpuTime();
        Builds builds = Builds.compile(sources);
        long compiled = cpu.getCurrentThreadCpuTime();
        stats.generating = written - start;
        stats.compiling = compiled - written;

        List<Mismatch> mismatches = new ArrayList<>();
        int methods = 0;
        for (GeneratedClass generated : classes) {
            MethodHandle reference;
            try {
                reference = builds.reference(generated.binaryName());
            } catch (LinkageError e) {
                throw new AssertionError("the untransformed class " + generated.binaryName() + " does not load: javac"
                        + " wrote code the JVM rejects, a javac bug the generator must avoid (seed " + seed + ")", e);
            }
            MethodHandle transformed;
            String loadFailure = null;
            try {
                transformed = builds.transformed(generated.binaryName());
            } catch (Throwable e) {
                transformed = null;
                loadFailure = describe(e);
            }
            for (GeneratedMethod method : generated.methods()) {
                if (only >= 0 && method.index() != only) {
                    continue;
                }
                methods++;
                long methodSeed = methodSeed(seed, method.index());
                Outcome expected = runReference(reference, method.index(), methodSeed);
                Outcome actual = transformed == null
                        ? new Outcome("class not loaded: " + loadFailure, List.of(), List.of(), List.of(), 0, 0, 0)
                        : runTransformed(transformed, method.index(), methodSeed, method.isAsync());
                stats.values += actual.result().startsWith("value") ? 1 : 0;
                stats.exceptions += actual.result().startsWith("throws") ? 1 : 0;
                stats.polls += actual.polls();
                stats.pending += actual.pending();
                stats.wakes += actual.wakes();
                stats.awaited += actual.awaited().size();
                stats.logEntries += actual.log().size();
                List<String> problems = compare(expected, actual);
                if (!problems.isEmpty()) {
                    mismatches.add(new Mismatch(seed, method.index(), "run to completion",
                            sourceWithCallees(generated, method), expected, actual, problems));
                } else if (actual.pending() > 0) {
                    // Cancel at one of its suspensions, chosen by the seed.
                    int k = 1 + (int) Math.floorMod(methodSeed >>> 7, (long) actual.pending());
                    Cancellation cancelled = runTransformedCancelled(transformed, method.index(), methodSeed, k);
                    if (cancelled == null) {
                        stats.cancelSkipped++;
                        continue;
                    }
                    stats.cancelled++;
                    Outcome unwound = runReferenceCancelled(reference, method.index(), methodSeed, cancelled.future());
                    problems = compare(unwound, cancelled.outcome());
                    if (!problems.isEmpty()) {
                        mismatches.add(new Mismatch(seed, method.index(), "cancelled at its pending poll " + k
                                + ", suspended on f" + cancelled.future(), sourceWithCallees(generated, method),
                                unwound, cancelled.outcome(), problems));
                    }
                }
            }
        }
        stats.running = cpu.getCurrentThreadCpuTime() - compiled;
        return new Report(seed, methods, mismatches, stats);
    }

    /** Writes the sources to the directory named by {@code ferrite.differential.dump}, if set. */
    private static void dump(Map<String, String> sources) {
        String dir = System.getProperty("ferrite.differential.dump");
        if (dir == null) {
            return;
        }
        try {
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = Path.of(dir, source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed of one method's futures: the same in both builds, different for each method. */
    static long methodSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        return z ^ (z >>> 29);
    }

    private static String sourceWithCallees(GeneratedClass generated, GeneratedMethod method) {
        Map<Integer, GeneratedMethod> byIndex = new LinkedHashMap<>();
        generated.methods().forEach(m -> byIndex.put(m.index(), m));
        StringBuilder source = new StringBuilder(method.source());
        Set<Integer> callees = new LinkedHashSet<>(method.callees());
        for (int callee : callees) {
            source.append("\n// called above:\n").append(byIndex.get(callee).source());
        }
        return source.toString();
    }

    /**
     * Runs a method of the reference build: calls it and blocks on the future it returns.
     *
     * @param run   the class's dispatcher
     * @param index the method's number
     * @param seed  the method's seed
     * @return what it did
     */
    static Outcome runReference(MethodHandle run, int index, long seed) {
        Env env = new Env(seed, seed ^ 0x5DEECE66DL);
        env.enter();
        String result;
        try {
            result = value(env.block((Future<?>) run.invokeExact(index, env)));
        } catch (Throwable e) {
            result = describe(e);
        } finally {
            Env.exit();
        }
        return new Outcome(result, env.log(), env.polled(), List.of(), 0, 0, 0);
    }

    /**
     * Runs a method of the transformed build poll by poll, checking the future contract.
     *
     * @param run   the class's dispatcher
     * @param index the method's number
     * @param seed  the method's seed
     * @param lazy  whether calling it must run none of its body (an {@code @Async} method)
     * @return what it did
     */
    static Outcome runTransformed(MethodHandle run, int index, long seed, boolean lazy) {
        // Deliberately no env.enter(): an await left untransformed must fail, not block.
        Env env = new Env(seed, ~seed);
        List<String> violations = new ArrayList<>();
        Future<?> future;
        try {
            future = (Future<?>) run.invokeExact(index, env);
        } catch (Throwable e) {
            return new Outcome(describe(e), env.log(), env.polled(), violations, 0, 0, 0);
        }
        // A plain method may return the future of a lambda that does not await (not a state machine).
        boolean stateMachine = future instanceof AsyncStateMachine;
        if (lazy && !stateMachine) {
            violations.add("the @Async method returned a " + future.getClass().getName() + ": it was not transformed");
        }
        if (lazy && (env.created() > 0 || env.log().stream().anyMatch(entry -> !entry.startsWith("new Box(")))) {
            violations.add("its body ran before the first poll: " + env.log());
        }
        Driver<?> driver = Driver.of(future);
        String result = null;
        int pending = 0;
        while (result == null) {
            if (driver.polls() >= MAX_POLLS) {
                violations.add("still pending after " + MAX_POLLS + " polls");
                result = "pending";
                break;
            }
            Poll<?> poll;
            try {
                poll = driver.poll();
            } catch (Throwable e) {
                result = describe(e);
                break;
            }
            if (poll.isReady()) {
                result = value(poll.value());
                break;
            }
            pending++;
            if (env.waiters() == 0) {
                violations.add("poll " + driver.polls() + " returned pending, but no future it awaits holds its waker"
                        + " (lost wake-up)");
                result = "pending";
                break;
            }
            int wakes = driver.wakes();
            if (env.settle() > 0 && driver.wakes() == wakes) {
                violations.add("a future it waited for completed after poll " + driver.polls()
                        + " without waking it");
            }
        }
        if (!result.equals("pending")) {
            List<Integer> stillPending = env.polledButPending();
            if (!stillPending.isEmpty()) {
                violations.add("completed while futures it awaited were pending: " + stillPending);
            }
            try {
                if (stateMachine) {
                    driver.poll();
                    violations.add("a poll after completion did not throw");
                }
            } catch (IllegalStateException expected) {
                // Single use, as documented.
            } catch (Throwable e) {
                violations.add("a poll after completion threw " + describe(e) + " instead of IllegalStateException");
            }
        }
        return new Outcome(result, env.log(), env.polled(), violations, driver.polls(), pending, driver.wakes());
    }

    /**
     * Where a cancelled transformed run was cancelled, and what it did.
     *
     * @param future  the number of the future it was suspended on
     * @param outcome {@code cancelled} if {@code cancel()} returned, else what it threw; the log
     */
    record Cancellation(int future, Outcome outcome) {
    }

    /**
     * Runs a method of the transformed build as {@link #runTransformed} does (same schedule) up
     * to its {@code k}-th pending poll, then cancels it.
     *
     * @return what it did, or null when it was not suspended on a hand-made future or stage there
     *         (but on a nested state machine, whose cancellation the blocking reference cannot
     *         mirror, or on a tail future, which leaves no body to unwind)
     */
    static Cancellation runTransformedCancelled(MethodHandle run, int index, long seed, int k) {
        Env env = new Env(seed, ~seed);
        Future<?> future;
        try {
            future = (Future<?>) run.invokeExact(index, env);
        } catch (Throwable e) {
            return null;
        }
        if (!(future instanceof AsyncStateMachine)) {
            return null;
        }
        Driver<?> driver = Driver.of(future);
        for (int pending = 0; pending < k; ) {
            try {
                if (driver.poll().isReady()) {
                    return null;
                }
            } catch (Throwable e) {
                return null;
            }
            if (++pending < k) {
                env.settle();
            }
        }
        int suspendedOn = env.waitingFuture();
        if (suspendedOn < 0 || stateOf(future) <= 0 || awaitingOf(future) instanceof AsyncStateMachine) {
            return null;
        }
        String result;
        try {
            future.cancel();
            result = "cancelled";
        } catch (Throwable e) {
            result = describe(e);
        }
        List<String> violations = new ArrayList<>();
        if (!env.wasCancelled(suspendedOn)) {
            violations.add("cancel() did not cancel f" + suspendedOn + ", the future it was suspended on");
        }
        return new Cancellation(suspendedOn, new Outcome(result, env.log(), List.of(), violations, driver.polls(),
                k, driver.wakes()));
    }

    /**
     * Runs a method of the reference build with the await of one future cancelled: it throws
     * {@link io.ferrite.Cancelled}, and so does every await after it, as documented for a
     * cancelled {@code @Async} future.
     *
     * @return {@code cancelled} if the body unwound (or swallowed the cancellation), else what it
     *         threw while unwinding; the log
     */
    static Outcome runReferenceCancelled(MethodHandle run, int index, long seed, int future) {
        Env env = new Env(seed, seed ^ 0x5DEECE66DL);
        env.cancelAt(future);
        env.enter();
        String result;
        try {
            Future<?> returned = (Future<?>) run.invokeExact(index, env);
            result = env.cancelling() ? "cancelled" : "completed without awaiting f" + future + ": " + returned;
        } catch (io.ferrite.Cancelled e) {
            result = env.cancelling() ? "cancelled" : describe(e);
        } catch (Throwable e) {
            result = env.cancelling() ? describe(e) : "failed without awaiting f" + future + ": " + describe(e);
        } finally {
            Env.exit();
        }
        return new Outcome(result, env.log(), List.of(), List.of(), 0, 0, 0);
    }

    private static int stateOf(Future<?> machine) {
        try {
            return STATE.getInt(machine);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Object awaitingOf(Future<?> machine) {
        try {
            return AWAITING.get(machine);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field machineField(String name) {
        try {
            Field field = AsyncStateMachine.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Compares the transformed build's outcome with the reference's.
     *
     * @param expected the reference
     * @param actual   the transformed build
     * @return the differences; empty if none
     */
    static List<String> compare(Outcome expected, Outcome actual) {
        List<String> problems = new ArrayList<>(actual.violations());
        if (!expected.result().equals(actual.result())) {
            problems.add("result differs");
        }
        if (!expected.log().equals(actual.log())) {
            int i = 0;
            while (i < expected.log().size() && i < actual.log().size()
                    && expected.log().get(i).equals(actual.log().get(i))) {
                i++;
            }
            problems.add("log differs from entry " + i);
        }
        if (!expected.awaited().equals(actual.awaited())) {
            problems.add("awaited futures differ");
        }
        return problems;
    }

    private static String value(Object value) {
        return "value " + (value == null ? "null" : value.getClass().getSimpleName() + " " + Env.show(value));
    }

    /**
     * Describes an exception for comparison: class, message, suppressed exceptions and cause.
     *
     * @param e the exception
     * @return its description
     */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder("throws ").append(e.getClass().getName()).append(": ")
                .append(e.getMessage());
        for (Throwable suppressed : e.getSuppressed()) {
            text.append(" [suppressed ").append(describe(suppressed)).append(']');
        }
        if (e.getCause() != null && e.getCause() != e) {
            text.append(" [cause ").append(describe(e.getCause())).append(']');
        }
        return text.toString();
    }

    /** The two builds of the generated classes, loaded side by side under the same names. */
    static final class Builds {
        private static final String AWAIT = "io/ferrite/Await";
        private static final String REF = Type.getInternalName(Ref.class);
        private static final String ENV = Type.getInternalName(Env.class);

        private final ClassLoader reference;
        private final TransformingClassLoader transformed;

        private Builds(Map<String, byte[]> classes) {
            Map<String, byte[]> rebound = new TreeMap<>();
            classes.forEach((name, bytes) -> rebound.put(name, rebindAwait(bytes)));
            MemoryClassLoader memory = new MemoryClassLoader(DifferentialRun.class.getClassLoader(), classes, rebound);
            this.reference = memory;
            this.transformed = new TransformingClassLoader(memory, PACKAGE);
        }

        /**
         * Compiles sources and loads both builds.
         *
         * @param sources source text by binary name, in {@link #PACKAGE}
         * @return the loaded builds
         */
        static Builds compile(Map<String, String> sources) {
            return new Builds(InMemoryCompiler.compile(sources));
        }

        /**
         * Returns a class file whose calls of {@code Await.await} call {@link Ref#await} instead.
         *
         * <p>A lambda returning a future that calls no {@code await} (javac may also have dropped
         * its awaits as dead code) is not an async lambda: the transformer leaves it alone, so
         * its body runs when it is called, in the transformed build too. Its {@link Env#begin()}
         * is removed here, so that the reference does not treat that eager body as a lazy one
         * called while unwinding (seed 566838020, method 79573: a finally block awaiting such a
         * lambda's future while cancelled).
         */
        static byte[] rebindAwait(byte[] classFile) {
            ClassNode node = new ClassNode();
            new ClassReader(classFile).accept(node, 0);
            for (MethodNode method : node.methods) {
                boolean eagerLambda = method.name.startsWith("lambda$")
                        && Type.getReturnType(method.desc).getInternalName().equals("io/ferrite/Future");
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                            && call.owner.equals(AWAIT) && call.name.equals("await")) {
                        eagerLambda = false;
                    }
                }
                for (AbstractInsnNode insn : method.instructions.toArray()) {
                    if (!(insn instanceof MethodInsnNode call)) {
                        continue;
                    }
                    if (call.getOpcode() == Opcodes.INVOKESTATIC && call.owner.equals(AWAIT)
                            && call.name.equals("await")) {
                        call.owner = REF;
                    } else if (eagerLambda && call.owner.equals(ENV) && call.name.equals("begin")) {
                        method.instructions.set(call, new InsnNode(Opcodes.POP));  // drops the receiver
                    }
                }
            }
            ClassWriter writer = new ClassWriter(0);
            node.accept(writer);
            return writer.toByteArray();
        }

        /** The dispatcher of a class of the reference build. */
        MethodHandle reference(String binaryName) {
            return dispatcher(load(reference, binaryName));
        }

        /** The dispatcher of a class of the transformed build (transforming and verifying it). */
        MethodHandle transformed(String binaryName) {
            return dispatcher(load(transformed, binaryName));
        }

        private static Class<?> load(ClassLoader loader, String binaryName) {
            try {
                return Class.forName(binaryName, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        private static MethodHandle dispatcher(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findStatic(type, "run", RUN);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("no dispatcher in " + type, e);
            }
        }
    }

    static String summary(Report report, long nanos) {
        return String.format("differential: seed %d, %d methods, %d mismatches, %.1f s; %s", report.seed(),
                report.methods(), report.mismatches().size(), nanos / 1e9, report.stats());
    }

    static String failureMessage(Report report, int shown) {
        List<Mismatch> smallest = new ArrayList<>(report.mismatches());
        smallest.sort((a, b) -> Integer.compare(a.source().length(), b.source().length()));
        StringBuilder message = new StringBuilder(report.mismatches().size() + " of " + report.methods()
                + " generated methods behave differently when transformed (seed " + report.seed() + "); the "
                + Math.min(shown, smallest.size()) + " smallest:\n\n");
        for (Mismatch mismatch : smallest.subList(0, Math.min(shown, smallest.size()))) {
            message.append(mismatch.describe()).append('\n');
        }
        List<Integer> all = report.mismatches().stream().map(Mismatch::method).toList();
        message.append("methods: ").append(all.subList(0, Math.min(50, all.size())))
                .append(all.size() > 50 ? " and " + (all.size() - 50) + " more" : "");
        return message.toString();
    }
}

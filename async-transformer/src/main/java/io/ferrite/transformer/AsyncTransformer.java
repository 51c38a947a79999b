package io.ferrite.transformer;

import io.ferrite.transformer.internal.BatchTransformer;
import io.ferrite.transformer.internal.ClassTransformer;
import io.ferrite.transformer.internal.NestMemberAdder;
import java.util.Collection;
import java.util.List;

/**
 * The transformer's one entry point: rewrites the {@code @Async} methods and async lambdas of
 * class files into state machines implementing {@code io.ferrite.Future}.
 *
 * <p>Each class goes through four passes, in this order: scan (find the async methods; a
 * constant-pool prefilter lets every other class go by unparsed), analyse (suspension points,
 * frame types, liveness, checks), plan (an immutable plan per state machine) and emit (the state
 * machines and the rewritten class). The order is coded once, in the engine's
 * {@code internal.ClassTransformer}; {@code internal/package-info.java} names the passes.
 *
 * <p>Build tools and the agent hand it class files through one batch API, {@link #batch}: class
 * files in, the files to write out, with the nest hosts of the generated classes updated (as
 * JaCoCo's {@code Instrumenter.instrumentAll} serves its Maven, Ant, command-line and agent front
 * ends). It never loads classes and never writes files. Failures in user code come back as
 * {@link Diagnostic}s; a failure of the transformer itself is reported as an error diagnostic
 * naming the class and method, never as a half-transformed class.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(classPath)) {
 *     TransformBatch batch = new AsyncTransformer(types).batch(ClassFiles.ofDirectory(classes));
 *     batch.add("com/acme/Orders", Files.readAllBytes(classes.resolve("com/acme/Orders.class")));
 *     BatchResult result = batch.finish();
 *     if (result.hasErrors()) {
 *         result.diagnostics().forEach(d -> System.err.println(d.format(null)));
 *     } else {
 *         // write result.classFilesToWrite(), in its order
 *     }
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * An instance may transform several classes concurrently if its hierarchy allows it (the
 * provided ones do); a {@link TransformBatch} belongs to one thread.
 */
public final class AsyncTransformer {

    private final ClassTransformer passes;

    /**
     * Creates a transformer resolving types from {@code hierarchy}.
     *
     * @param hierarchy where to read the owner's superclasses (to find protected members the
     *                  state machine needs accessors for); never used to load a class
     */
    public AsyncTransformer(ClassHierarchy hierarchy) {
        this.passes = new ClassTransformer(hierarchy);
    }

    /**
     * Cheap pre-check on the raw bytes: false means the class certainly needs no
     * transformation (it mentions neither {@code @Async} nor {@code Await}).
     *
     * @param classFile a class file
     * @return whether {@link #transform(byte[])} could change it
     */
    public static boolean mightNeedTransformation(byte[] classFile) {
        return ClassTransformer.mightNeedTransformation(classFile);
    }

    /**
     * Tells whether Ferrite wrote a class file (a transformed class or a generated state
     * machine), by its {@code @Transformed} marker: a build deletes a generated file it no longer
     * needs only if this holds.
     *
     * @param classFile a class file
     * @return true if it carries Ferrite's marker
     */
    public static boolean isTransformed(byte[] classFile) {
        return ClassTransformer.isTransformed(classFile);
    }

    /**
     * Transforms one class file with a transformer for {@code types}.
     *
     * @param classFile the class file as compiled
     * @param types     where to read the classes the transformation needs
     * @return the outcome, the bytes to write, generated classes and diagnostics
     */
    public static TransformResult transform(byte[] classFile, ClassHierarchy types) {
        return new AsyncTransformer(types).transform(classFile);
    }

    /**
     * Starts a batch: class files are {@linkplain TransformBatch#add added} one by one, then
     * {@linkplain TransformBatch#finish finished} together, which updates the nest hosts of the
     * generated classes and says what to write.
     *
     * @param others where the batch reads the nest hosts and members that are not in it, and
     *               what becomes of them (a class directory, or a class loader's classes)
     * @return an empty batch
     */
    public TransformBatch batch(ClassFiles others) {
        return new BatchTransformer(passes, others);
    }

    /**
     * Transforms one class file, on its own: runs the passes scan, analyse, plan and emit.
     *
     * <p>A class that mentions neither {@code @Async} nor {@code Await}, or has nothing to
     * transform, comes back {@link TransformResult.Outcome#UNCHANGED} with the very same bytes; a
     * class Ferrite already transformed comes back {@link TransformResult.Outcome#ALREADY_TRANSFORMED},
     * also unchanged, but still with its {@link TransformResult#nestMembersToAdd()} (from its
     * marker), since its nest host may have been compiled again since. Any error (in user code or
     * in the transformer) gives {@link TransformResult.Outcome#FAILED} and nothing to write. The
     * nest hosts named in {@link TransformResult#nestMembersToAdd()} are left to the caller: a
     * {@link #batch} updates them.
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
        return passes.transform(classFile);
    }

    /**
     * Adds generated classes to the {@code NestMembers} of a nest host class file (JVMS 4.7.29),
     * so that they may access its private members and those of its other members. Idempotent:
     * members already listed are skipped, and when none is missing the same array is returned.
     * A {@link #batch} does this itself; this is for a tool that transforms classes one by one.
     *
     * @param hostClassFile the nest host's class file
     * @param members       internal names of the classes to add
     * @return the updated class file
     * @throws IllegalArgumentException if the class is not a nest host (it names another host)
     */
    public static byte[] addNestMembers(byte[] hostClassFile, Collection<String> members) {
        return NestMemberAdder.add(hostClassFile, List.copyOf(members));
    }
}

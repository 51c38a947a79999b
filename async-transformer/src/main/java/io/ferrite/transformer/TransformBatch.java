package io.ferrite.transformer;

/**
 * Class files transformed together, all or nothing, with the nest hosts updated: the one batch
 * API that a build tool (a class directory) and the agent (the class being loaded) both use.
 *
 * <p>Each {@link #add} runs the passes on one class file at once and returns its result, so that
 * a build need not keep the bytes of classes that are left alone. {@link #finish} then does what
 * needs the whole batch: a state machine generated for a nest member (an inner, local or
 * anonymous class) must be listed in its nest host's {@code NestMembers} (JVMS 4.7.29), whether
 * the host is in the batch or among the {@link ClassFiles} the batch was created with, and a host
 * in the batch must list the state machines of its members outside it. It returns the class files
 * to write, in the order to write them.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * TransformBatch batch = transformer.batch(ClassFiles.ofDirectory(classes));
 * for (Path file : changedClassFiles) {
 *     String name = classes.relativize(file).toString().replace(".class", "");
 *     TransformResult result = batch.add(name, Files.readAllBytes(file));
 * }
 * BatchResult written = batch.finish();
 * if (!written.hasErrors()) {
 *     written.classFilesToWrite().forEach((name, bytes) -> write(classes.resolve(name + ".class"), bytes));
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Not thread-safe: one thread adds the class files and finishes.
 */
public interface TransformBatch {

    /**
     * Transforms one class file of the batch; see {@link AsyncTransformer#transform(byte[])}.
     * Bytes that are not a class file give a {@link TransformResult.Outcome#FAILED} result with
     * an {@code invalid-class-file} error, so that a build reports them with the other errors.
     *
     * @param internalName the class's internal name, e.g. {@code com/acme/Orders}
     * @param classFile    the class file as compiled
     * @return the class's result; write nothing before {@link #finish()}
     * @throws IllegalArgumentException if a class of that name was already added
     * @throws IllegalStateException    if the batch is finished
     */
    TransformResult add(String internalName, byte[] classFile);

    /**
     * Completes the nest hosts and returns what to write; the batch takes no more class files.
     *
     * @return the class files to write and every diagnostic, or only the diagnostics when any is
     *         an error
     * @throws IllegalStateException           if called twice
     * @throws java.io.UncheckedIOException   if a class file outside the batch cannot be read
     */
    BatchResult finish();
}

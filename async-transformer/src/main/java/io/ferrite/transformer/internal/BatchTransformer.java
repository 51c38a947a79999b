package io.ferrite.transformer.internal;

import io.ferrite.transformer.BatchResult;
import io.ferrite.transformer.ClassFiles;
import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.TransformBatch;
import io.ferrite.transformer.TransformResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine behind {@link TransformBatch}: runs {@link ClassTransformer} on each class added,
 * keeps what the batch needs later (the rewritten classes, the generated ones, and the classes
 * that may be nest hosts), and on {@link #finish()} does the nest bookkeeping in one place.
 *
 * <p>Nest hosts (JVMS 4.7.29) learn their new members two ways. A transformed member pushes its
 * state machines to its host ({@link TransformResult#nestMembersToAdd()}), and so does an already
 * transformed one (its host may have been compiled again since, losing them). A host in the batch
 * pulls the state machines of its members outside the batch: a member that stays as it is
 * contributes those it already has (its {@code @Transformed} marker lists them); a member that
 * will be transformed when it loads is transformed here, in memory, only to learn their names.
 * A host outside the batch is read, updated and returned when its files stay as they are, and
 * left alone when its class is transformed as it loads (it pulls then).
 */
public final class BatchTransformer implements TransformBatch {

    private static final byte[] NEST_MEMBERS = "NestMembers".getBytes(StandardCharsets.UTF_8);

    private final ClassTransformer transformer;
    private final ClassFiles others;
    /** Every class added, with its bytes as they now read when it may be needed again, else null. */
    private final Map<String, byte[]> added = new LinkedHashMap<>();
    /** The classes of the batch whose class file mentions NestMembers: the hosts that may pull. */
    private final List<String> hosts = new ArrayList<>();
    private final Map<String, byte[]> generated = new LinkedHashMap<>();
    private final Map<String, byte[]> rewritten = new LinkedHashMap<>();
    private final Map<String, Set<String>> joining = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private boolean finished;

    /**
     * Creates an empty batch.
     *
     * @param transformer runs the passes on each class
     * @param others      where the classes outside the batch are read, and what becomes of them
     */
    public BatchTransformer(ClassTransformer transformer, ClassFiles others) {
        this.transformer = Objects.requireNonNull(transformer, "transformer");
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public TransformResult add(String internalName, byte[] classFile) {
        if (finished) {
            throw new IllegalStateException("the batch is finished: " + internalName + " came too late");
        }
        if (added.containsKey(internalName)) {
            throw new IllegalArgumentException(internalName + " was already added to this batch");
        }
        TransformResult result;
        try {
            result = transformer.transform(classFile);
        } catch (IllegalArgumentException e) {
            result = TransformResult.failed(internalName, classFile,
                    List.of(Diagnostics.invalidClassFile(internalName, e)));
        }
        diagnostics.addAll(result.diagnostics());
        boolean host = result.outcome() != TransformResult.Outcome.FAILED
                && ClassFileHeader.mentions(result.classFile(), NEST_MEMBERS);
        switch (result.outcome()) {
            case TRANSFORMED:
                generated.putAll(result.generatedClasses());
                rewritten.put(internalName, result.classFile());
                push(result.nestMembersToAdd());
                break;
            case ALREADY_TRANSFORMED:
                push(result.nestMembersToAdd());
                break;
            default:
                break;
        }
        added.put(internalName, host || rewritten.containsKey(internalName) ? result.classFile() : null);
        if (host) {
            hosts.add(internalName);
        }
        return result;
    }

    @Override
    public BatchResult finish() {
        if (finished) {
            throw new IllegalStateException("the batch is already finished");
        }
        finished = true;
        for (String host : hosts) {
            for (String member : NestMemberAdder.members(added.get(host))) {
                if (!added.containsKey(member)) {
                    List<String> machines = machinesOf(member, host);
                    if (!machines.isEmpty()) {
                        joining.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(machines);
                    }
                }
            }
        }
        Map<String, byte[]> hostsUpdated = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> join : joining.entrySet()) {
            String host = join.getKey();
            byte[] before = added.get(host);
            if (before == null) {
                if (others.transformedOnLoad()) {
                    continue;  // it pulls its members' state machines when it loads
                }
                before = others.find(host);
                if (before == null) {
                    diagnostics.add(Diagnostics.nestHostMissing(host, join.getValue(), others.toString()));
                    continue;
                }
            }
            byte[] after;
            try {
                after = NestMemberAdder.add(before, List.copyOf(join.getValue()));
            } catch (IllegalArgumentException e) {
                diagnostics.add(Diagnostics.notANestHost(host, join.getValue(), e));
                continue;
            }
            if (after != before) {
                (rewritten.containsKey(host) ? rewritten : hostsUpdated).put(host, after);
            }
        }
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new BatchResult(Map.of(), Set.of(), diagnostics);
        }
        Map<String, byte[]> write = new LinkedHashMap<>(generated);
        write.putAll(rewritten);
        write.putAll(hostsUpdated);
        return new BatchResult(write, hostsUpdated.keySet(), diagnostics);
    }

    private void push(Map<String, List<String>> nestMembersToAdd) {
        nestMembersToAdd.forEach((host, machines) ->
                joining.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(machines));
    }

    /**
     * The state machines a member outside the batch has (files that stay) or will have (classes
     * transformed as they load). Its own problems are not this batch's: it reports them when it
     * is transformed itself.
     */
    private List<String> machinesOf(String member, String host) {
        byte[] classFile = others.find(member);
        if (classFile == null || !(others.transformedOnLoad() ? ClassTransformer.mightNeedTransformation(classFile)
                : ClassTransformer.isTransformed(classFile))) {
            return List.of();
        }
        try {
            return transformer.transform(classFile).nestMembersToAdd().getOrDefault(host, List.of());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}

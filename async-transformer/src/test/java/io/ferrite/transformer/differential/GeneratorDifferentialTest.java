package io.ferrite.transformer.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.stream.AsyncStream;
import io.ferrite.transformer.testing.TransformingClassLoader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The differential test of generators: random programs that emit and await
 * ({@link GeneratorPrograms}) must do, transformed and read item by item, what the same program
 * does as a plain synchronous method pushing its items: the same items, the same steps in the
 * same order (items included, so a generator that ran ahead of its reader shows), the same
 * failure, and, cancelled after k items, the same {@code finally} blocks.
 *
 * <p>System properties: {@code ferrite.differential.generators} (programs, default 2000),
 * {@code ferrite.differential.seed} (a number, or {@code random}).
 */
class GeneratorDifferentialTest {

    private static final String PACKAGE = "io.ferrite.transformer.differential.gengen";
    private static final int PER_CLASS = 100;
    private static final long DEFAULT_SEED = 20261203L;
    private static final int MAX_POLLS = 100_000;

    @Test
    void transformed_generators_should_match_a_synchronous_reference_when_generated_at_random() throws Exception {
        String seedProperty = System.getProperty("ferrite.differential.seed", String.valueOf(DEFAULT_SEED));
        long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        int count = Integer.getInteger("ferrite.differential.generators", 2000);
        GeneratorPrograms programs = new GeneratorPrograms(seed);
        Map<String, String> sources = new LinkedHashMap<>();
        Map<Integer, GeneratorPrograms.Program> written = new LinkedHashMap<>();
        for (int first = 0; first < count; first += PER_CLASS) {
            StringBuilder methods = new StringBuilder();
            for (int i = first; i < Math.min(count, first + PER_CLASS); i++) {
                GeneratorPrograms.Program program = programs.write(i);
                written.put(i, program);
                methods.append(program.generator()).append('\n').append(program.reference()).append('\n');
            }
            String name = "G" + first / PER_CLASS;
            sources.put(PACKAGE + "." + name, GeneratorPrograms.classSource(PACKAGE, name, methods));
        }
        Map<String, byte[]> classes = InMemoryCompiler.compile(sources);
        MemoryClassLoader memory = new MemoryClassLoader(getClass().getClassLoader(), classes, classes);
        TransformingClassLoader transformed = new TransformingClassLoader(memory, PACKAGE);

        List<String> mismatches = new ArrayList<>();
        int items = 0;
        int suspensions = 0;
        int failures = 0;
        int cancellations = 0;
        SplittableRandom choices = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Class<?> type = Class.forName(PACKAGE + ".G" + i / PER_CLASS, true, transformed);
            Method generator = method(type, "g" + i);
            Method reference = method(type, "r" + i);
            int a = choices.nextInt(-3, 10);
            int b = choices.nextInt(-3, 10);
            long envSeed = choices.nextLong();

            Run expected = reference(reference, envSeed, a, b, 0);
            Run actual = generator(generator, envSeed, a, b, 0);
            items += actual.items;
            suspensions += actual.pending;
            failures += actual.failure.equals("end") ? 0 : 1;
            compare(i, "read to the end", expected, actual, written.get(i), mismatches);
            if (expected.items > 0) {
                int stopAfter = 1 + choices.nextInt(expected.items);
                Run stoppedReference = reference(reference, envSeed, a, b, stopAfter);
                Run cancelled = generator(generator, envSeed, a, b, stopAfter);
                cancellations++;
                compare(i, "cancelled after " + stopAfter + " items", stoppedReference, cancelled, written.get(i),
                        mismatches);
            }
        }
        System.out.printf("generator differential: seed %d, %d programs, %d items, %d suspensions, %d failures,"
                + " %d cancellations, %d mismatches%n", seed, count, items, suspensions, failures, cancellations,
                mismatches.size());
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + count + " generator programs differ (seed " + seed + "); the first:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(3, mismatches.size()))));
        }
        if (count >= 100) {
            // Guards the program generator against drifting into programs that never suspend, fail or emit.
            assertTrue(items > count && suspensions > count / 2 && failures > count / 20 && cancellations > count / 4,
                    "items " + items + ", suspensions " + suspensions + ", failures " + failures + ", cancellations "
                            + cancellations);
        }
    }

    /** What one run did. */
    record Run(List<String> trace, String failure, int items, int pending, List<String> violations) {
    }

    private static Run reference(Method method, long seed, int a, int b, int stopAfter) throws Exception {
        GenEnv env = new GenEnv(seed, stopAfter);
        String failure = "end";
        try {
            try {
                method.invoke(null, env, a, b);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            env.runTail();
        } catch (GenEnv.Stop stop) {
            failure = "stopped";
        } catch (Throwable e) {
            failure = DifferentialRun.describe(e);
        }
        long items = env.trace().stream().filter(s -> s.startsWith("emit ")).count();
        return new Run(env.trace(), failure, (int) items, 0, List.of());
    }

    private static Run generator(Method method, long seed, int a, int b, int cancelAfter) throws Exception {
        GenEnv env = new GenEnv(seed, 0);
        List<String> violations = new ArrayList<>();
        @SuppressWarnings("unchecked")
        AsyncStream<Integer> stream = (AsyncStream<Integer>) method.invoke(null, env, a, b);
        if (!env.trace().isEmpty()) {
            violations.add("the body ran before the first poll: " + env.trace());
        }
        int[] wakes = {0};
        Context cx = Context.of(() -> wakes[0]++);
        String failure = "end";
        int items = 0;
        for (int polls = 0; ; polls++) {
            if (polls > MAX_POLLS) {
                violations.add("no end after " + MAX_POLLS + " polls");
                break;
            }
            int wakesBefore = wakes[0];
            Poll<Integer> poll;
            try {
                poll = stream.pollNext(cx);
            } catch (RuntimeException | Error e) {
                failure = DifferentialRun.describe(e);
                if (stream.pollNext(cx).value() != null) {
                    violations.add("not fused after its failure");
                }
                break;
            }
            if (poll.isPending()) {
                if (wakes[0] == wakesBefore) {
                    violations.add("pending without a wake-up");
                    break;
                }
                continue;
            }
            Integer item = poll.value();
            if (item == null) {
                if (stream.pollNext(cx).value() != null) {
                    violations.add("not fused after its end");
                }
                break;
            }
            env.took(item);
            items++;
            if (items == cancelAfter) {
                stream.cancel();
                failure = "stopped";
                if (stream.pollNext(cx).value() != null) {
                    violations.add("an item after cancel()");
                }
                break;
            }
        }
        return new Run(env.trace(), failure, items, env.pending, violations);
    }

    private static void compare(int index, String how, Run expected, Run actual, GeneratorPrograms.Program program,
            List<String> mismatches) {
        List<String> problems = new ArrayList<>(actual.violations());
        if (!Objects.equals(expected.failure(), actual.failure())) {
            problems.add("outcome: expected " + expected.failure() + ", got " + actual.failure());
        }
        if (!expected.trace().equals(actual.trace())) {
            problems.add("trace: expected " + expected.trace() + "\n       got      " + actual.trace());
        }
        if (!problems.isEmpty()) {
            mismatches.add("program " + index + " (" + how + "): " + String.join("; ", problems) + "\n"
                    + program.generator() + program.reference());
        }
    }

    private static Method method(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new AssertionError("no " + name + " in " + type);
    }
}

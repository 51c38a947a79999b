package io.ferrite.benchmarks.transformer;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.ClassPathHierarchy;
import io.ferrite.transformer.TransformResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Transformer throughput: classes per second when transforming a jar of 1,000 generated classes,
 * each with four {@code @Async} methods (a loop over awaits, a try/catch/finally, awaits in a
 * {@code switch}, primitives and arrays live across awaits; eleven awaits per class). One
 * invocation does what the Maven plugin does for a module: opens the jar, builds a fresh class
 * hierarchy over it and the runtime, and transforms every class, checking that each was
 * transformed. The jar is generated and compiled ({@code javax.tools}, release 17) once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TransformerThroughputBenchmark {

    /** Classes in the generated jar. */
    public static final int CLASSES = 1_000;

    private Path dir;
    private Path jar;
    private List<Path> classPath;

    /**
     * Generates, compiles and jars the classes.
     *
     * @throws IOException if the temporary files cannot be written
     */
    @Setup
    public void generateJar() throws IOException {
        dir = Files.createTempDirectory("ferrite-transformer-bench");
        Path src = Files.createDirectories(dir.resolve("src/gen"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        for (int i = 0; i < CLASSES; i++) {
            Path file = src.resolve("Gen" + i + ".java");
            Files.writeString(file, source(i));
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("could not compile the generated classes (a JDK, not a JRE, is needed)");
        }
        jar = dir.resolve("generated-async.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        classPath = new ArrayList<>();
        classPath.add(jar);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
    }

    /**
     * Deletes the temporary files.
     *
     * @throws IOException if they cannot be deleted
     */
    @TearDown
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Transforms every class of the jar.
     *
     * @param bh consumes the transformed bytes
     * @return the number of classes transformed
     * @throws IOException if the jar cannot be read
     */
    @Benchmark
    @OperationsPerInvocation(CLASSES)
    public int transformJar(Blackhole bh) throws IOException {
        int transformed = 0;
        try (ClassPathHierarchy types = ClassHierarchy.ofClassPath(classPath);
             JarFile in = new JarFile(jar.toFile())) {
            AsyncTransformer transformer = new AsyncTransformer(types);
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                TransformResult r = transformer.transform(in.getInputStream(entry).readAllBytes());
                if (r.outcome() != TransformResult.Outcome.TRANSFORMED) {
                    throw new IllegalStateException(entry.getName() + ": " + r.outcome() + " " + r.diagnostics());
                }
                bh.consume(r.classFile());
                bh.consume(r.generatedClasses());
                transformed++;
            }
        }
        if (transformed != CLASSES) {
            throw new IllegalStateException("transformed " + transformed + " classes, expected " + CLASSES);
        }
        return transformed;
    }

    /** The source of generated class {@code i}. */
    static String source(int i) {
        return """
                package gen;

                import static io.ferrite.Await.await;

                import io.ferrite.Future;
                import io.ferrite.annotations.Async;
                import java.util.List;

                public class Gen%1$d {
                    private int calls;

                    @Async
                    public Future<Long> sum(List<Future<Long>> parts) {
                        long total = %1$d;
                        for (Future<Long> p : parts) {
                            total += await(p);
                        }
                        calls++;
                        return Future.ready(total);
                    }

                    @Async
                    Future<String> describe(Future<String> name, Future<Integer> age) {
                        String n = await(name);
                        try {
                            int a = await(age);
                            return Future.ready(n + " is " + a + " (" + calls + ")");
                        } catch (IllegalStateException e) {
                            return Future.ready(n + " failed: " + e.getMessage());
                        } finally {
                            calls--;
                        }
                    }

                    @Async
                    static Future<Double> average(Future<double[]> values, Future<Integer> skip) {
                        double[] vs = await(values);
                        int s = await(skip);
                        double total = 0;
                        int count = 0;
                        for (int i = s; i < vs.length; i++) {
                            total += vs[i];
                            count++;
                        }
                        return Future.ready(count == 0 ? %1$d.0 : total / count);
                    }

                    @Async
                    Future<Integer> choose(Future<Integer> key, Future<String> a, Future<String> b) {
                        switch (await(key) %% 3) {
                            case 0:
                                return Future.ready(await(a).length() + %1$d);
                            case 1:
                                return Future.ready(await(b).length());
                            default:
                                return Future.ready(await(a).length() + await(b).length());
                        }
                    }
                }
                """.formatted(i);
    }
}

package io.ferrite.maven;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.ClassPathHierarchy;
import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A throwaway Maven-shaped project in a temporary directory: sources under
 * {@code src/main/java}, compiled with javac (against this JVM's class path, which holds the
 * runtime) into {@code target/classes}, transformed by the engine as the Mojo would.
 */
final class TestProject {

    final Path base;
    final Path sources;
    final Path classes;
    final Path stateFile;
    RecordingLog log = new RecordingLog();

    TestProject(Path base) {
        this.base = base;
        this.sources = base.resolve("src/main/java");
        this.classes = base.resolve("target/classes");
        this.stateFile = base.resolve("target/ferrite/transform.state");
    }

    /** Writes a source file below src/main/java. */
    TestProject source(String relativePath, String code) {
        try {
            Path file = sources.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, code);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the given sources (all of them when none is named) into target/classes. */
    TestProject compile(String... relativePaths) {
        try {
            Files.createDirectories(classes);
            List<String> files = new ArrayList<>();
            if (relativePaths.length == 0) {
                try (Stream<Path> walk = Files.walk(sources)) {
                    walk.filter(f -> f.toString().endsWith(".java")).forEach(f -> files.add(f.toString()));
                }
            } else {
                for (String path : relativePaths) {
                    files.add(sources.resolve(path).toString());
                }
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    classes + File.pathSeparator + System.getProperty("java.class.path"), "--release", "17",
                    "-implicit:none"));
            arguments.addAll(files);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = javac.run(null, out, out, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError("javac failed: " + out);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ClassDirectoryTransformer.Request request(boolean failOnWarning, List<String> includes, List<String> excludes) {
        return new ClassDirectoryTransformer.Request(classes, stateFile, new ClassFileFilter(includes, excludes),
                failOnWarning, true, "test");
    }

    /** Runs the engine with the real transformer, a fresh log each time. */
    TransformSummary transform() throws MojoFailureException, MojoExecutionException {
        return transform(request(false, null, null));
    }

    /** Runs the engine with the real transformer on a request of the test's. */
    TransformSummary transform(ClassDirectoryTransformer.Request request) throws MojoFailureException,
            MojoExecutionException {
        log = new RecordingLog();
        DiagnosticPrinter printer = new DiagnosticPrinter(List.of(sources), base, StandardCharsets.UTF_8);
        try (ClassPathHierarchy hierarchy = ClassHierarchy.ofClassPath(List.of(classes))) {
            return new ClassDirectoryTransformer(request, printer, log).run(new AsyncTransformer(hierarchy));
        }
    }

    /** The class files below target/classes, relative, sorted. */
    List<String> classFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile).map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    byte[] bytes(String relativePath) throws IOException {
        return Files.readAllBytes(classes.resolve(relativePath));
    }

    /** Loads target/classes in a fresh loader (verifier on) and calls a public static method. */
    Object call(String className, String method) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method m = loader.loadClass(className).getMethod(method);
            return m.invoke(null);
        }
    }
}

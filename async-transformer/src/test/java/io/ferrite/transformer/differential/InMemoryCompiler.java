package io.ferrite.transformer.differential;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the JDK's javac in this process, in memory, as Maven would
 * ({@code --release 17}, debug information on), against the classes generated code uses.
 */
final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    /**
     * Compiles sources together.
     *
     * @param sources source text by binary class name
     * @return class files by internal name, nested and anonymous classes included
     * @throws AssertionError naming each error, its line and the line's text, if javac fails
     */
    static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(uri(className, kind), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        outputs.put(className.replace('.', '/'), out);
                        return out;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(uri(name, JavaFileObject.Kind.SOURCE),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        List<String> options = List.of("--release", "17", "-g", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-classpath", classPath());
        boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder message = new StringBuilder("javac rejects generated code (a generator bug):\n");
            diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .limit(10)
                    .forEach(d -> message.append(describe(d, sources)));
            throw new AssertionError(message.toString());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
        return classes;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d, Map<String, String> sources) {
        String text = "";
        if (d.getSource() != null && d.getLineNumber() > 0) {
            String path = d.getSource().toUri().getPath();
            String name = path.substring(1, path.length() - ".java".length()).replace('/', '.');
            String[] lines = sources.getOrDefault(name, "").split("\n");
            int line = (int) d.getLineNumber();
            StringBuilder context = new StringBuilder();
            for (int i = Math.max(1, line - 3); i <= Math.min(lines.length, line + 1); i++) {
                context.append(i == line ? ">> " : "   ").append(lines[i - 1]).append('\n');
            }
            text = name + ":" + line + "\n" + context;
        }
        return d.getMessage(Locale.ROOT) + "\n" + text + "\n";
    }

    /** The runtime, the annotations and this package: all that generated code refers to. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(Future.class, Async.class, Env.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new AssertionError(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static URI uri(String className, JavaFileObject.Kind kind) {
        return URI.create("mem:///" + className.replace('.', '/') + kind.extension);
    }
}

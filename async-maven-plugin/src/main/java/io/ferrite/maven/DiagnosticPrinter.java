package io.ferrite.maven;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.stmt.Statement;
import io.ferrite.transformer.Diagnostic;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Formats transformer diagnostics as javac does, so that IDEs and people read them the same way:
 * {@code src/main/java/bad/Bad.java:[12,24] message}, then the source line, then a caret under
 * the column.
 *
 * <p>The class file records the line but not the column, and for an expression without a line
 * number of its own (a method reference) only the line of an earlier part of its statement. So the
 * source file (found below the compile source roots) is parsed with JavaParser and the node the
 * diagnostic's {@link Diagnostic#token() token} names is looked up: the {@code await} call on that
 * line (the n-th one for the n-th diagnostic of that line), the {@code Await::await} reference, the
 * {@code synchronized} modifier of a synchronized {@code @Async} method, the name of the method
 * declaration that other declaration errors concern, or, for the warnings about a call (a future
 * never polled, a blocking call), the name of the called method (again the n-th call of that name
 * on the line for the n-th such warning). An expression that is not on the line the class file
 * gives is looked for on the later lines of the statement that line begins ({@link #nth}); a
 * declaration error is reported at the declaration, which may be a few lines above the line the
 * class file gives (the body's first line). Either way the line shown is where the expression or
 * declaration is, and the message names no other line. Without a source file the diagnostic reads
 * {@code com.acme.Orders (line 12): message}; nothing here ever throws on a diagnostic it cannot
 * place.
 *
 * <p>Not thread-safe: one instance formats the diagnostics of one run, in order.
 */
final class DiagnosticPrinter {

    private static final String AWAIT = "await";
    private static final String EMIT = "emit";
    /** The token of a generator's {@code return null}: found on the line, as written. */
    private static final String RETURN = "return";
    private static final String METHOD_REFERENCE = "::";
    /** The transformer's stable code for a {@code synchronized} {@code @Async} method. */
    private static final String SYNCHRONIZED_METHOD = "async-synchronized";
    /** The transformer's stable codes of the warnings whose token is the name of a called method. */
    private static final Set<String> CALL_WARNINGS = Set.of("future-never-polled", "blocking-call-in-async");
    /** Sibling expressions run in the order they end: a call after its arguments. */
    private static final Comparator<Node> EVALUATION_ORDER = Comparator.comparing(node -> node.getEnd().orElseThrow());

    private final List<Path> sourceRoots;
    private final Path baseDirectory;
    private final Charset encoding;
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));
    private final Map<Path, Optional<CompilationUnit>> parsed = new HashMap<>();
    private final Map<Path, List<String>> lines = new HashMap<>();
    private final Map<String, Integer> occurrences = new HashMap<>();

    /**
     * Creates a printer.
     *
     * @param sourceRoots   the compile source roots, searched in order for the source file
     * @param baseDirectory paths are shown relative to it
     * @param encoding      the source files' encoding
     */
    DiagnosticPrinter(List<Path> sourceRoots, Path baseDirectory, Charset encoding) {
        this.sourceRoots = List.copyOf(sourceRoots);
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.encoding = encoding;
    }

    /**
     * Formats one diagnostic: the compiler-style first line, then (when the source file and the
     * column are known) the source line and a caret line.
     *
     * @param diagnostic the diagnostic
     * @return one to three lines separated by {@code \n}
     */
    String format(Diagnostic diagnostic) {
        Path source = findSource(diagnostic);
        if (source == null) {
            String where = diagnostic.javaClassName() + (diagnostic.line() > 0 ? " (line " + diagnostic.line() + ")" : "");
            return where + ": " + diagnostic.message();
        }
        String shown = display(source);
        Position position = locate(source, diagnostic);
        List<String> text = lines(source);
        int line = position != null ? position.line : diagnostic.line();
        String sourceLine = line > 0 && line <= text.size() ? text.get(line - 1) : null;
        if (line <= 0) {
            return shown + ": " + diagnostic.message();
        }
        if (position == null || sourceLine == null) {
            return shown + ":[" + line + "] " + diagnostic.message() + (sourceLine != null ? "\n" + sourceLine : "");
        }
        return shown + ":[" + line + "," + position.column + "] " + diagnostic.message() + "\n" + sourceLine + "\n"
                + caret(sourceLine, position.column);
    }

    /**
     * Returns the first line of {@link #format(Diagnostic)}: the location and the message.
     *
     * @param formatted a formatted diagnostic
     * @return its first line
     */
    static String firstLine(String formatted) {
        int newline = formatted.indexOf('\n');
        return newline < 0 ? formatted : formatted.substring(0, newline);
    }

    /** As javac does: spaces up to the column, keeping tabs so that the caret lines up. */
    static String caret(String sourceLine, int column) {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
            caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }

    private Path findSource(Diagnostic diagnostic) {
        String relative = diagnostic.sourcePath();
        if (relative == null) {
            return null;
        }
        for (Path root : sourceRoots) {
            Path candidate = root.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private String display(Path source) {
        Path shown = source.startsWith(baseDirectory) ? baseDirectory.relativize(source) : source;
        return shown.toString().replace('\\', '/');
    }

    private Position locate(Path source, Diagnostic diagnostic) {
        String token = diagnostic.token();
        Optional<CompilationUnit> unit = parse(source);
        Position found = null;
        if (unit.isPresent()) {
            CompilationUnit cu = unit.get();
            if (CALL_WARNINGS.contains(diagnostic.code()) && token != null) {
                found = call(cu, diagnostic, source);
            } else if (AWAIT.equals(token) || EMIT.equals(token)) {
                found = markerCall(cu, diagnostic, source, token);
            } else if (RETURN.equals(token)) {
                found = null;  // the return statement on the line: searchLine finds it
            } else if (METHOD_REFERENCE.equals(token)) {
                found = awaitReference(cu, diagnostic, source);
            } else if (SYNCHRONIZED_METHOD.equals(diagnostic.code())) {
                found = method(cu, diagnostic).flatMap(m -> m.getModifiers().stream()
                        .filter(mod -> mod.getKeyword() == Modifier.Keyword.SYNCHRONIZED).findFirst())
                        .flatMap(Node::getBegin).orElse(null);
            } else if (diagnostic.methodName() != null) {
                // Declaration errors: the class file's line is the body's first; show the name.
                found = method(cu, diagnostic).flatMap(m -> m.getName().getBegin()).orElse(null);
            }
        }
        return found != null || token == null ? found : searchLine(source, diagnostic.line(), token);
    }

    /** The {@code await} (or a generator's {@code emit}) call this diagnostic is about ({@link #nth}). */
    private Position markerCall(CompilationUnit cu, Diagnostic diagnostic, Path source, String marker) {
        return nth(cu.findAll(MethodCallExpr.class, call -> isFerriteMarker(call, marker)), DiagnosticPrinter::nameOf,
                diagnostic, source + ":" + diagnostic.line() + ":" + marker);
    }

    /**
     * The call of the token's name this warning is about ({@link #nth}): a blocking
     * {@code latch.await()} is told apart from Ferrite's {@code await(f)}.
     */
    private Position call(CompilationUnit cu, Diagnostic diagnostic, Path source) {
        String name = diagnostic.token();
        List<MethodCallExpr> calls = cu.findAll(MethodCallExpr.class, call -> call.getNameAsString().equals(name)
                && !(name.equals(AWAIT) && isFerriteAwait(call)));
        return nth(calls, DiagnosticPrinter::nameOf, diagnostic,
                source + ":" + diagnostic.line() + ":" + name + ":" + diagnostic.code());
    }

    private static boolean isFerriteAwait(MethodCallExpr call) {
        return isFerriteMarker(call, AWAIT);
    }

    /** {@code await(...)}, {@code emit(...)}, or either qualified by {@code Await}. */
    private static boolean isFerriteMarker(MethodCallExpr call, String marker) {
        return call.getNameAsString().equals(marker)
                && call.getScope().map(scope -> scope.toString().endsWith("Await")).orElse(true);
    }

    /** The {@code Await::await} reference this diagnostic is about ({@link #nth}). */
    private Position awaitReference(CompilationUnit cu, Diagnostic diagnostic, Path source) {
        List<MethodReferenceExpr> references = cu.findAll(MethodReferenceExpr.class,
                reference -> reference.getIdentifier().equals(AWAIT));
        return nth(references, Node::getBegin, diagnostic, source + ":" + diagnostic.line() + ":" + METHOD_REFERENCE);
    }

    /**
     * Of the expressions a diagnostic may be about, the one it is about. The diagnostics of one
     * line and key arrive in evaluation order, which is the order of the expressions' end
     * positions (a call runs after its arguments), so the n-th diagnostic is about the n-th
     * expression: first those at the diagnostic's line, then those on the later lines of a
     * statement (or field declaration) that starts at or before it. The class file gives those
     * the line of an earlier part of their statement: javac writes a line number for each
     * statement and each call, none for a method reference, so a reference on the second line of
     * a statement reads as on its first.
     */
    private <N extends Node> Position nth(List<N> candidates, Function<N, Optional<Position>> position,
            Diagnostic diagnostic, String key) {
        int line = diagnostic.line();
        List<N> chosen = candidates.stream()
                .filter(node -> position.apply(node).map(p -> p.line == line).orElse(false))
                .sorted(EVALUATION_ORDER)
                .collect(Collectors.toCollection(ArrayList::new));
        candidates.stream()
                .filter(node -> position.apply(node).map(p -> p.line > line).orElse(false))
                .filter(node -> statementOf(node).flatMap(Node::getBegin).map(p -> p.line <= line).orElse(false))
                .sorted(EVALUATION_ORDER)
                .forEach(chosen::add);
        if (chosen.isEmpty()) {
            return null;
        }
        int index = occurrences.merge(key, 1, Integer::sum) - 1;
        return position.apply(chosen.get(Math.min(index, chosen.size() - 1))).orElse(null);
    }

    private static Optional<Position> nameOf(MethodCallExpr call) {
        return call.getName().getBegin();
    }

    /** The statement, or the field or other member declaration, an expression belongs to. */
    private static Optional<Node> statementOf(Node node) {
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent() && !(parent.get() instanceof Statement || parent.get() instanceof BodyDeclaration)) {
            parent = parent.get().getParentNode();
        }
        return parent;
    }

    /**
     * The declaration of the diagnostic's method: of that name, spanning the line when there is
     * one, else (abstract and native methods have no line) the one with the right number of
     * parameters.
     */
    private Optional<MethodDeclaration> method(CompilationUnit cu, Diagnostic diagnostic) {
        String name = diagnostic.methodName();
        if (name == null) {
            return Optional.empty();
        }
        List<MethodDeclaration> named = cu.findAll(MethodDeclaration.class, m -> m.getNameAsString().equals(name));
        if (diagnostic.line() > 0) {
            return innermostSpanning(named, diagnostic.line());
        }
        int parameters = parameterCount(diagnostic.methodDesc());
        return named.stream()
                .filter(m -> parameters < 0 || m.getParameters().size() == parameters)
                .filter(m -> m.getBody().isEmpty())
                .findFirst()
                .or(() -> named.stream().findFirst());
    }

    private static <N extends Node> Optional<N> innermostSpanning(List<N> nodes, int line) {
        return nodes.stream()
                .filter(node -> node.getRange().map(r -> r.begin.line <= line && line <= r.end.line).orElse(false))
                .max(Comparator.comparing((N node) -> node.getRange().map(r -> r.begin).orElseThrow()));
    }

    /** Without a parse tree: the first whole-word occurrence of the token on the line. */
    private Position searchLine(Path source, int line, String token) {
        List<String> text = lines(source);
        if (line <= 0 || line > text.size()) {
            return null;
        }
        String sourceLine = text.get(line - 1);
        for (int from = 0; (from = sourceLine.indexOf(token, from)) >= 0; from++) {
            boolean startsWord = from == 0 || !Character.isJavaIdentifierPart(sourceLine.charAt(from - 1));
            int end = from + token.length();
            boolean endsWord = end >= sourceLine.length() || !Character.isJavaIdentifierPart(sourceLine.charAt(end));
            if (startsWord && endsWord) {
                return new Position(line, from + 1);
            }
        }
        return null;
    }

    private Optional<CompilationUnit> parse(Path source) {
        return parsed.computeIfAbsent(source, file -> {
            try {
                ParseResult<CompilationUnit> result = parser.parse(file, encoding);
                return result.getResult();
            } catch (IOException | RuntimeException e) {
                // Syntax JavaParser does not know yet: fall back to searching the line.
                return Optional.empty();
            }
        });
    }

    private List<String> lines(Path source) {
        return lines.computeIfAbsent(source, file -> {
            try {
                return Files.readAllLines(file, encoding);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }

    /** Counts the parameters of a method descriptor; -1 when there is none. */
    static int parameterCount(String descriptor) {
        if (descriptor == null || !descriptor.startsWith("(")) {
            return -1;
        }
        int count = 0;
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
            count++;
        }
        return count;
    }
}

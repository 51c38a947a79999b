package io.ferrite.transformer.differential;

import java.util.SplittableRandom;

/**
 * Writes random generator programs twice from one random tree: as an {@code @Async} generator
 * ({@code emit(x)}, {@code await(env.f(x))}, {@code return AsyncStream.empty()}, delegation with
 * {@code return stream}) and as a plain synchronous reference method ({@code env.emit(x)},
 * {@code env.v(x)}, {@code return}, the delegate's items pushed in place). Statements: emits
 * (with awaits beneath them on the stack), awaits into int, long and double locals, counted
 * loops with {@code break}, if/else, switch, try/finally, try/catch of failed awaits, early ends
 * and delegation to {@code AsyncStream.of} and to another generator.
 */
final class GeneratorPrograms {

    /** A program rendered both ways. */
    record Program(String generator, String reference) {
    }

    private final SplittableRandom random;
    private StringBuilder gen;
    private StringBuilder ref;
    private int names;
    private int loopDepth;

    GeneratorPrograms(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes method {@code g<index>} (the generator) and {@code r<index>} (the reference), both
     * taking {@code (GenEnv env, int a, int b)}.
     */
    Program write(int index) {
        gen = new StringBuilder();
        ref = new StringBuilder();
        names = 0;
        loopDepth = 0;
        gen.append("    @Async\n    public static AsyncStream<Integer> g").append(index)
                .append("(GenEnv env, int a, int b) {\n");
        ref.append("    public static void r").append(index).append("(GenEnv env, int a, int b) {\n");
        both("        long acc = a;\n        double d = 0.5;\n");
        block(2, 3);
        gen.append("        return AsyncStream.empty();\n    }\n");
        ref.append("    }\n");
        return new Program(gen.toString(), ref.toString());
    }

    private void block(int indent, int depth) {
        int statements = 1 + random.nextInt(depth > 1 ? 3 : 2);
        for (int i = 0; i < statements; i++) {
            statement(indent, depth);
        }
    }

    private void statement(int indent, int depth) {
        String pad = "    ".repeat(indent);
        int kind = random.nextInt(depth > 0 ? 14 : 6);
        String e = expression();
        switch (kind) {
            case 0, 1 -> both(pad, "emit(" + e + ");", "env.emit(" + e + ");");
            case 2 -> {
                String awaited = expression();
                both(pad, "emit(" + e + " + " + await(awaited) + ");", "env.emit(" + e + " + " + refAwait(awaited) + ");");
            }
            case 3 -> both(pad, (random.nextBoolean() ? "a" : "b") + " = " + await(e) + ";", null);
            case 4 -> both(pad, "acc += " + await(e) + " * 3L;", null);
            case 5 -> both(pad, "env.log(\"s" + names++ + " \" + " + e + " + \" \" + acc + \" \" + d);", null);
            case 6, 7 -> {
                String i = "i" + names++;
                both(pad + "for (int " + i + " = 0; " + i + " < " + random.nextInt(4) + "; " + i + "++) {\n");
                loopDepth++;
                block(indent + 1, depth - 1);
                if (random.nextInt(3) == 0) {
                    both(pad + "    if ((" + i + " + a) % 3 == 0) {\n" + pad + "        break;\n" + pad + "    }\n");
                }
                loopDepth--;
                both(pad + "}\n");
            }
            case 8 -> {
                both(pad + "if (" + e + " % 2 == 0) {\n");
                block(indent + 1, depth - 1);
                both(pad + "} else {\n");
                block(indent + 1, depth - 1);
                both(pad + "}\n");
            }
            case 9 -> {
                String f = "f" + names++;
                both(pad + "try {\n");
                block(indent + 1, depth - 1);
                both(pad + "} finally {\n" + pad + "    env.log(\"" + f + " \" + a);\n");
                if (random.nextInt(3) == 0) {
                    both(pad + "    d = d * 2 + " + await("b") + ";\n", pad + "    d = d * 2 + env.v(b);\n");
                }
                both(pad + "}\n");
            }
            case 10 -> {
                String c = "e" + names++;
                both(pad + "try {\n");
                block(indent + 1, depth - 1);
                both(pad + "} catch (IllegalStateException " + c + ") {\n" + pad + "    env.log(\"" + c + " \" + "
                        + c + ".getMessage());\n");
                if (random.nextBoolean()) {
                    both(pad + "    emit(-1);\n", pad + "    env.emit(-1);\n");
                }
                both(pad + "}\n");
            }
            case 11 -> {
                both(pad + "switch (Math.floorMod(" + e + ", 3)) {\n" + pad + "    case 0:\n");
                block(indent + 2, depth - 1);
                both(pad + "        break;\n" + pad + "    case 1:\n");
                block(indent + 2, depth - 1);
                both(pad + "    default:\n");
                block(indent + 2, depth - 1);
                both(pad + "}\n");
            }
            case 12 -> {
                both(pad + "if (" + e + " % 5 == 1) {\n");
                int end = random.nextInt(3);
                if (end == 0) {
                    both(pad + "    return AsyncStream.empty();\n", pad + "    return;\n");
                } else {
                    // The returned stream is made before the finally blocks run, read after them: the
                    // reference leaves its items to the harness, which pushes them once it returned.
                    String t = "t" + names++;
                    String tail = end == 1 ? "{ env.emit(" + t + "); env.emit(77); }" : "moreRef(env, " + t + ")";
                    both(pad + "    return " + (end == 1 ? "AsyncStream.of(" + e + ", 77)" : "more(env, " + e + ")")
                            + ";\n", pad + "    int " + t + " = " + e + ";\n" + pad + "    env.tail(() -> " + tail
                            + ");\n" + pad + "    return;\n");
                }
                both(pad + "}\n");
            }
            default -> both(pad, "d = d * 1.5 + " + await(e) + ";", null);
        }
    }

    /** An int expression over the locals in scope. */
    private String expression() {
        return switch (random.nextInt(5)) {
            case 0 -> "a";
            case 1 -> "(b + " + random.nextInt(10) + ")";
            case 2 -> "(a * " + (1 + random.nextInt(3)) + " - b)";
            case 3 -> "(int) (acc % 100)";
            default -> "(int) d";
        };
    }

    private static String await(String e) {
        return "await(env.f(" + e + "))";
    }

    private static String refAwait(String e) {
        return "env.v(" + e + ")";
    }

    /** One line for both; the reference's awaits rewritten when {@code reference} is null. */
    private void both(String pad, String generator, String reference) {
        gen.append(pad).append(generator).append('\n');
        String r = reference != null ? reference : generator.replaceAll("await\\(env\\.f\\(", "env.v((");
        ref.append(pad).append(r).append('\n');
    }

    private void both(String generator, String reference) {
        gen.append(generator);
        ref.append(reference);
    }

    private void both(String text) {
        gen.append(text);
        ref.append(text);
    }

    /**
     * The class around a batch of programs, with the generator {@code more} that programs
     * delegate to and its reference.
     */
    static String classSource(String packageName, String simpleName, StringBuilder methods) {
        return "package " + packageName + ";\n\n"
                + "import static io.ferrite.Await.await;\n"
                + "import static io.ferrite.Await.emit;\n\n"
                + "import io.ferrite.annotations.Async;\n"
                + "import io.ferrite.stream.AsyncStream;\n"
                + "import io.ferrite.transformer.differential.GenEnv;\n\n"
                + "public final class " + simpleName + " {\n\n"
                + "    @Async\n"
                + "    static AsyncStream<Integer> more(GenEnv env, int x) {\n"
                + "        emit(x + 1000);\n"
                + "        int y = await(env.f(x));\n"
                + "        emit(y + 2000);\n"
                + "        return AsyncStream.empty();\n"
                + "    }\n\n"
                + "    static void moreRef(GenEnv env, int x) {\n"
                + "        env.emit(x + 1000);\n"
                + "        int y = env.v(x);\n"
                + "        env.emit(y + 2000);\n"
                + "    }\n\n"
                + methods
                + "}\n";
    }
}

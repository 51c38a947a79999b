package io.ferrite.transformer.differential;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Writes random {@code @Async} methods as Java source: a seeded generator over a small
 * vocabulary (locals of seven types, arithmetic, string concatenation, every statement form
 * with labels and jumps, switch statements and expressions, try/catch/finally and
 * try-with-resources, async lambdas and anonymous classes, calls of other generated methods),
 * with awaits of futures that are ready, pending, failing or failing later placed in
 * conditions, operands, arguments, array indices, constructor arguments and compound
 * assignments. Every side effect goes to the log of the {@link Env} parameter {@code e}.
 *
 * <p>What it writes always compiles and always terminates: every name is fresh, every local is
 * initialised where declared, loops count to at most three, jumps only end a block, a checked
 * exception is caught only where it can be thrown, and reachability is tracked as javac does
 * (JLS 14.22) so no statement follows one that cannot complete normally. Strings are cut short
 * where they are stored, so values stay small.
 *
 * <p>It also avoids programs whose two builds may legitimately differ: a lazy future (the
 * result of another generated method or of an async lambda) is only awaited where it is
 * created, or returned where no enclosing {@code try} could observe when its body runs.
 *
 * <p>The same seed gives the same classes.
 */
final class ProgramGenerator {

    /** The value types of generated locals, parameters and results. */
    enum Type {
        INT("int", "Integer"),
        LONG("long", "Long"),
        DOUBLE("double", "Double"),
        BOOL("boolean", "Boolean"),
        STRING("String", "String"),
        ARRAY("int[]", "int[]"),
        BOX("Box", "Box"),
        FLOAT("float", "Float"),
        CHAR("char", "Character"),
        SHORT("short", "Short"),
        BYTE("byte", "Byte"),
        /** A resource of a try-with-resources statement; never a result. */
        RES("Res", "Res");

        final String decl;
        final String boxed;

        Type(String decl, String boxed) {
            this.decl = decl;
            this.boxed = boxed;
        }
    }

    /**
     * Constructs that can be switched off: to narrow a finding down, or to keep the suite green
     * while a transformer bug it found is open (only with a comment naming the FINDINGS.md
     * entry, see {@code DifferentialTest.DISABLED}).
     */
    enum Feature {
        /** Async lambdas, and methods that return the future of one. */
        LAMBDAS,
        /**
         * Async lambdas declared anywhere in a body, also where javac drops the code as dead
         * (after {@code if (true) return ...;}); without it, only at the start of a body.
         */
        LAMBDAS_ANYWHERE,
        /** Anonymous classes with an {@code @Async} method. */
        ANONYMOUS_CLASSES,
        /** Awaiting (or returning) the future of another generated method. */
        CALLS,
        /** Switch expressions, with blocks that yield. */
        SWITCH_EXPRESSIONS,
        /** try-with-resources statements. */
        TRY_WITH_RESOURCES,
        /** A finally block that returns. */
        FINALLY_RETURN,
        /** Awaiting a {@code CompletionStage}. */
        COMPLETION_STAGES,
        /** Futures that fail. */
        FAILING_AWAITS,
        /** Instance methods and fields. */
        INSTANCE_METHODS,
        /** Labeled loops and labeled break and continue. */
        LABELS
    }

    private static final Type[] VALUES = {Type.INT, Type.LONG, Type.DOUBLE, Type.BOOL, Type.STRING, Type.ARRAY,
        Type.BOX, Type.INT, Type.BOOL, Type.STRING, Type.FLOAT, Type.CHAR, Type.SHORT, Type.BYTE};
    /** The primitive types narrower than int, and float: each has its own load, store and spill. */
    private static final Type[] SMALL = {Type.FLOAT, Type.CHAR, Type.SHORT, Type.BYTE};

    /** Catch types, every subclass before its superclass, as javac requires. */
    private static final String[] CATCHABLE = {"Oops", "Boom", "Bang", "IllegalStateException", "Checked",
        "RuntimeException", "Exception"};

    /**
     * One generated method.
     *
     * @param index   its number in the run (its name is {@code m<index>})
     * @param source  its source, with the async lambdas it declares
     * @param callees the numbers of the generated methods it calls
     * @param isAsync whether it is {@code @Async} (so calling it runs nothing), rather than a
     *                plain method returning the future of an async lambda
     */
    record GeneratedMethod(int index, String source, List<Integer> callees, boolean isAsync) {
        String name() {
            return "m" + index;
        }
    }

    /**
     * One generated class: its methods and a dispatcher {@code run(int, Env)} calling each with
     * fixed arguments.
     *
     * @param binaryName the class's binary name
     * @param source     its source
     * @param methods    its methods
     */
    record GeneratedClass(String binaryName, String source, List<GeneratedMethod> methods) {
    }

    private record Var(String name, Type type, boolean assignable, boolean capturable) {
    }

    private record FnVar(String name, Type result, boolean intParam) {
    }

    private record Callee(int index, boolean isStatic, Type result, List<Type> params) {
    }

    /** A generated statement and whether it can complete normally (JLS 14.22). */
    private record Stmt(String code, boolean normal) {
    }

    private enum FrameKind { LOOP, SWITCH, SWITCH_EXPRESSION, FUNCTION }

    /** A target of break, continue or yield, or a function boundary that jumps cannot cross. */
    private static final class Frame {
        final FrameKind kind;
        final String label;
        final Type yieldType;
        boolean broken;
        boolean continued;

        Frame(FrameKind kind, String label, Type yieldType) {
            this.kind = kind;
            this.label = label;
            this.yieldType = yieldType;
        }
    }

    /** Where the generator is: scope, jump targets, enclosing try statements. */
    private static final class Ctx {
        List<Var> vars = new ArrayList<>();
        List<FnVar> fns = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        /** The result type of the enclosing function; null where {@code return} is not allowed. */
        Type returnType;
        /**
         * Enclosing try statements of this function: inside one, awaits fail more often, and no
         * lazy future is returned (the reference would run its body, and throw, inside the try).
         */
        int tryDepth;
        /** In a method that is not {@code @Async}, outside its lambdas: no await. */
        boolean plain;
        /** In an instance method: fields and instance methods are in scope. */
        boolean instance;
        int loopDepth;
        /** Statement nesting, which bounds the size of a method. */
        int depth;
        /** Above zero inside switch expressions that must not contain a try (see {@link #expr}). */
        int noTry;
        /** Set by a statement whose next expression is evaluated on an empty operand stack. */
        boolean emptyStack;
        /** Above zero where no switch expression may be written. */
        int noSwitchExpression;
    }

    private final SplittableRandom random;
    private final Set<Feature> disabled;

    // Per class.
    private final List<Callee> leaves = new ArrayList<>();
    // Per method.
    /** Numbers fresh names and log tags. */
    private int counter;
    /** Statements left to write. */
    private int budget;
    /** Sites that may throw Checked written so far, to decide where catch (Checked) is legal. */
    private int checkedSites;
    private Set<Integer> called;
    /** Whether this method may call the earlier leaf methods (leaves call none: bounded work). */
    private boolean mayCall;

    /**
     * Creates a generator.
     *
     * @param seed     decides everything it writes
     * @param disabled constructs it must not write
     */
    ProgramGenerator(long seed, Set<Feature> disabled) {
        this.random = new SplittableRandom(seed);
        this.disabled = disabled.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(disabled);
    }

    private boolean on(Feature feature) {
        return !disabled.contains(feature);
    }

    /**
     * Writes one class of methods numbered from {@code first}.
     *
     * @param packageName the package
     * @param simpleName  the class name
     * @param first       the number of its first method
     * @param count       how many methods
     * @return the class
     */
    GeneratedClass generateClass(String packageName, String simpleName, int first, int count) {
        leaves.clear();
        List<GeneratedMethod> methods = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        StringBuilder dispatch = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            GeneratedMethod method = method(simpleName, i, dispatch);
            methods.add(method);
            body.append(method.source()).append('\n');
        }
        StringBuilder source = new StringBuilder();
        source.append("package ").append(packageName).append(";\n\n")
                .append("import static io.ferrite.Await.await;\n")
                .append("import io.ferrite.Future;\n")
                .append("import io.ferrite.annotations.Async;\n")
                .append("import io.ferrite.transformer.differential.*;\n\n")
                .append("@SuppressWarnings(\"all\")\n")
                .append("public class ").append(simpleName).append(" {\n\n")
                .append("    int fi = 7;\n    long fl = 3L;\n    double fd = 0.5;\n    String fs = \"fs\";\n")
                .append("    int[] fa = {1, 2, 3};\n\n")
                .append(indent(body.toString()))
                .append("    public static Future<?> run(int index, Env e) throws Checked {\n")
                .append("        switch (index) {\n")
                .append(dispatch)
                .append("            default: throw new IllegalArgumentException(\"no method \" + index);\n")
                .append("        }\n    }\n}\n");
        return new GeneratedClass(packageName + "." + simpleName, source.toString(), methods);
    }

    // ------------------------------------------------------------------------------ methods

    private GeneratedMethod method(String className, int index, StringBuilder dispatch) {
        counter = 0;
        checkedSites = 0;
        called = new LinkedHashSet<>();
        boolean leaf = leaves.isEmpty() || random.nextInt(100) < 30 || !on(Feature.CALLS);
        mayCall = !leaf;
        budget = leaf ? 3 + random.nextInt(8) : 6 + random.nextInt(18);
        boolean isStatic = random.nextInt(100) < 60 || !on(Feature.INSTANCE_METHODS);
        boolean plainWrapper = random.nextInt(100) < 8 && on(Feature.LAMBDAS);
        Type result = valueType();
        List<Type> params = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            params.add(valueType());
        }

        Ctx c = new Ctx();
        c.instance = !isStatic;
        c.returnType = result;
        c.frames.push(new Frame(FrameKind.FUNCTION, null, null));
        StringJoiner signature = new StringJoiner(", ", "(", ")");
        StringJoiner arguments = new StringJoiner(", ", "(", ")");
        signature.add("Env e");
        arguments.add("e");
        for (int p = 0; p < params.size(); p++) {
            signature.add(params.get(p).decl + " p" + p);
            arguments.add(literal(params.get(p)));
            c.vars.add(new Var("p" + p, params.get(p), false, true));
        }

        StringBuilder source = new StringBuilder();
        String name = "m" + index;
        String future = "Future<" + result.boxed + ">";
        if (plainWrapper) {
            // Not @Async: an async lambda does the work, the method returns its future.
            source.append(isStatic ? "static " : "").append(future).append(' ').append(name).append(signature)
                    .append(" throws Checked {\n");
            c.plain = true;
            StringBuilder body = new StringBuilder();
            for (int n = random.nextInt(3); n > 0; n--) {
                body.append(simpleStatement(c).code());
            }
            FnVar fn = new FnVar("fn" + counter++, result, random.nextBoolean());
            body.append(lambda(c, fn));
            body.append("return ").append(fn.name()).append(fn.intParam() ? ".apply(" + expr(c, Type.INT, 2) + ")"
                    : ".call()").append(";\n");
            source.append(indent(body.toString())).append("}\n");
        } else {
            source.append("@Async\n").append(isStatic ? "static " : "").append(future).append(' ').append(name)
                    .append(signature).append(" throws Checked {\n")
                    .append(indent(functionBody(c, leaf)))
                    .append("}\n");
        }
        dispatch.append("            case ").append(index).append(": return ")
                .append(isStatic ? "" : "new " + className + "().").append(name).append(arguments).append(";\n");
        if (leaf) {
            leaves.add(new Callee(index, isStatic, result, params));
        }
        return new GeneratedMethod(index, source.toString(), List.copyOf(called), !plainWrapper);
    }

    /**
     * The statements of a function and its final return.
     *
     * @param called whether other generated code calls it (then it starts with {@link Env#begin()})
     */
    private String functionBody(Ctx c, boolean called) {
        StringBuilder body = new StringBuilder(called ? "e.begin();\n" : "");
        if (on(Feature.LAMBDAS) && random.nextInt(100) < 20) {
            // The start of a body is never dead code, so a lambda there always keeps its call site.
            for (int n = 1 + random.nextInt(2); n > 0 && budget > 0; n--) {
                budget--;
                body.append(lambdaStatement(c).code());
            }
        }
        boolean normal = true;
        while (budget > 0 && normal) {
            Stmt s = statement(c);
            body.append(s.code());
            normal = s.normal();
        }
        if (normal) {
            body.append(finalReturn(c));
        }
        return body.toString();
    }

    private String finalReturn(Ctx c) {
        Type t = c.returnType;
        int choice = random.nextInt(100);
        if (choice < 12 && c.tryDepth == 0 && on(Feature.FINALLY_RETURN)) {
            // A try whose finally returns: it discards the try's outcome, value or exception.
            c.tryDepth++;
            String tryBody = block(c, 3).code();
            c.tryDepth--;
            return "try {\n" + indent(tryBody) + "} finally {\n"
                    + indent("e.log(\"" + tag() + "\");\nreturn Future.ready(" + expr(c, t, 1) + ");\n") + "}\n";
        }
        if (choice < 20) {
            return "return " + factory("ok", t) + expr(c, t, 1) + ");\n";
        }
        if (choice < 25 && c.tryDepth == 0) {
            String lazy = lazyFuture(c, t);
            if (lazy != null) {
                return "return " + lazy + ";\n";
            }
        }
        return logLive(c) + "return Future.ready(" + expr(c, t, 0) + ");\n";
    }

    /** A log entry of some variables in scope, so that a lost or stale local shows. */
    private String logLive(Ctx c) {
        StringJoiner values = new StringJoiner(", ");
        for (Var v : c.vars) {
            if (v.type() != Type.RES && random.nextInt(100) < 70) {
                values.add(v.name());
            }
        }
        return "e.log(\"" + tag() + "\"" + (values.length() == 0 ? "" : ", " + values) + ");\n";
    }

    // ------------------------------------------------------------------------------ statements

    private Stmt statement(Ctx c) {
        budget--;
        boolean deep = c.depth >= 3;
        int w = random.nextInt(100);
        if (deep || w < 34) {
            return simpleStatement(c);
        }
        if (w < 46) {
            return ifStatement(c);
        }
        if (w < 60 && c.loopDepth < 2) {
            return loop(c);
        }
        if (w < 68) {
            return switchStatement(c);
        }
        if (w < 82 && c.noTry == 0) {
            return tryStatement(c);
        }
        if (w < 87 && c.noTry == 0 && on(Feature.TRY_WITH_RESOURCES)) {
            return resourceStatement(c);
        }
        if (w < 93 && !c.plain && on(Feature.LAMBDAS) && on(Feature.LAMBDAS_ANYWHERE)) {
            return lambdaStatement(c);
        }
        if (w < 97 && c.returnType != null) {
            return new Stmt("if (" + expr(c, Type.BOOL, 1) + ") {\n" + indent(logLive(c) + earlyReturn(c)) + "}\n",
                    true);
        }
        return new Stmt("if (" + expr(c, Type.BOOL, 1) + ") {\n" + indent(throwStatement(c)) + "}\n", true);
    }

    /** Statements without nested statements. */
    private Stmt simpleStatement(Ctx c) {
        int w = random.nextInt(100);
        if (w < 30 || c.vars.size() < 2) {
            Type t = valueType();
            String name = "v" + counter++;
            boolean isFinal = random.nextInt(100) < 15;
            c.emptyStack = true;
            String init = t == Type.STRING ? "e.cut(" + expr(c, t, 0) + ")" : expr(c, t, 0);
            c.vars.add(new Var(name, t, !isFinal, isFinal));
            return new Stmt((isFinal ? "final " : "") + t.decl + " " + name + " = " + init + ";\n", true);
        }
        if (w < 45) {
            Var v = assignable(c, null);
            if (v != null) {
                return new Stmt(assignment(c, v.name(), v.type()), true);
            }
        }
        if (w < 60) {
            String target = elementOrField(c);
            if (target != null) {
                return new Stmt(target, true);
            }
        }
        if (w < 75) {
            StringJoiner values = new StringJoiner(", ");
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                values.add(expr(c, valueType(), 1));
            }
            return new Stmt("e.log(\"" + tag() + "\", " + values + ");\n", true);
        }
        if (w < 85 && !c.plain) {
            return new Stmt(awaitOf(c, valueType(), 1) + ";\n", true);
        }
        if (w < 92) {
            return new Stmt(helperCall(c, 1) + ";\n", true);
        }
        return new Stmt(logLive(c), true);
    }

    private String assignment(Ctx c, String target, Type t) {
        int w = random.nextInt(100);
        switch (t) {
            case INT:
                if (w < 15) {
                    return target + (random.nextBoolean() ? "++" : "--") + ";\n";
                }
                if (w < 65) {
                    return target + " " + pick("+=", "-=", "*=", "^=", "|=") + " " + expr(c, t, 1) + ";\n";
                }
                break;
            case LONG:
            case DOUBLE:
            case FLOAT:
                if (w < 60) {
                    return target + " " + pick("+=", "-=", "*=") + " " + expr(c, t, 1) + ";\n";
                }
                break;
            case CHAR:
            case SHORT:
            case BYTE:
                // Compound assignments narrow implicitly (JLS 15.26.2).
                if (w < 20) {
                    return target + (random.nextBoolean() ? "++" : "--") + ";\n";
                }
                if (w < 60) {
                    return target + " " + pick("+=", "-=", "^=") + " " + expr(c, Type.INT, 1) + ";\n";
                }
                break;
            case STRING:
                if (w < 50) {
                    return target + " += e.cut(" + expr(c, pickType(Type.STRING, Type.INT, Type.BOOL), 1) + ");\n";
                }
                return target + " = e.cut(" + expr(c, t, 1) + ");\n";
            case BOOL:
                if (w < 40) {
                    return target + " " + pick("&=", "|=", "^=") + " " + expr(c, t, 1) + ";\n";
                }
                break;
            default:
                break;
        }
        return target + " = " + expr(c, t, 1) + ";\n";
    }

    /** An assignment to an array element or a field, often compound, or null. */
    private String elementOrField(Ctx c) {
        List<String> targets = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type() == Type.ARRAY || v.type() == Type.BOX) {
                targets.add(v.name());
            }
        }
        if (c.instance) {
            // Instance fields, read and written through the implicit this.
            targets.addAll(List.of("fi", "fl", "fs", "fa"));
        }
        if (targets.isEmpty()) {
            return null;
        }
        String target = targets.get(random.nextInt(targets.size()));
        switch (target) {
            case "fi":
                return assignment(c, target, Type.INT);
            case "fl":
                return assignment(c, target, Type.LONG);
            case "fs":
                return assignment(c, target, Type.STRING);
            default:
                break;
        }
        if (target.equals("fa") || vars(c, Type.ARRAY).stream().anyMatch(v -> v.name().equals(target))) {
            return assignment(c, target + "[" + index(c, target) + "]", Type.INT);
        }
        int f = random.nextInt(4);
        return assignment(c, target + "." + "nlds".charAt(f),
                new Type[] {Type.INT, Type.LONG, Type.DOUBLE, Type.STRING}[f]);
    }

    /** An index expression into an array variable, always in bounds. */
    private String index(Ctx c, String array) {
        return random.nextInt(100) < 30 ? "0" : "Math.floorMod(" + expr(c, Type.INT, 2) + ", " + array + ".length)";
    }

    private Stmt ifStatement(Ctx c) {
        StringBuilder code = new StringBuilder("if (" + expr(c, Type.BOOL, 0) + ") {\n");
        Stmt then = block(c, 3);
        code.append(indent(then.code())).append("}");
        boolean normal = then.normal();
        int w = random.nextInt(100);
        if (w < 50) {
            normal = true;
        } else {
            if (w < 70) {
                Stmt elseIf = ifStatement(c);
                code.append(" else ").append(elseIf.code());
                return new Stmt(code.toString(), normal || elseIf.normal());
            }
            Stmt otherwise = block(c, 3);
            code.append(" else {\n").append(indent(otherwise.code())).append("}");
            normal |= otherwise.normal();
        }
        return new Stmt(code.append('\n').toString(), normal);
    }

    private Stmt loop(Ctx c) {
        String label = random.nextInt(100) < 30 && on(Feature.LABELS) ? "L" + counter++ : null;
        String prefix = label == null ? "" : label + ":\n";
        Frame frame = new Frame(FrameKind.LOOP, label, null);
        int w = random.nextInt(100);
        int bound = 1 + random.nextInt(3);
        // javac (17 and 25) takes a do statement whose body cannot complete normally for one that
        // can when its (unreachable) condition holds a switch expression: "missing return".
        boolean doWhile = w >= 50 && w < 70;
        c.noSwitchExpression += doWhile ? 1 : 0;
        boolean counted = w < 70;
        String boundExpr = counted && random.nextInt(100) < 25
                ? "Math.floorMod(" + expr(c, Type.INT, 2) + ", " + bound + ") + 1" : String.valueOf(bound);
        String extra = counted && random.nextInt(100) < 30 ? " && " + expr(c, Type.BOOL, 2) : "";
        c.noSwitchExpression -= doWhile ? 1 : 0;
        String counterName = "i" + counter++;
        String code;
        boolean normal = true;
        if (w < 30) {
            String head = "for (int " + counterName + " = 0; " + counterName + " < " + boundExpr + extra + "; "
                    + counterName + "++) {\n";
            Stmt body = loopBody(c, frame, new Var(counterName, Type.INT, false, false), "");
            code = prefix + head + indent(body.code()) + "}\n";
        } else if (w < 50) {
            String head = "while (" + counterName + " < " + boundExpr + extra + ") {\n";
            Stmt body = loopBody(c, frame, null, counterName + "++;\n");
            code = "int " + counterName + " = 0;\n" + prefix + head + indent(body.code()) + "}\n";
        } else if (w < 70) {
            Stmt body = loopBody(c, frame, null, counterName + "++;\n");
            if (!body.normal() && frame.continued) {
                // javac 17 (JDK-8332934, fixed in 25): when a do body can only end by a continue,
                // the locals it declared stay "defined" in the jump to the condition, so a later
                // switch statement whose case declares a local in a reused slot gets a stack map
                // frame claiming it at the next label, and the JVM rejects the class
                // ("Inconsistent stackmap frames"; seed 566838020 at 100,000 methods). The same
                // body is written as a while loop, which javac compiles correctly.
                code = "int " + counterName + " = 0;\n" + prefix + "while (" + counterName + " < " + boundExpr
                        + extra + ") {\n" + indent(body.code()) + "}\n";
            } else {
                code = "int " + counterName + " = 0;\n" + prefix + "do {\n" + indent(body.code()) + "} while ("
                        + counterName + " < " + boundExpr + extra + ");\n";
                // JLS 14.22: a do statement completes normally only through its condition or a break.
                normal = body.normal() || frame.continued || frame.broken;
            }
        } else {
            String source;
            if (random.nextBoolean()) {
                source = expr(c, Type.ARRAY, 1);
            } else {
                StringJoiner xs = new StringJoiner(", ", "e.list(", ")");
                for (int n = random.nextInt(4); n > 0; n--) {
                    xs.add(expr(c, Type.INT, 2));
                }
                source = xs.toString();
            }
            String head = "for (int " + counterName + " : " + source + ") {\n";
            Stmt body = loopBody(c, frame, new Var(counterName, Type.INT, false, false), "");
            code = prefix + head + indent(body.code()) + "}\n";
        }
        if (w >= 30 && w < 70) {
            // The counter stays in scope after the loop (read only, so that the loop ends).
            c.vars.add(new Var(counterName, Type.INT, false, false));
        }
        return new Stmt(code, normal);
    }

    private Stmt loopBody(Ctx c, Frame frame, Var loopVar, String first) {
        c.frames.push(frame);
        c.loopDepth++;
        int mark = c.vars.size();
        if (loopVar != null) {
            c.vars.add(loopVar);
        }
        Stmt body = block(c, 4);
        truncate(c.vars, mark);
        c.loopDepth--;
        c.frames.pop();
        return new Stmt(first + body.code(), body.normal());
    }

    private Stmt switchStatement(Ctx c) {
        boolean strings = random.nextInt(100) < 30;
        String selector = strings
                ? (random.nextBoolean() ? "String.valueOf(Math.floorMod(" + expr(c, Type.INT, 1) + ", 4))"
                        : expr(c, Type.STRING, 1))
                : (random.nextBoolean() ? "Math.floorMod(" + expr(c, Type.INT, 1) + ", 4)" : expr(c, Type.INT, 1));
        Frame frame = new Frame(FrameKind.SWITCH, null, null);
        c.frames.push(frame);
        StringBuilder code = new StringBuilder("switch (" + selector + ") {\n");
        int cases = 1 + random.nextInt(3);
        boolean arrows = random.nextBoolean();
        boolean hasDefault = random.nextInt(100) < 70;
        boolean anyNormal = false;
        boolean lastNormal = true;
        for (int k = 0; k <= cases; k++) {
            boolean isDefault = k == cases;
            if (isDefault && !hasDefault) {
                break;
            }
            String label = isDefault ? "default" : "case " + (strings ? "\"" + k + "\"" : String.valueOf(k));
            if (!isDefault && !arrows && random.nextInt(100) < 20) {
                label += ":\n" + "case " + (strings ? "\"" + (k + 10) + "\"" : String.valueOf(k + 10));
            }
            Stmt body = block(c, 3);
            if (arrows) {
                code.append(indent(label + " -> {\n" + indent(body.code()) + "}\n"));
                anyNormal |= body.normal();
            } else {
                String breakOut = "";
                if (body.normal() && !isDefault && random.nextInt(100) < 75) {
                    breakOut = "break;\n";
                    frame.broken = true;
                }
                code.append(indent(label + ":\n" + indent(body.code() + breakOut)));
                lastNormal = body.normal() && breakOut.isEmpty();
            }
        }
        c.frames.pop();
        boolean normal = !hasDefault || frame.broken || (arrows ? anyNormal : lastNormal);
        return new Stmt(code.append("}\n").toString(), normal);
    }

    private Stmt tryStatement(Ctx c) {
        int before = checkedSites;
        List<boolean[]> jumps = jumps(c);
        c.tryDepth++;
        Stmt body = block(c, 4);
        int bodySites = checkedSites - before;
        boolean throwsChecked = bodySites > 0;
        StringBuilder code = new StringBuilder("try {\n").append(indent(body.code())).append("}");
        boolean normal = body.normal();
        int catches = 0;
        boolean checkedCaught = false;
        for (int k = 0; k < CATCHABLE.length; k++) {
            String type = CATCHABLE[k];
            if (random.nextInt(100) >= 30 || type.equals("Checked") && !throwsChecked) {
                continue;
            }
            if (k + 1 < CATCHABLE.length && random.nextInt(100) < 25 && multiCatchable(type, CATCHABLE[k + 1],
                    throwsChecked)) {
                type += " | " + CATCHABLE[++k];
            }
            boolean catchesChecked = List.of(type.split(" \\| ")).stream()
                    .anyMatch(x -> x.equals("Checked") || x.equals("Exception"));
            // Precise rethrow (JLS 11.2.2): "throw x" throws Checked if the body does and no
            // earlier clause caught it.
            Stmt handler = catchBlock(c, type, catchesChecked && throwsChecked && !checkedCaught);
            checkedCaught |= catchesChecked;
            code.append(" catch (").append(type).append(' ').append(handler.code());
            normal |= handler.normal();
            catches++;
        }
        if (checkedCaught) {
            checkedSites -= bodySites;
        }
        c.tryDepth--;
        if (catches == 0 || random.nextInt(100) < 40) {
            // The try statement counts as enclosing its finally for lazy returns: keep tryDepth.
            c.tryDepth++;
            Stmt fin = finallyBlock(c, before, jumps, 3);
            c.tryDepth--;
            code.append(fin.code());
            normal &= fin.normal();
        }
        return new Stmt(code.append('\n').toString(), normal);
    }

    /**
     * A finally clause. One that cannot complete normally discards what the try statement
     * threw, so then only its own checked exceptions escape (JLS 11.2.2).
     *
     * @param before {@link #checkedSites} when the try statement began
     * @param jumps  {@link #jumps} when the try statement began
     */
    private Stmt finallyBlock(Ctx c, int before, List<boolean[]> jumps, int max) {
        int start = checkedSites;
        List<boolean[]> atStart = jumps(c);
        // Generate the finally block with the jumps of the try statement forgotten, to tell its own.
        setJumps(c, jumps);
        Stmt fin = block(c, max);
        if (!fin.normal()) {
            // Then the try statement's own checked exceptions do not escape, nor do its breaks and
            // continues exit their targets (JLS 11.2.2, 14.15, 14.16): only the finally block's.
            checkedSites = before + (checkedSites - start);
        } else {
            List<boolean[]> own = jumps(c);
            for (int i = 0; i < own.size(); i++) {
                own.get(i)[0] |= atStart.get(i)[0];
                own.get(i)[1] |= atStart.get(i)[1];
            }
            setJumps(c, own);
        }
        return new Stmt(" finally {\n" + indent("e.log(\"" + tag() + "\");\n" + fin.code()) + "}", fin.normal());
    }

    private static void setJumps(Ctx c, List<boolean[]> jumps) {
        int i = 0;
        for (Frame f : c.frames) {
            f.broken = jumps.get(i)[0];
            f.continued = jumps.get(i++)[1];
        }
    }

    /** Which frames a break or continue targets so far, innermost first. */
    private static List<boolean[]> jumps(Ctx c) {
        List<boolean[]> jumps = new ArrayList<>();
        for (Frame f : c.frames) {
            jumps.add(new boolean[] {f.broken, f.continued});
        }
        return jumps;
    }

    private static boolean multiCatchable(String a, String b, boolean throwsChecked) {
        if (b.equals("Checked") && !throwsChecked) {
            return false;
        }
        // Alternatives of a multi-catch must not be subclasses of one another (JLS 14.20).
        return !(a.equals("Oops") && b.equals("Boom")) && !b.equals("RuntimeException") && !b.equals("Exception");
    }

    private Stmt catchBlock(Ctx c, String type, boolean rethrowsChecked) {
        String x = "x" + counter++;
        StringBuilder code = new StringBuilder(x + ") {\n");
        StringBuilder inner = new StringBuilder();
        inner.append("e.log(\"").append(tag()).append("\", ").append(x).append(".getClass().getSimpleName(), ")
                .append(x).append(".getMessage());\n");
        Stmt body = block(c, 3);
        inner.append(body.code());
        boolean normal = body.normal();
        if (normal) {
            int w = random.nextInt(100);
            if (w < 20) {
                inner.append("throw ").append(x).append(";\n");
                checkedSites += rethrowsChecked ? 1 : 0;
                normal = false;
            } else if (w < 35) {
                inner.append("if (").append(expr(c, Type.BOOL, 1)).append(") {\n")
                        .append(indent("throw " + x + ";\n")).append("}\n");
                checkedSites += rethrowsChecked ? 1 : 0;
            } else if (w < 45) {
                inner.append("throw new Bang(\"wrapped \" + ").append(x).append(".getMessage());\n");
                normal = false;
            }
        }
        return new Stmt(code.append(indent(inner.toString())).append("}").toString(), normal);
    }

    private Stmt resourceStatement(Ctx c) {
        int before = checkedSites;
        List<boolean[]> jumps = jumps(c);
        StringBuilder code = new StringBuilder();
        List<String> resources = new ArrayList<>();
        List<Var> declared = new ArrayList<>();
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            String r = "r" + counter++;
            String name = !c.plain && random.nextInt(100) < 30 ? "await(e.<String>ok(\"" + r + "\"))" : "\"" + r + "\"";
            String open = "e.res(" + name + ", " + (random.nextInt(100) < 20) + ")";
            if (random.nextInt(100) < 20) {
                // Java 9: an effectively final resource declared before the statement, in scope after it.
                code.append("Res ").append(r).append(" = ").append(open).append(";\n");
                resources.add(r);
                c.vars.add(new Var(r, Type.RES, false, false));
            } else {
                resources.add("Res " + r + " = " + open);
                declared.add(new Var(r, Type.RES, false, false));
            }
        }
        int mark = c.vars.size();
        c.vars.addAll(declared);
        c.tryDepth++;
        Stmt body = block(c, 3);
        truncate(c.vars, mark);
        StringBuilder statement = new StringBuilder("try (" + String.join("; ", resources) + ") {\n"
                + indent(body.code()) + "}");
        boolean normal = body.normal();
        if (random.nextInt(100) < 40) {
            Stmt handler = catchBlock(c, "RuntimeException", false);
            statement.append(" catch (RuntimeException ").append(handler.code());
            normal |= handler.normal();
        }
        if (random.nextInt(100) < 30) {
            Stmt fin = finallyBlock(c, before, jumps, 2);
            statement.append(fin.code());
            normal &= fin.normal();
        }
        c.tryDepth--;
        return new Stmt(code.append(statement).append('\n').toString(), normal);
    }

    /**
     * A nested block: a few statements, possibly ending with a jump. Its locals go out of scope
     * at its end.
     */
    private Stmt block(Ctx c, int max) {
        int mark = c.vars.size();
        int fnMark = c.fns.size();
        c.depth++;
        StringBuilder code = new StringBuilder();
        boolean normal = true;
        for (int n = 1 + random.nextInt(max); n > 0 && budget > 0 && normal; n--) {
            Stmt s = statement(c);
            code.append(s.code());
            normal = s.normal();
        }
        if (normal && random.nextInt(100) < 15) {
            String jump = jump(c);
            if (jump != null) {
                code.append(jump);
                normal = false;
            }
        }
        c.depth--;
        truncate(c.vars, mark);
        truncate(c.fns, fnMark);
        return new Stmt(code.toString(), normal);
    }

    /** A statement that ends a block: break, continue, yield, return or throw; or null. */
    private String jump(Ctx c) {
        List<String> options = new ArrayList<>();
        boolean switchSeen = false;
        boolean loopSeen = false;
        for (Frame f : c.frames) {
            if (f.kind == FrameKind.FUNCTION) {
                break;
            }
            if (f.kind == FrameKind.SWITCH_EXPRESSION) {
                options.add("yield");
                break;
            }
            if (f.kind == FrameKind.SWITCH && !switchSeen && !loopSeen) {
                switchSeen = true;
                options.add("break");
            }
            if (f.kind == FrameKind.LOOP) {
                if (!loopSeen && !switchSeen) {
                    options.add("break");
                }
                if (!loopSeen) {
                    options.add("continue");
                }
                loopSeen = true;
                if (f.label != null) {
                    options.add("break " + f.label);
                    options.add("continue " + f.label);
                }
            }
        }
        if (c.returnType != null) {
            options.add("return");
        }
        options.add("throw");
        String choice = options.get(random.nextInt(options.size()));
        switch (choice) {
            case "return":
                return earlyReturn(c);
            case "throw":
                return throwStatement(c);
            case "yield":
                return yieldStatement(c, yieldType(c), 1) + ";\n";
            default:
                markJump(c, choice);
                return choice + ";\n";
        }
    }

    private static Type yieldType(Ctx c) {
        for (Frame f : c.frames) {
            if (f.kind == FrameKind.SWITCH_EXPRESSION) {
                return f.yieldType;
            }
        }
        throw new IllegalStateException("no switch expression");
    }

    /** Records which frame a break or continue targets, for reachability. */
    private static void markJump(Ctx c, String jump) {
        String[] parts = jump.split(" ");
        boolean isBreak = parts[0].equals("break");
        for (Frame f : c.frames) {
            boolean target = parts.length == 2 ? parts[1].equals(f.label)
                    : f.kind == FrameKind.LOOP || isBreak && f.kind == FrameKind.SWITCH;
            if (target) {
                if (isBreak) {
                    f.broken = true;
                } else {
                    f.continued = true;
                }
                return;
            }
        }
    }

    private String earlyReturn(Ctx c) {
        Type t = c.returnType;
        int w = random.nextInt(100);
        if (w < 15) {
            return "return " + factory("ok", t) + expr(c, t, 1) + ");\n";
        }
        if (w < 20 && on(Feature.FAILING_AWAITS)) {
            return "return e.<" + t.boxed + ">bad(null, " + random.nextInt(5) + ");\n";
        }
        if (w < 26 && c.tryDepth == 0) {
            String lazy = lazyFuture(c, t);
            if (lazy != null) {
                return "return " + lazy + ";\n";
            }
        }
        return "return Future.ready(" + expr(c, t, 1) + ");\n";
    }

    private String throwStatement(Ctx c) {
        String type = pick("Boom", "Oops", "Bang", "IllegalStateException", "Checked");
        if (type.equals("Checked")) {
            checkedSites++;
        }
        return "throw new " + type + "(\"" + tag() + " \" + e.cut(" + expr(c, valueType(), 1) + "));\n";
    }

    // ------------------------------------------------------------------------------ lambdas

    private Stmt lambdaStatement(Ctx c) {
        FnVar fn = new FnVar("fn" + counter++, valueType(), random.nextInt(100) < 30);
        String code = lambda(c, fn);
        c.fns.add(fn);
        return new Stmt(code, true);
    }

    /** Declares an async lambda or anonymous class whose body is a generated function. */
    private String lambda(Ctx outer, FnVar fn) {
        Ctx c = new Ctx();
        c.instance = outer.instance;
        c.returnType = fn.result();
        c.frames.push(new Frame(FrameKind.FUNCTION, null, null));
        for (Var v : outer.vars) {
            if (v.capturable()) {
                c.vars.add(v);
            }
        }
        c.fns.addAll(outer.fns);
        String param = "lp" + counter++;
        if (fn.intParam()) {
            c.vars.add(new Var(param, Type.INT, false, true));
        }
        // Checked exceptions thrown in the body are not thrown where the lambda is declared.
        int savedChecked = checkedSites;
        int outerBudget = budget;
        int lambdaBudget = Math.min(budget, 2 + random.nextInt(6));
        budget = lambdaBudget;
        String body = functionBody(c, true);
        budget = Math.max(0, outerBudget - (lambdaBudget - budget) - 1);
        checkedSites = savedChecked;
        String type = (fn.intParam() ? "AsyncIntFn<" : "AsyncFn<") + fn.result().boxed + ">";
        if (random.nextInt(100) < 25 && on(Feature.ANONYMOUS_CLASSES)) {
            String method = fn.intParam() ? "apply(int " + param + ")" : "call()";
            return type + " " + fn.name() + " = new " + type + "() {\n"
                    + indent("@Async\npublic Future<" + fn.result().boxed + "> " + method + " throws Checked {\n"
                            + indent(body) + "}\n")
                    + "};\n";
        }
        return type + " " + fn.name() + " = " + (fn.intParam() ? param : "()") + " -> {\n" + indent(body) + "};\n";
    }

    /** A call that returns a future whose body has not run yet, or null if there is none. */
    private String lazyFuture(Ctx c, Type t) {
        List<Object> options = new ArrayList<>();
        for (FnVar fn : c.fns) {
            if (fn.result() == t) {
                options.add(fn);
            }
        }
        if (mayCall) {
            for (Callee callee : leaves) {
                if (callee.result() == t && (callee.isStatic() || c.instance)) {
                    options.add(callee);
                }
            }
        }
        if (options.isEmpty()) {
            return null;
        }
        checkedSites++;
        Object choice = options.get(random.nextInt(options.size()));
        if (choice instanceof FnVar) {
            FnVar fn = (FnVar) choice;
            return fn.name() + (fn.intParam() ? ".apply(" + expr(c, Type.INT, 2) + ")" : ".call()");
        }
        return calleeCall(c, (Callee) choice);
    }

    private String calleeCall(Ctx c, Callee callee) {
        called.add(callee.index());
        StringJoiner arguments = new StringJoiner(", ", "(", ")");
        arguments.add("e");
        for (Type p : callee.params()) {
            arguments.add(expr(c, p, 2));
        }
        return "m" + callee.index() + arguments;
    }

    // ------------------------------------------------------------------------------ expressions

    /** An expression of type {@code t}; deeper expressions are simpler. */
    private String expr(Ctx c, Type t, int depth) {
        // javac (17 and 25 alike) crashes compiling a switch expression that contains a try
        // while a long or double is on the operand stack ("a + switch (k) { case 1 -> { try
        // ... } ... }" with a double a: NPE in Code.newLocal). Such switch expressions are only
        // written where nothing wide can be below them: a declaration's whole initializer.
        boolean emptyStack = c.emptyStack;
        c.emptyStack = false;
        if (depth >= 3 || random.nextInt(100) < 20 + depth * 15) {
            return leaf(c, t);
        }
        int w = random.nextInt(100);
        if (w < 22 && !c.plain) {
            return awaitOf(c, t, depth + 1);
        }
        if (w < 27) {
            return "(" + expr(c, Type.BOOL, depth + 1) + " ? " + expr(c, t, depth + 1) + " : "
                    + expr(c, t, depth + 1) + ")";
        }
        if (w < 31 && c.depth < 3 && c.noSwitchExpression == 0 && on(Feature.SWITCH_EXPRESSIONS)) {
            return switchExpression(c, t, depth, emptyStack);
        }
        switch (t) {
            case INT:
                return intExpr(c, depth);
            case LONG:
                return longExpr(c, depth);
            case DOUBLE:
                return doubleExpr(c, depth);
            case BOOL:
                return boolExpr(c, depth);
            case STRING:
                return stringExpr(c, depth);
            case ARRAY:
                return arrayLiteral(c, depth);
            case BOX:
                return "new Box(e, " + expr(c, Type.INT, depth + 1) + ", " + expr(c, Type.STRING, depth + 1) + ")";
            case FLOAT:
                return floatExpr(c, depth);
            default:
                return smallExpr(c, t, depth);
        }
    }

    private String floatExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 40) {
            return "(" + expr(c, Type.FLOAT, d) + " " + pick("+", "-", "*") + " " + expr(c, Type.FLOAT, d) + ")";
        }
        if (w < 60) {
            return "(float) (double) (" + expr(c, Type.DOUBLE, d) + ")";
        }
        if (w < 75) {
            return "(float) (int) (" + expr(c, Type.INT, d) + ")";
        }
        return leaf(c, Type.FLOAT);
    }

    /** A char, short or byte expression: a narrowing cast, or a leaf. */
    private String smallExpr(Ctx c, Type t, int depth) {
        int w = random.nextInt(100);
        if (w < 45) {
            String base = t == Type.CHAR ? "'a' + Math.floorMod(" + expr(c, Type.INT, depth + 1) + ", 26)"
                    : "(int) (" + expr(c, Type.INT, depth + 1) + ")";
            return "(" + t.decl + ") (" + base + ")";
        }
        if (w < 55 && t == Type.CHAR) {
            return "Character.toUpperCase(" + expr(c, t, depth + 1) + ")";
        }
        return leaf(c, t);
    }

    private String leaf(Ctx c, Type t) {
        List<String> options = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type() == t) {
                options.add(v.name());
            }
        }
        if (c.instance) {
            switch (t) {
                case INT:
                    options.add("fi");
                    break;
                case LONG:
                    options.add("fl");
                    break;
                case DOUBLE:
                    options.add("fd");
                    break;
                case STRING:
                    options.add("fs");
                    break;
                case ARRAY:
                    options.add("fa");
                    break;
                default:
                    break;
            }
        }
        if (!options.isEmpty() && random.nextInt(100) < 60) {
            return options.get(random.nextInt(options.size()));
        }
        if (!c.plain && random.nextInt(100) < 25) {
            return "await(" + factory("ok", t) + literal(t) + "))";
        }
        return literal(t);
    }

    private String literal(Type t) {
        switch (t) {
            case INT:
                return String.valueOf(random.nextInt(100) < 90 ? random.nextInt(-3, 20) : 100_000 + random.nextInt(9));
            case LONG:
                return (random.nextInt(100) < 90 ? random.nextInt(-3, 40) : 10_000_000_000L + random.nextInt(9)) + "L";
            case DOUBLE:
                return pick("0.5", "1.25", "-2.0", "3.0", "0.1");
            case BOOL:
                return String.valueOf(random.nextBoolean());
            case STRING:
                return "\"" + pick("a", "bc", "d", "xy", "0", "1") + "\"";
            case ARRAY:
                return "new int[] {" + random.nextInt(5) + ", " + random.nextInt(5) + "}";
            case BOX:
                return "new Box(e, " + random.nextInt(9) + ", \"b\")";
            case FLOAT:
                return pick("1.5f", "-0.25f", "2f", "0.1f");
            case CHAR:
                return "'" + (char) ('a' + random.nextInt(26)) + "'";
            case SHORT:
            case BYTE:
                return "(" + t.decl + ") " + random.nextInt(-3, 100);
            default:
                throw new IllegalArgumentException(t.name());
        }
    }

    /** An await of a future of type t: ready, pending or failing, or of a lazy future. */
    private String awaitOf(Ctx c, Type t, int depth) {
        int w = random.nextInt(100);
        int failPercent = c.tryDepth > 0 ? 22 : 3;
        if (w < failPercent && on(Feature.FAILING_AWAITS)) {
            String f = random.nextInt(100) < 80 || !on(Feature.COMPLETION_STAGES) ? "bad" : "csBad";
            return "await(e.<" + t.boxed + ">" + f + "(null, " + random.nextInt(5) + "))";
        }
        if (w < 40) {
            String lazy = lazyFuture(c, t);
            if (lazy != null) {
                return "await(" + lazy + ")";
            }
        }
        if (w < 50 && on(Feature.COMPLETION_STAGES)) {
            return "await(" + factory("cs", t) + expr(c, t, depth + 1) + "))";
        }
        return "await(" + factory("ok", t) + expr(c, t, depth + 1) + "))";
    }

    private String intExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 25) {
            return "(" + expr(c, Type.INT, d) + " " + pick("+", "-", "*", "&", "|", "^") + " " + expr(c, Type.INT, d)
                    + ")";
        }
        if (w < 30) {
            return "(" + expr(c, Type.INT, d) + " " + pick("/ 3", "% 7", "<< 2", ">> 1") + ")";
        }
        if (w < 35) {
            return "Math.max(" + expr(c, Type.INT, d) + ", " + expr(c, Type.INT, d) + ")";
        }
        if (w < 40) {
            // (int) needs a primitive long: a cast may unbox and widen, never unbox and narrow.
            return "(int) (long) (" + expr(c, Type.LONG, d) + ")";
        }
        if (w < 44) {
            return expr(c, Type.STRING, d) + ".length()";
        }
        if (w < 55) {
            return helperCall(c, d);
        }
        if (w < 63) {
            List<Var> arrays = vars(c, Type.ARRAY);
            if (!arrays.isEmpty()) {
                String a = arrays.get(random.nextInt(arrays.size())).name();
                return a + "[" + index(c, a) + "]";
            }
            return "(" + expr(c, Type.ARRAY, d) + ").length";
        }
        if (w < 68) {
            return "(" + expr(c, Type.BOX, d) + ").n";
        }
        if (w < 75) {
            Var v = assignable(c, Type.INT);
            if (v != null) {
                int form = random.nextInt(4);
                return "(" + (form == 3 ? v.name() + " += " + expr(c, Type.INT, d)
                        : pick(v.name() + "++", "++" + v.name(), v.name() + "--")) + ")";
            }
        }
        if (w < 80) {
            List<Var> resources = vars(c, Type.RES);
            if (!resources.isEmpty()) {
                return resources.get(random.nextInt(resources.size())).name() + ".use(" + expr(c, Type.INT, d) + ")";
            }
        }
        if (w < 85) {
            return "Integer.compare(" + expr(c, Type.INT, d) + ", " + expr(c, Type.INT, d) + ")";
        }
        if (w < 92) {
            // Unbox to the primitive first: a cast may unbox and widen, never unbox and narrow.
            Type small = SMALL[random.nextInt(SMALL.length)];
            return "(int) (" + small.decl + ") (" + expr(c, small, d) + ")";
        }
        return leaf(c, Type.INT);
    }

    /** A call of a helper of {@link Env} that logs, returning an int; some throw. */
    private String helperCall(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 40) {
            return "e.h(\"" + tag() + "\", " + expr(c, Type.INT, d) + ")";
        }
        if (w < 60) {
            StringJoiner xs = new StringJoiner(", ");
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                xs.add(expr(c, Type.INT, d));
            }
            return "e.sum(\"" + tag() + "\", " + xs + ")";
        }
        if (w < 80) {
            checkedSites++;
            return "e.check(\"" + tag() + "\", " + expr(c, Type.INT, d) + ")";
        }
        return "e.boom(\"" + tag() + "\", " + expr(c, Type.INT, d) + ")";
    }

    private String longExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 35) {
            return "(" + expr(c, Type.LONG, d) + " " + pick("+", "-", "*") + " " + expr(c, Type.LONG, d) + ")";
        }
        if (w < 50) {
            return "(long) (" + expr(c, Type.INT, d) + ")";
        }
        if (w < 65) {
            return "e.hl(\"" + tag() + "\", " + expr(c, Type.LONG, d) + ")";
        }
        if (w < 75) {
            return "(" + expr(c, Type.BOX, d) + ").l";
        }
        if (w < 85) {
            return "(" + expr(c, Type.LONG, d) + " >> 1)";
        }
        return leaf(c, Type.LONG);
    }

    private String doubleExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 40) {
            return "(" + expr(c, Type.DOUBLE, d) + " " + pick("+", "-", "*") + " " + expr(c, Type.DOUBLE, d) + ")";
        }
        if (w < 60) {
            return "(double) (" + expr(c, Type.INT, d) + ")";
        }
        if (w < 70) {
            return "(" + expr(c, Type.BOX, d) + ").d";
        }
        if (w < 80) {
            return "(" + expr(c, Type.DOUBLE, d) + " / 4.0)";
        }
        return leaf(c, Type.DOUBLE);
    }

    private String boolExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 20) {
            return "(" + expr(c, Type.INT, d) + " " + pick("<", "<=", ">", ">=") + " " + expr(c, Type.INT, d) + ")";
        }
        if (w < 27) {
            // Subtract first: == on two awaited Integers would compare references.
            return "((" + expr(c, Type.INT, d) + " - " + expr(c, Type.INT, d) + ") " + pick("==", "!=") + " 0)";
        }
        if (w < 32) {
            return "(" + expr(c, Type.LONG, d) + " " + pick("<", ">=") + " " + expr(c, Type.LONG, d) + ")";
        }
        if (w < 36) {
            Type wide = random.nextBoolean() ? Type.DOUBLE : SMALL[random.nextInt(SMALL.length)];
            return "(" + expr(c, wide, d) + " " + pick("<", ">") + " " + expr(c, wide, d) + ")";
        }
        if (w < 56) {
            return "(" + expr(c, Type.BOOL, d) + " " + pick("&&", "||", "&&", "||", "^") + " " + expr(c, Type.BOOL, d)
                    + ")";
        }
        if (w < 62) {
            return "!" + expr(c, Type.BOOL, d);
        }
        if (w < 74) {
            return "e.hb(\"" + tag() + "\", " + expr(c, Type.INT, d) + ")";
        }
        if (w < 82) {
            return expr(c, Type.STRING, d) + pick(".isEmpty()", ".startsWith(\"a\")", ".endsWith(\"1\")");
        }
        if (w < 88) {
            return expr(c, Type.STRING, d) + ".equals(" + expr(c, Type.STRING, d) + ")";
        }
        return leaf(c, Type.BOOL);
    }

    private String stringExpr(Ctx c, int depth) {
        int d = depth + 1;
        int w = random.nextInt(100);
        if (w < 40) {
            StringBuilder concat = new StringBuilder("(");
            int parts = 2 + random.nextInt(3);
            for (int k = 0; k < parts; k++) {
                Type part = random.nextInt(100) < 40 ? Type.STRING : valueTypeExcept(Type.ARRAY);
                concat.append(k == 0 ? "" : " + ").append(k == 0 && part != Type.STRING ? "\"\" + " : "")
                        .append(part == Type.BOX ? "e.cut(" + expr(c, part, d) + ")" : expr(c, part, d));
            }
            return concat.append(")").toString();
        }
        if (w < 50) {
            // The cast picks the overload: a conditional with an await operand is a reference
            // conditional (JLS 15.25), ambiguous between valueOf(Object) and valueOf(long).
            Type t = valueTypeExcept(Type.ARRAY);
            String cast = t == Type.STRING || t == Type.BOX ? "Object" : t.decl;
            return "String.valueOf((" + cast + ") " + expr(c, t, d) + ")";
        }
        if (w < 62) {
            return "e.hs(\"" + tag() + "\", " + expr(c, Type.STRING, d) + ")";
        }
        if (w < 72) {
            return "e.cut(" + expr(c, valueType(), d) + ")";
        }
        if (w < 80) {
            return "(" + expr(c, Type.BOX, d) + ").s";
        }
        if (w < 86) {
            return expr(c, Type.STRING, d) + ".toUpperCase()";
        }
        return leaf(c, Type.STRING);
    }

    private String arrayLiteral(Ctx c, int depth) {
        StringJoiner xs = new StringJoiner(", ", "new int[] {", "}");
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            xs.add(expr(c, Type.INT, depth + 1));
        }
        return xs.toString();
    }

    /**
     * A switch expression over an int or a string, with an expression arm, a block arm ending in
     * {@code yield} (whose statements may await, loop and yield early) and a default.
     */
    private String switchExpression(Ctx c, Type t, int depth, boolean emptyStack) {
        // javac 17 (not 25) emits unverifiable frames for a boolean switch expression in a
        // condition that declares a local (in an arm block, or the temporaries of a switch on
        // strings) when a later old-style switch reuses the slot (like JDK-8358801). Boolean
        // ones get those only as a declaration's initializer.
        boolean simple = t == Type.BOOL && !emptyStack;
        boolean strings = random.nextInt(100) < 30 && !simple;
        String selector = strings ? "String.valueOf(Math.floorMod(" + expr(c, Type.INT, depth + 1) + ", 3))"
                : expr(c, Type.INT, depth + 1);
        boolean arrows = random.nextInt(100) < 75;
        StringBuilder code = new StringBuilder("switch (" + selector + ") { ");
        int cases = 1 + random.nextInt(2);
        for (int k = 0; k <= cases; k++) {
            String label = k == cases ? "default" : "case " + (strings ? "\"" + k + "\"" : String.valueOf(k));
            boolean block = k != cases && random.nextInt(100) < 50 && !simple;
            String arm;
            if (block) {
                Frame frame = new Frame(FrameKind.SWITCH_EXPRESSION, null, t);
                c.frames.push(frame);
                Type savedReturn = c.returnType;
                c.returnType = null;
                c.noTry += emptyStack ? 0 : 1;
                Stmt body = block(c, 2);
                c.noTry -= emptyStack ? 0 : 1;
                c.returnType = savedReturn;
                c.frames.pop();
                String yield = body.normal() ? yieldStatement(c, t, depth + 1) + ";" : "";
                arm = "{ " + flatten(body.code()) + yield + " }";
                code.append(label).append(arrows ? " -> " + arm + " " : ": " + arm + " ");
            } else {
                code.append(label).append(arrows ? " -> " + expr(c, t, depth + 1) + "; "
                        : ": " + yieldStatement(c, t, depth + 1) + "; ");
            }
        }
        // Parenthesised: a switch expression is not a primary, so "switch (...) {...}.length()" is invalid.
        return "(" + code.append("}") + ")";
    }

    /** A yield statement, without its semicolon. */
    private String yieldStatement(Ctx c, Type t, int depth) {
        int savedChecked = checkedSites;
        String value = expr(c, t, depth);
        if (value.startsWith("(")) {
            // javac reads "yield (" as a call of a method named yield.
            switch (t) {
                case INT:
                case LONG:
                case DOUBLE:
                case FLOAT:
                    return "yield +" + value;
                case BOOL:
                    return "yield !!" + value;
                case STRING:
                    return "yield \"\" + " + value;
                case CHAR:
                case SHORT:
                case BYTE:
                    checkedSites = savedChecked;  // the value is dropped
                    return "yield " + t.boxed + ".valueOf(" + literal(t) + ")";
                default:
                    checkedSites = savedChecked;
                    return "yield " + literal(t);
            }
        }
        return "yield " + value;
    }

    // ------------------------------------------------------------------------------ helpers

    private Type valueType() {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private Type valueTypeExcept(Type not) {
        Type t;
        do {
            t = valueType();
        } while (t == not);
        return t;
    }

    private Type pickType(Type... types) {
        return types[random.nextInt(types.length)];
    }

    /**
     * A call of a future factory of {@link Env} up to its argument, with an explicit type
     * argument: without it every nested {@code await(e.ok(...))} is a poly expression whose
     * inference makes javac several times slower.
     */
    private static String factory(String name, Type t) {
        return "e.<" + t.boxed + ">" + name + "(";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String tag() {
        return "t" + counter++;
    }

    private static List<Var> vars(Ctx c, Type t) {
        List<Var> found = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type() == t) {
                found.add(v);
            }
        }
        return found;
    }

    private Var assignable(Ctx c, Type t) {
        List<Var> found = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.assignable() && v.type() != Type.RES && (t == null || v.type() == t)) {
                found.add(v);
            }
        }
        return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
    }

    private static <T> void truncate(List<T> list, int size) {
        while (list.size() > size) {
            list.remove(list.size() - 1);
        }
    }

    static String indent(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append("    ").append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String flatten(String code) {
        return code.replaceAll("\\s*\\n\\s*", " ");
    }
}

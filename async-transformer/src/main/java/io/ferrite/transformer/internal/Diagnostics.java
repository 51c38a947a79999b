package io.ferrite.transformer.internal;

import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.Diagnostic.Severity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Every message the transformer can report, in one place, each naming the class, the method, the
 * source file and line, and saying what to do. Codes are stable identifiers that build tools and
 * tests match on.
 *
 * <p>Errors about an instruction carry its line and a token found on that line ({@code await},
 * {@code ::}). Errors about a whole method carry the line of its first statement, since a class
 * file does not record the line of a declaration, and no token; a method without code (abstract,
 * native) has line 0.
 *
 * <p>Errors about a whole class file, found before it could be read (too new, not a class file) or
 * while a batch updates nest hosts, come from the static methods: they have no line and no token.
 *
 * <p>Warnings are the async pitfalls ({@code docs/pitfalls.md}): a future never polled, a
 * blocking call in an async body, a lock held across an await, an await in a {@code finally}
 * block, a future returned from a {@code try} with cleanup. They carry the line of the
 * offending call and, as token, the called method's name ({@code await} for a lock held across
 * one). They never stop the transformation; {@code @io.ferrite.annotations.Suppress} silences them.
 */
public final class Diagnostics {

    /** {@code await} in a method that is neither {@code @Async} nor an async lambda. */
    public static final String AWAIT_OUTSIDE_ASYNC = "await-outside-async";
    /** {@code await} in a constructor. */
    public static final String AWAIT_IN_CONSTRUCTOR = "await-in-constructor";
    /** {@code await} in a static initializer. */
    public static final String AWAIT_IN_STATIC_INITIALIZER = "await-in-static-initializer";
    /** {@code await} in a lambda that does not return {@code io.ferrite.Future}. */
    public static final String AWAIT_IN_LAMBDA = "await-in-lambda";
    /** {@code Await::await} as a method reference. */
    public static final String AWAIT_METHOD_REFERENCE = "await-method-reference";
    /** {@code await} between {@code monitorenter} and {@code monitorexit}. */
    public static final String AWAIT_IN_SYNCHRONIZED = "await-in-synchronized";
    /** {@code @Async} on a {@code synchronized} method. */
    public static final String ASYNC_SYNCHRONIZED = "async-synchronized";
    /** {@code @Async} on a method that does not return {@code io.ferrite.Future}. */
    public static final String ASYNC_RETURN_TYPE = "async-return-type";
    /** {@code @Async} on an abstract or native method. */
    public static final String ASYNC_WITHOUT_BODY = "async-without-body";
    /** A class needed to decide how to access a member is not on the class path. */
    public static final String TYPE_NOT_FOUND = "type-not-found";
    /** The class hierarchy given to the transformer does not report members. */
    public static final String HIERARCHY_WITHOUT_MEMBERS = "hierarchy-without-members";
    /** The state machine's {@code poll} method exceeds the JVM's 64 KiB code limit. */
    public static final String METHOD_TOO_LARGE = "method-too-large";
    /** The class file predates nestmates (Java 11), or is newer than the bundled ASM reads. */
    public static final String CLASS_VERSION = "class-version";
    /** A file given as a class file is not one. */
    public static final String INVALID_CLASS_FILE = "invalid-class-file";
    /** A nest host that must list generated state machines is nowhere to be found. */
    public static final String NEST_HOST_MISSING = "nest-host-missing";
    /** A class named as a nest host is itself the member of another nest. */
    public static final String NOT_A_NEST_HOST = "not-a-nest-host";
    /** A bug in the transformer. */
    public static final String INTERNAL_ERROR = "internal-error";

    /** Warning: a future returned by a call is dropped, or stored in a local never read. */
    public static final String FUTURE_NEVER_POLLED = "future-never-polled";
    /** Warning: an async body calls a well-known blocking method ({@link BlockingCalls}). */
    public static final String BLOCKING_CALL_IN_ASYNC = "blocking-call-in-async";
    /** Warning: an async body awaits while a {@code java.util.concurrent.locks.Lock} it took is held. */
    public static final String LOCK_HELD_ACROSS_AWAIT = "lock-held-across-await";
    /** Warning: an {@code await} in a {@code finally} block, which throws at once when the future is cancelled. */
    public static final String AWAIT_IN_FINALLY = "await-in-finally";
    /** Warning: {@code return f} in a {@code try} whose {@code finally} block or resource close runs before {@code f}. */
    public static final String RETURN_FUTURE_IN_TRY = "return-future-in-try";

    private final ClassNode owner;

    /**
     * Creates the reporter for one class.
     *
     * @param owner the class being transformed
     */
    public Diagnostics(ClassNode owner) {
        this.owner = owner;
    }

    /**
     * Reports an {@code await} call outside any async context.
     *
     * @param method the method containing it
     * @param call   the call
     * @return the error
     */
    public Diagnostic misplacedAwait(MethodNode method, AbstractInsnNode call) {
        int line = lineOf(method, call);
        String where = where(method);
        if (method.name.equals("<init>")) {
            return error(AWAIT_IN_CONSTRUCTOR, method, line, "await",
                    "await() is called in " + where + ": a constructor cannot suspend. Move the"
                            + " asynchronous work into an @Async static factory method that awaits first and then"
                            + " calls the constructor with the results.");
        }
        if (method.name.equals("<clinit>")) {
            return error(AWAIT_IN_STATIC_INITIALIZER, method, line, "await",
                    "await() is called in " + where + ": class initialization cannot"
                            + " suspend. Compute the value in an @Async method and await it where it is used.");
        }
        if (isLambda(method)) {
            return error(AWAIT_IN_LAMBDA, method, line, "await",
                    "await() is called in " + where + ", whose functional interface does not return"
                            + " io.ferrite.Future, so the lambda cannot suspend. Give the lambda a functional"
                            + " interface whose method returns io.ferrite.Future<T> (and end it with"
                            + " 'return Future.ready(...)'), or move the await out of the lambda.");
        }
        return error(AWAIT_OUTSIDE_ASYNC, method, line, "await",
                "await() is called in " + where + ", which is not an @Async method. Annotate the method with"
                        + " @io.ferrite.annotations.Async and declare it to return io.ferrite.Future<T> (ending"
                        + " with 'return Future.ready(...)'); callers then await it or run it with"
                        + " BlockOn.blockOn.");
    }

    /**
     * Reports {@code Await::await} used as a method reference.
     *
     * @param method the method containing the reference
     * @param indy   the {@code invokedynamic} instruction
     * @return the error
     */
    public Diagnostic awaitMethodReference(MethodNode method, AbstractInsnNode indy) {
        int line = lineOf(method, indy);
        return error(AWAIT_METHOD_REFERENCE, method, line, "::",
                "Await::await is used as a method reference in " + where(method) + ": a reference cannot"
                        + " suspend the method that calls it. Call await(...) directly in the body of an @Async"
                        + " method or async lambda instead.");
    }

    /**
     * Reports an {@code await} inside a {@code synchronized} block.
     *
     * @param method the async method
     * @param call   the call
     * @return the error
     */
    public Diagnostic awaitInSynchronized(MethodNode method, AbstractInsnNode call) {
        int line = lineOf(method, call);
        return error(AWAIT_IN_SYNCHRONIZED, method, line, "await",
                "await() is called inside a synchronized block in " + where(method) + ": a suspended"
                        + " method returns to its caller, which would leave the monitor held, or resume on"
                        + " another thread that does not own it. Move the await out of the synchronized block,"
                        + " or use io.ferrite.sync.Mutex, whose guard may be held across awaits.");
    }

    /**
     * Reports {@code @Async} on a {@code synchronized} method.
     *
     * @param method the method
     * @return the error
     */
    public Diagnostic asyncSynchronized(MethodNode method) {
        int line = firstLine(method);
        return error(ASYNC_SYNCHRONIZED, method, line, null,
                "@Async " + where(method) + " is synchronized: its body runs in later polls, after"
                        + " the call has returned, so the monitor would not protect it. Remove 'synchronized'"
                        + " and use io.ferrite.sync.Mutex inside the body.");
    }

    /**
     * Reports {@code @Async} on a method that does not return {@code io.ferrite.Future}.
     *
     * @param method the method
     * @return the error
     */
    public Diagnostic asyncReturnType(MethodNode method) {
        int line = firstLine(method);
        String actual = Type.getReturnType(method.desc).getClassName();
        return error(ASYNC_RETURN_TYPE, method, line, null,
                "@Async " + where(method) + " returns " + actual + ", but an @Async method must"
                        + " declare io.ferrite.Future<T> as its return type. Change the return type to"
                        + " Future<T> and return Future.ready(value), or remove @Async.");
    }

    /**
     * Reports {@code @Async} on an abstract or native method.
     *
     * @param method the method
     * @return the error
     */
    public Diagnostic asyncWithoutBody(MethodNode method) {
        return error(ASYNC_WITHOUT_BODY, method, 0, method.name,
                "@Async " + where(method) + " has no body (it is abstract or native), so there is"
                        + " nothing to transform. Remove @Async here and put it on the implementations.");
    }

    /**
     * Reports a class missing from the class path.
     *
     * @param method  the method being transformed
     * @param missing the internal name of the missing class
     * @param why     what it was needed for
     * @return the error
     */
    public Diagnostic typeNotFound(MethodNode method, String missing, String why) {
        int line = firstLine(method);
        return error(TYPE_NOT_FOUND, method, line, null,
                "class " + missing.replace('/', '.') + " is not on the class path, but transforming "
                        + where(method) + " needs it " + why + ". Add the dependency that contains it to"
                        + " the class path given to the transformer (for Maven, the project's dependencies).");
    }

    /**
     * Reports a hierarchy that cannot say which members of a superclass are protected.
     *
     * @param method    the method being transformed
     * @param className the superclass whose members are unknown
     * @return the error
     */
    public Diagnostic membersUnknown(MethodNode method, String className) {
        int line = firstLine(method);
        return error(HIERARCHY_WITHOUT_MEMBERS, method, line, null,
                "transforming " + where(method) + " needs the protected members of its superclass "
                        + className.replace('/', '.') + " (from another package, so the state machine may"
                        + " not use them directly), but the ClassHierarchy given to the transformer returned"
                        + " a ClassInfo without protectedMembers. Use ClassHierarchy.ofClassPath or"
                        + " ClassHierarchy.ofClassLoader, or fill in ClassInfo.protectedMembers.");
    }

    /**
     * Reports a state machine whose {@code poll} exceeds the code size limit.
     *
     * @param method the async method
     * @return the error
     */
    public Diagnostic methodTooLarge(MethodNode method) {
        int line = firstLine(method);
        return error(METHOD_TOO_LARGE, method, line, null,
                "the state machine of " + where(method) + " exceeds the JVM's 64 KiB limit on a"
                        + " method's code (JVMS 4.7.3): each await adds code to save and restore the live"
                        + " variables. Split the method into smaller @Async methods that await each other.");
    }

    /**
     * Reports a class file too old for nestmates.
     *
     * @param version the class file's major version
     * @return the error
     */
    public Diagnostic classVersion(int version) {
        return new Diagnostic(Severity.ERROR, CLASS_VERSION, owner.name, null, null, owner.sourceFile, 0, null,
                "class " + owner.name.replace('/', '.') + " (" + sourceName() + ") has class file version "
                        + version + ", older than Java 11 (55): Ferrite's state machines are nestmates of their"
                        + " class (JVMS 5.4.4). Compile with --release 11 or newer (Ferrite targets 17).");
    }

    /**
     * Reports a class file newer than the bundled ASM can read.
     *
     * @param className the class's internal name
     * @param version   its major version
     * @param newest    the newest major version ASM reads
     * @return the error
     */
    public static Diagnostic classTooNew(String className, int version, int newest) {
        return classError(CLASS_VERSION, className, "class " + className.replace('/', '.') + " has class file version "
                + version + ", newer than this Ferrite can read (up to " + newest + "). Compile with an older"
                + " --release, or use a newer Ferrite.");
    }

    /**
     * Reports bytes given as a class file that are not one.
     *
     * @param className the name the class file was given under
     * @param problem   what is wrong with it
     * @return the error
     */
    public static Diagnostic invalidClassFile(String className, IllegalArgumentException problem) {
        return classError(INVALID_CLASS_FILE, className, className + ".class is not a valid class file ("
                + problem.getMessage() + "), so it cannot be transformed. Compile its source again (a clean"
                + " build), or remove the file if no source produces it.");
    }

    /**
     * Reports a nest host that must list generated state machines but is neither in the batch nor
     * where the batch reads the other class files.
     *
     * @param host    the host's internal name
     * @param members the generated classes that must join its nest
     * @param where   where it was looked for
     * @return the error
     */
    public static Diagnostic nestHostMissing(String host, Collection<String> members, String where) {
        return classError(NEST_HOST_MISSING, host, "the nest host " + host.replace('/', '.') + " of the state machines "
                + members + " is not in " + where + ", so they cannot join its nest (JVMS 5.4.4). A nest host is"
                + " compiled from the same source file as its members: compile that source file again (a clean"
                + " build).");
    }

    /**
     * Reports a class named as a nest host that belongs to another nest.
     *
     * @param host    the class named as the host
     * @param members the generated classes that were to join its nest
     * @param problem what the class file says instead
     * @return the error
     */
    public static Diagnostic notANestHost(String host, Collection<String> members, IllegalArgumentException problem) {
        return classError(NOT_A_NEST_HOST, host, "cannot add the state machines " + members + " to the nest of "
                + host.replace('/', '.') + ": " + problem.getMessage() + ". Its members and it were compiled at"
                + " different times: compile their source file again (a clean build).");
    }

    private static Diagnostic classError(String code, String className, String message) {
        return new Diagnostic(Severity.ERROR, code, className, null, null, null, 0, null, message);
    }

    /**
     * Reports a failure of the transformer itself.
     *
     * @param method the method being transformed, or null
     * @param error  what went wrong
     * @return the error
     */
    public Diagnostic internalError(MethodNode method, Throwable error) {
        int line = method == null ? 0 : firstLine(method);
        String where = method == null ? "class " + owner.name.replace('/', '.') + " (" + sourceName() + ")"
                : where(method);
        StackTraceElement[] trace = error.getStackTrace();
        String at = trace.length > 0 ? " at " + trace[0] : "";
        return new Diagnostic(Severity.ERROR, INTERNAL_ERROR, owner.name, method == null ? null : method.name,
                method == null ? null : method.desc, owner.sourceFile, line, null,
                "internal error in the Ferrite transformer while transforming " + where + ": " + error + at
                        + ". This is a bug in Ferrite, please report it with this class file. Until it is"
                        + " fixed, rewriting the method (or moving the await into a separate @Async method)"
                        + " may avoid it.");
    }

    /**
     * Warns about a future that is created and never polled.
     *
     * @param method the method containing the call
     * @param call   the call returning {@code io.ferrite.Future}
     * @param stored whether the future was stored in a local variable that is never read (else
     *               dropped at once)
     * @param local  the name of that variable, or null
     * @return the warning
     */
    public Diagnostic futureNeverPolled(MethodNode method, MethodInsnNode call, boolean stored, String local) {
        int line = lineOf(method, call);
        String where = where(method);
        String fate = !stored ? "discarded" : "stored in " + (local != null ? "'" + local + "'" : "a local variable")
                + " and never read";
        if (call.owner.equals(RuntimeAbi.FUTURE) && (call.name.equals("ready") || call.name.equals("failed"))) {
            return warning(FUTURE_NEVER_POLLED, method, line, call.name,
                    "Future." + call.name + "(...) is " + fate + " in " + where + ": a ready or failed future only"
                            + " holds its outcome, so this does nothing. If it is the method's result, write"
                            + " 'return Future." + call.name + "(...)'; otherwise remove it.");
        }
        return warning(FUTURE_NEVER_POLLED, method, line, call.name,
                "the future returned by " + callName(call) + "() is " + fate + " in " + where + ": futures are"
                        + " lazy, so none of its work runs. Await it (await(" + call.name + "(...))) to run it"
                        + " here, spawn it (Task.spawn(...)) to run it as a concurrent task, or join it with other"
                        + " futures (Futures.join(...)) and await that.");
    }

    /**
     * Warns about a blocking call in an async body.
     *
     * @param method  the async method or lambda
     * @param call    the blocking call
     * @param instead what to use instead
     * @return the warning
     */
    public Diagnostic blockingCall(MethodNode method, MethodInsnNode call, String instead) {
        int line = lineOf(method, call);
        return warning(BLOCKING_CALL_IN_ASYNC, method, line, call.name,
                callName(call) + "() is called in " + where(method) + ", an async body: it blocks the"
                        + " runtime worker thread that polls the task, and while it is blocked that worker runs no"
                        + " other task (when every worker is blocked, the whole runtime stalls). Use "
                        + instead + "; run blocking work that has no async counterpart with"
                        + " await(Task.spawnBlocking(() -> ...)).");
    }

    /**
     * Warns about an {@code await} reached while a lock taken in the same body is held.
     *
     * @param method       the async method or lambda
     * @param call         the {@code await} call
     * @param acquisitions the calls that may have taken the lock, in code order; possibly none
     * @return the warning
     */
    public Diagnostic lockHeldAcrossAwait(MethodNode method, AbstractInsnNode call, List<MethodInsnNode> acquisitions) {
        int line = lineOf(method, call);
        Set<String> taken = new LinkedHashSet<>();
        for (MethodInsnNode acquisition : acquisitions) {
            taken.add(acquisition.name + "() at line " + lineOf(method, acquisition));
        }
        String which = taken.isEmpty() ? "a java.util.concurrent.locks.Lock taken earlier in the body"
                : "the java.util.concurrent.locks.Lock taken by " + String.join(", ", taken);
        return warning(LOCK_HELD_ACROSS_AWAIT, method, line, "await",
                "await() is called in " + where(method) + " while " + which + " is still held (on every"
                        + " path to this await): the task may resume on another worker thread, where unlock()"
                        + " throws IllegalMonitorStateException, and while it is suspended every thread that"
                        + " needs the lock blocks. Call unlock() before awaiting, or use io.ferrite.sync.Mutex,"
                        + " whose guard may be held across awaits: try (var guard = await(mutex.lock())) { ... }.");
    }

    /**
     * Warns about an {@code await} in a {@code finally} block of an async body.
     *
     * @param method the async method or lambda
     * @param call   the {@code await} call (in the copy of the block on the exceptional path)
     * @return the warning
     */
    public Diagnostic awaitInFinally(MethodNode method, AbstractInsnNode call) {
        int line = lineOf(method, call);
        return warning(AWAIT_IN_FINALLY, method, line, "await",
                "await() is called in a finally block in " + where(method) + ": when the future is"
                        + " cancelled (an aborted task, a lost select, a timeout), the finally block runs while the"
                        + " body unwinds, and this await throws Cancelled at once instead of waiting, so the cleanup"
                        + " it awaits does not happen. If the cleanup must run even then, await"
                        + " Futures.uncancellable(cleanup) (io.ferrite.Futures), which cancellation does not stop;"
                        + " if skipping it on cancellation is intended, suppress this warning.");
    }

    /**
     * Warns about {@code return f} inside a {@code try} with a {@code finally} block or resources,
     * in an async body.
     *
     * @param method   the async method or lambda
     * @param producer the instruction that computed the returned future
     * @return the warning
     */
    public Diagnostic returnFutureInTry(MethodNode method, AbstractInsnNode producer) {
        int line = lineOf(method, producer);
        String what = producer instanceof MethodInsnNode call ? "the future returned by " + callName(call) + "()"
                : "the returned future";
        return warning(RETURN_FUTURE_IN_TRY, method, line, "return",
                what + " is returned from inside a try block with a finally block or resources in "
                        + where(method) + ": the method's body ends there, so the finally block (or the"
                        + " resources' close()) runs first, and the returned future does its work only afterwards,"
                        + " when it is polled. Await it inside the try instead (return Future.ready(await(...))),"
                        + " so that the cleanup follows its work.");
    }

    /**
     * Returns the source line of an instruction: that of the nearest preceding line number entry.
     *
     * @param method the method
     * @param insn   an instruction of it
     * @return the line, or the method's first line, or 0 when the class has no line numbers
     */
    public static int lineOf(MethodNode method, AbstractInsnNode insn) {
        for (AbstractInsnNode node = insn; node != null; node = node.getPrevious()) {
            if (node instanceof LineNumberNode) {
                return ((LineNumberNode) node).line;
            }
        }
        return firstLine(method);
    }

    /**
     * Returns the first line of a method's code, the closest the class file comes to its
     * declaration.
     *
     * @param method the method
     * @return the line, or 0 when unknown
     */
    public static int firstLine(MethodNode method) {
        if (method.instructions == null) {
            return 0;
        }
        for (AbstractInsnNode node : method.instructions) {
            if (node instanceof LineNumberNode) {
                return ((LineNumberNode) node).line;
            }
        }
        return 0;
    }

    /**
     * Describes a method for messages: {@code method checkout(Cart) of class com.acme.Orders}. It
     * names no line: the diagnostic's position says where, once, so that a build tool that places
     * it more exactly from the source (at a declaration, or at an expression on a later line of a
     * statement) never shows two different lines.
     *
     * @param method the method
     * @return the description
     */
    String where(MethodNode method) {
        String className = owner.name.replace('/', '.');
        if (method.name.equals("<init>")) {
            return "a constructor of class " + className;
        }
        if (method.name.equals("<clinit>")) {
            return "the static initializer of class " + className;
        }
        if (isLambda(method)) {
            return "a lambda in " + enclosingOfLambda(method.name) + " of class " + className;
        }
        return "method " + method.name + parameters(method.desc) + " of class " + className;
    }

    private Diagnostic error(String code, MethodNode method, int line, String token, String message) {
        return new Diagnostic(Severity.ERROR, code, owner.name, method.name, method.desc, owner.sourceFile, line, token,
                message);
    }

    private Diagnostic warning(String code, MethodNode method, int line, String token, String message) {
        return new Diagnostic(Severity.WARNING, code, owner.name, method.name, method.desc, owner.sourceFile, line,
                token, message);
    }

    /** {@code Thread.sleep}, {@code Outer.Inner.m}: the owner's simple name, as code shows it. */
    private static String callName(MethodInsnNode call) {
        String owner = call.owner.substring(call.owner.lastIndexOf('/') + 1).replace('$', '.');
        return owner + "." + call.name;
    }

    private String sourceName() {
        return owner.sourceFile != null ? owner.sourceFile : "unknown source";
    }

    static boolean isLambda(MethodNode method) {
        return method.name.startsWith("lambda$");
    }

    /** {@code lambda$main$0} to {@code main}; javac writes {@code new} and {@code static} for initializers. */
    private static String enclosingOfLambda(String lambdaName) {
        String[] parts = lambdaName.split("\\$");
        if (parts.length < 3) {
            return lambdaName;
        }
        String enclosing = parts[1];
        if (enclosing.equals("new")) {
            return "a constructor";
        }
        if (enclosing.equals("static")) {
            return "the static initializer";
        }
        return "method " + enclosing;
    }

    private static String parameters(String desc) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (Type type : Type.getArgumentTypes(desc)) {
            String name = type.getClassName();
            joiner.add(name.substring(name.lastIndexOf('.') + 1));
        }
        return joiner.toString();
    }
}

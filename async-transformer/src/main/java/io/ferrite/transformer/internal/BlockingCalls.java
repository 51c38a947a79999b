package io.ferrite.transformer.internal;

import java.util.List;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The well-known blocking methods that an {@code @Async} body or async lambda must not call,
 * each with its async counterpart: the one list behind the {@code blocking-call-in-async}
 * warning ({@code docs/pitfalls.md} shows it to users, and a test checks that it shows all of it).
 *
 * <p>An async body runs on a runtime worker thread; a blocking call there keeps the worker from
 * running any other task until it returns. A call matches a rule when its name matches and its
 * owner, as javac wrote it (the declared type of the receiver, or the class named in a static
 * call), is the rule's type or a subtype of it ({@code ReentrantLock.lock},
 * {@code ArrayBlockingQueue.take}, a user's own {@code Lock}), decided from the class path with
 * {@link Subtypes}. Rules are tried in order, so a specific one ({@code CompletableFuture.get})
 * comes before a general one ({@code Future.get}).
 *
 * <p>The list is not exhaustive: blocking I/O (streams, sockets, JDBC) is not recognised, since
 * the same methods are harmless on in-memory implementations; and a blocking call made through a
 * method reference or in a plain method that the body calls is not seen.
 */
final class BlockingCalls {

    /** The descriptor fragment of the timed overloads that some rules are limited to. */
    private static final String TIME_UNIT = "Ljava/util/concurrent/TimeUnit;";

    /**
     * One blocking method (or family of overloads).
     *
     * @param owner     the internal name of the declaring type; its subtypes match too
     * @param name      the method's name, or a prefix ending in {@code *} ({@code park*} for
     *                  {@code park}, {@code parkNanos} and {@code parkUntil})
     * @param timedOnly whether only the overloads taking a {@code TimeUnit} block (the timed
     *                  {@code tryLock}, {@code poll}, {@code offer})
     * @param instead   what to write instead, for the message
     */
    record Rule(String owner, String name, boolean timedOnly, String instead) {

        /**
         * Tells whether a call is one of this rule's methods, by name and descriptor only.
         *
         * @param call a method instruction
         * @return true if its name and descriptor fit
         */
        boolean fits(MethodInsnNode call) {
            boolean named = name.endsWith("*") ? call.name.startsWith(name.substring(0, name.length() - 1))
                    : call.name.equals(name);
            return named && (!timedOnly || call.desc.contains(TIME_UNIT));
        }
    }

    private static final String SLEEP = "await(Time.sleep(duration)) (io.ferrite.time.Time), which suspends only"
            + " this task";
    private static final String AWAIT_STAGE = "await(future) (await takes any CompletionStage and suspends instead"
            + " of blocking)";
    private static final String NOTIFY = "io.ferrite.sync.Notify (await(notify.notified())) or an"
            + " io.ferrite.channel.Watch channel";
    private static final String SEMAPHORE = "io.ferrite.sync.Semaphore (try (var permit = await(semaphore.acquire()))"
            + " { ... })";
    private static final String CHANNEL = "an io.ferrite.channel.Mpsc channel (await(tx.send(value)),"
            + " await(rx.recv()))";
    private static final String MUTEX = "io.ferrite.sync.Mutex (try (var guard = await(mutex.lock())) { ... }), whose"
            + " guard may also be held across awaits";
    private static final String BLOCK_ON = "await(future) (blockOn throws IllegalStateException on a runtime"
            + " thread)";

    /** Every rule, specific before general. */
    static final List<Rule> RULES = List.of(
            new Rule("java/lang/Thread", "sleep", false, SLEEP),
            new Rule("java/lang/Thread", "join", false,
                    "a task instead of a thread: await(Task.spawn(future)), or await its JoinHandle"),
            new Rule("java/lang/Object", "wait", false, NOTIFY),
            new Rule("java/lang/Process", "waitFor", false, "await(process.onExit())"),
            new Rule("java/util/concurrent/CompletableFuture", "join", false, AWAIT_STAGE),
            new Rule("java/util/concurrent/CompletableFuture", "get", false, AWAIT_STAGE),
            new Rule("java/util/concurrent/Future", "get", false, "await(future) if it is a CompletionStage,"
                    + " otherwise await(Task.spawnBlocking(future::get))"),
            new Rule("java/util/concurrent/ExecutorService", "awaitTermination", false,
                    "await(Task.spawnBlocking(() -> executor.awaitTermination(timeout, unit)))"),
            new Rule("java/util/concurrent/CountDownLatch", "await", false, NOTIFY),
            new Rule("java/util/concurrent/CyclicBarrier", "await", false,
                    "io.ferrite.sync.Barrier (await(barrier.arriveAndWait()))"),
            new Rule("java/util/concurrent/Semaphore", "acquire*", false, SEMAPHORE),
            new Rule("java/util/concurrent/Semaphore", "tryAcquire", true, SEMAPHORE),
            new Rule("java/util/concurrent/BlockingQueue", "take*", false, CHANNEL),
            new Rule("java/util/concurrent/BlockingQueue", "put*", false, CHANNEL),
            new Rule("java/util/concurrent/BlockingQueue", "poll*", true, CHANNEL),
            new Rule("java/util/concurrent/BlockingQueue", "offer*", true, CHANNEL),
            new Rule("java/util/concurrent/locks/Lock", "lock", false, MUTEX),
            new Rule("java/util/concurrent/locks/Lock", "lockInterruptibly", false, MUTEX),
            new Rule("java/util/concurrent/locks/Lock", "tryLock", true, MUTEX),
            new Rule("java/util/concurrent/locks/Condition", "await*", false, NOTIFY),
            new Rule("java/util/concurrent/locks/LockSupport", "park*", false,
                    "a Future that returns Poll.pending() and calls its Waker, or io.ferrite.sync.Notify"),
            new Rule(RuntimeAbi.BLOCK_ON.owner(), RuntimeAbi.BLOCK_ON.name(), false, BLOCK_ON),
            new Rule(RuntimeAbi.RUNTIME_BLOCK_ON.owner(), RuntimeAbi.RUNTIME_BLOCK_ON.name(), false, BLOCK_ON));

    private final Subtypes subtypes;

    /**
     * Creates the matcher.
     *
     * @param subtypes decides whether a call's owner is a subtype of a rule's type
     */
    BlockingCalls(Subtypes subtypes) {
        this.subtypes = subtypes;
    }

    /**
     * Finds the rule a call breaks.
     *
     * @param call a method instruction of an async body
     * @return the first matching rule, or null if the call is not known to block
     */
    Rule match(MethodInsnNode call) {
        if (call.owner.startsWith("[") || call.name.equals("<init>") || RuntimeAbi.isAwait(call)) {
            return null;
        }
        for (Rule rule : RULES) {
            // Name first: the hierarchy is read only for the few calls whose name fits.
            if (rule.fits(call) && subtypes.isA(call.owner, rule.owner())) {
                return rule;
            }
        }
        return null;
    }
}

package io.ferrite;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code await}: waits for a future inside an {@code @Async} method or an async lambda, as
 * Rust's {@code .await} does.
 *
 * <p>These methods are markers. Ferrite's transformer (the {@code ferrite-maven-plugin}, or the
 * {@code -javaagent} for runs outside Maven) replaces every call with a suspension point: if the
 * future is ready, execution simply continues with its value; otherwise the method saves its
 * live state, returns {@link Poll#pending()}, and resumes at the same point when woken.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * import static io.ferrite.Await.await;
 *
 * @Async
 * Future<Receipt> checkout(Cart cart) {
 *     Price price = await(pricing.quote(cart));                 // an io.ferrite.Future
 *     String token = await(http.sendAsync(req, ofString()));   // a CompletionStage
 *     return Future.ready(new Receipt(price, token));
 * }
 * }</pre>
 *
 * <h2>Failures</h2>
 * {@code await(f)} rethrows the exception {@code f} failed with, unwrapped: a
 * {@link CompletionStage} failure arrives as its cause, never as a
 * {@code CompletionException}, so the method's own try/catch/finally see it as in synchronous
 * code.
 *
 * <h2>Cancellation</h2>
 * When the enclosing future is cancelled while suspended here, the awaited future is cancelled
 * and {@code await} throws {@link Cancelled}.
 *
 * <h2>Without the transformation</h2>
 * Reached at run time in code that was not transformed, {@code await} throws
 * {@link IllegalStateException} naming the calling method and how to enable the
 * transformation (the plugin's {@code process-classes} phase, which {@code mvn compile} and IDE
 * builds stop before, or the {@code ferrite-transformer-<version>-agent.jar} agent). It never
 * blocks.
 *
 * <h2>Null</h2>
 * In transformed code, {@code await(null)} throws {@link NullPointerException} naming the class,
 * the method and the line of the await.
 */
public final class Await {

    private Await() {
    }

    /**
     * Waits for {@code future} and returns its value.
     *
     * @param future the future to wait for
     * @param <T>    the value type
     * @return the future's value
     * @throws IllegalStateException always, when reached in code that Ferrite did not transform
     */
    public static <T> T await(Future<T> future) {
        throw notTransformed();
    }

    /**
     * Waits for {@code stage} and returns its value; a failure is rethrown unwrapped.
     *
     * @param stage the stage to wait for, e.g. a {@code CompletableFuture}
     * @param <T>   the value type
     * @return the stage's value
     * @throws IllegalStateException always, when reached in code that Ferrite did not transform
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw notTransformed();
    }

    private static IllegalStateException notTransformed() {
        Optional<StackWalker.StackFrame> caller = StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !f.getClassName().equals(Await.class.getName())).findFirst());
        String where = caller
                .map(f -> f.getClassName() + "." + f.getMethodName()
                        + (f.getFileName() != null && f.getLineNumber() > 0
                                ? " (" + f.getFileName() + ":" + f.getLineNumber() + ")" : ""))
                .orElse("an unknown method");
        String className = caller.map(StackWalker.StackFrame::getClassName).orElse("its class");
        String method = caller.map(StackWalker.StackFrame::getMethodName).orElse("the method");
        // The @Async annotation is not visible at run time (class retention), so the message
        // cannot tell a forgotten annotation from a build that skipped the transformation: the
        // untransformed class is by far the more common cause, so it comes first.
        return new IllegalStateException("await() was called in " + where + ", but class " + className
                + " was not transformed by Ferrite, so the await cannot suspend (and Ferrite never blocks"
                + " instead). The ferrite-maven-plugin rewrites classes after compilation, in the process-classes"
                + " phase (goal 'transform'; 'transform-test' in process-test-classes): 'mvn compile',"
                + " 'mvn compile exec:java' and an IDE's own build stop before that phase. Build with"
                + " 'mvn process-classes' or a later phase (package, verify, or 'mvn process-classes exec:java'),"
                + " or run with the agent: -javaagent:/path/to/" + agentJar() + " (the ferrite-transformer"
                + " artifact with classifier 'agent'). If " + method + " is not an @Async method yet, annotate it"
                + " with @io.ferrite.annotations.Async and make it return io.ferrite.Future<T> (or call await in a"
                + " lambda returning io.ferrite.Future).");
    }

    /** The agent jar's file name, with this runtime's version when its jar manifest states it. */
    private static String agentJar() {
        String version = Await.class.getPackage().getImplementationVersion();
        return "ferrite-transformer-" + (version != null ? version : "<version>") + "-agent.jar";
    }
}

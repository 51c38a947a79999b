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
 * transformation. It never blocks.
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
        return new IllegalStateException("await() was called in " + where + ", which Ferrite has not transformed,"
                + " so it cannot suspend (and Ferrite never blocks instead). Make the method @io.ferrite.annotations.Async"
                + " (or a lambda returning io.ferrite.Future) and transform its class: add the ferrite-maven-plugin"
                + " with the goals 'transform' and 'transform-test' to the pom, or, when running outside Maven"
                + " (for example from an IDE), start the JVM with -javaagent:ferrite-transformer.jar.");
    }
}

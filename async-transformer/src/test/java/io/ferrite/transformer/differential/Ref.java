package io.ferrite.transformer.differential;

import io.ferrite.Future;
import java.util.concurrent.CompletionStage;

/**
 * The reference build's {@code await}: the generated source imports it in place of
 * {@code io.ferrite.Await.await} and is not transformed. It blocks the way a synchronous
 * program would: it polls the future, advancing the run's schedule while it is pending, and
 * returns its value or throws its failure unwrapped. It only works during a reference run.
 */
public final class Ref {

    private Ref() {
    }

    /**
     * Waits for a future.
     *
     * @param future the future
     * @param <T>    its value type
     * @return its value
     */
    public static <T> T await(Future<T> future) {
        return Env.current().block(future);
    }

    /**
     * Waits for a completion stage; its failure is thrown as is, not as a
     * {@code CompletionException}.
     *
     * @param stage the stage
     * @param <T>   its value type
     * @return its value
     */
    public static <T> T await(CompletionStage<T> stage) {
        return Env.current().block(stage);
    }
}

package io.ferrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void await_should_throw_naming_caller_when_code_is_not_transformed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> untransformedCaller(Future.ready(1)));
        String message = e.getMessage();
        assertTrue(message.contains(AwaitTest.class.getName() + ".untransformedCaller"), message);
        assertTrue(message.contains("AwaitTest.java:"), message);
        assertTrue(message.contains("@io.ferrite.annotations.Async"), message);
        assertTrue(message.contains("ferrite-maven-plugin"), message);
        assertTrue(message.contains("-javaagent"), message);
    }

    @Test
    void await_should_say_the_class_was_not_transformed_and_how_to_build_when_code_is_not_transformed() {
        String message = assertThrows(IllegalStateException.class,
                () -> untransformedCaller(Future.ready(1))).getMessage();
        assertTrue(message.contains("class " + AwaitTest.class.getName() + " was not transformed"), message);
        assertTrue(message.contains("process-classes") && message.contains("'mvn compile'"), message);
        // The agent is the jar with classifier "agent"; the plain jar has no Premain-Class.
        assertTrue(message.matches("(?s).*-javaagent:\\S*ferrite-transformer-\\S+-agent\\.jar.*"), message);
        assertFalse(message.contains("ferrite-transformer.jar"), message);
    }

    @Test
    void await_should_throw_instead_of_blocking_when_stage_is_incomplete() {
        CompletableFuture<String> never = new CompletableFuture<>();
        // If await blocked, this call would never return; nothing ever completes the stage.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> untransformedStageCaller(never));
        assertTrue(e.getMessage().contains(AwaitTest.class.getName() + ".untransformedStageCaller"), e.getMessage());
        assertFalse(never.isDone());
    }

    @Test
    void await_should_throw_even_when_future_is_ready() {
        assertThrows(IllegalStateException.class, () -> Await.await(CompletableFuture.completedFuture(1)));
    }

    private static int untransformedCaller(Future<Integer> future) {
        return Await.await(future) + 1;
    }

    private static String untransformedStageCaller(CompletableFuture<String> stage) {
        return Await.await(stage);
    }
}

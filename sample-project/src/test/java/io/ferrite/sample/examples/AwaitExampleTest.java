package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferrite.Await;
import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The example of {@link Await}: an io.ferrite.Future and a CompletionStage awaited alike. */
class AwaitExampleTest {

    record Cart(int items) {
    }

    record Price(int cents) {
    }

    record Receipt(Price price, String token) {
    }

    final class Pricing {
        Future<Price> quote(Cart cart) {
            return Future.ready(new Price(cart.items() * 250));
        }
    }

    /** Stands for java.net.http.HttpClient: answers on another thread. */
    final class Http {
        CompletableFuture<String> answer = new CompletableFuture<>();

        CompletionStage<String> sendAsync(String req, Object bodyHandler) {
            new Thread(() -> answer.complete("tok-" + req)).start();
            return answer;
        }
    }

    final Pricing pricing = new Pricing();
    final Http http = new Http();
    final String req = "42";

    static Object ofString() {
        return "body handler";
    }

    // --- the class example ---

    @Async
    Future<Receipt> checkout(Cart cart) {
        Price price = await(pricing.quote(cart));                 // an io.ferrite.Future
        String token = await(http.sendAsync(req, ofString()));   // a CompletionStage
        return Future.ready(new Receipt(price, token));
    }

    // --- end of the example ---

    @Test
    void checkout_should_combine_the_future_and_the_completion_stage() {
        assertEquals(new Receipt(new Price(750), "tok-42"), BlockOn.blockOn(checkout(new Cart(3))));
    }

    @Test
    void checkout_should_rethrow_the_completion_stage_failure_unwrapped() {
        IllegalStateException refused = new IllegalStateException("card refused");
        http.answer.completeExceptionally(refused);
        assertSame(refused, assertThrows(IllegalStateException.class, () -> BlockOn.blockOn(checkout(new Cart(1)))));
    }
}

package basic;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class Orders {

    @Async
    static Future<Integer> price(Future<Integer> base, CompletionStage<Integer> tax) {
        int b = await(base);
        int t = await(tax);
        return Future.ready(b + t);
    }

    @Async
    static Future<Integer> total(List<Future<Integer>> prices) {
        int sum = 0;
        for (Future<Integer> price : prices) {
            sum += await(price);
        }
        return Future.ready(sum);
    }

    @Async
    static Future<String> describe(CompletableFuture<String> label) {
        try {
            return Future.ready("label " + await(label));
        } catch (IllegalStateException e) {
            return Future.ready("recovered from " + e.getMessage());
        }
    }
}

package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.List;
import java.util.function.Supplier;

class AwaitInLambda {

    static Supplier<String> supplier(Future<String> f) {
        return () -> await(f); // ERROR await-in-lambda
    }

    /** Inside an @Async method, a lambda that does not return a Future still cannot await. */
    @Async
    static Future<Integer> insideAsync(List<Future<Integer>> futures) {
        int sum = futures.stream()
                .mapToInt(f -> await(f)) // ERROR await-in-lambda
                .sum();
        return Future.ready(sum);
    }
}

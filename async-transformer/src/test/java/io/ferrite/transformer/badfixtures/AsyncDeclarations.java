package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletableFuture;

abstract class AsyncDeclarations {

    @Async
    synchronized Future<String> synchronizedMethod(Future<String> f) {
        String value = await(f); // ERROR async-synchronized
        return Future.ready(value);
    }

    @Async
    String wrongReturnType(Future<String> f) {
        return await(f); // ERROR async-return-type
    }

    @Async
    CompletableFuture<String> completableFuture(Future<String> f) {
        return CompletableFuture.completedFuture(await(f)); // ERROR async-return-type
    }

    @Async
    abstract Future<String> abstractMethod(Future<String> f); // ERROR async-without-body @0
}

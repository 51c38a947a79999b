package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

class EmitOutsideGenerator {

    void plain(String item) {
        emit(item); // ERROR emit-outside-generator
    }

    @Async
    Future<Integer> asyncMethod(Future<Integer> f) {
        int value = await(f);
        emit(value); // ERROR emit-outside-generator
        return Future.ready(value);
    }

    Supplier<Future<String>> asyncLambda(Future<String> f) {
        return () -> {
            String value = await(f);
            emit(value); // ERROR emit-outside-generator
            return Future.ready(value);
        };
    }

    Runnable plainLambda() {
        return () -> emit("x"); // ERROR emit-outside-generator
    }

    @Async
    AsyncStream<String> reference(List<String> items) {
        Consumer<String> each = io.ferrite.Await::emit; // ERROR emit-outside-generator
        items.forEach(each);
        return AsyncStream.empty();
    }
}

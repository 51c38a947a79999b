package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import java.util.List;

class EmitInSynchronized {

    private final List<String> items = new java.util.ArrayList<>();

    @Async
    AsyncStream<String> snapshot(Future<String> f) {
        String first = await(f);
        emit(first);
        synchronized (items) {
            for (String item : items) {
                emit(item); // ERROR emit-in-synchronized
            }
        }
        return AsyncStream.empty();
    }
}

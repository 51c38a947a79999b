package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;

class GeneratorReturn {

    @Async
    AsyncStream<String> endsWithNull(boolean early) {
        emit("a");
        if (early) {
            return null; // ERROR generator-return
        }
        return AsyncStream.empty();
    }
}

package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;

class AwaitOutsideAsync {

    static String plain(Future<String> f) {
        String prefix = "value: ";
        return prefix + await(f); // ERROR await-outside-async
    }

    Future<String> returnsFutureButNotAsync(Future<String> f) {
        return Future.ready(await(f)); // ERROR await-outside-async
    }
}

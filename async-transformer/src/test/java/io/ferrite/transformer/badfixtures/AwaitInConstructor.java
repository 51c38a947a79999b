package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;

class AwaitInConstructor {

    private final String value;

    AwaitInConstructor(Future<String> f) {
        this.value = await(f); // ERROR await-in-constructor
    }
}

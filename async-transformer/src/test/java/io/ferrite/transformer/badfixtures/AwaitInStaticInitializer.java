package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;

class AwaitInStaticInitializer {

    static final String VALUE;

    static {
        String v = "x";
        VALUE = await(Future.ready(v)); // ERROR await-in-static-initializer
    }
}

package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.annotations.Suppress;

class SuppressedError {

    /** @Suppress silences warnings only: an error still fails the build. */
    @Async
    @Suppress("await-in-synchronized")
    Future<String> locked(Future<String> f) {
        synchronized (this) {
            return Future.ready(await(f)); // ERROR await-in-synchronized
        }
    }
}

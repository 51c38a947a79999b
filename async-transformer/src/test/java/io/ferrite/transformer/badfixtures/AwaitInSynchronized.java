package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

class AwaitInSynchronized {

    private final Object lock = new Object();
    private int count;

    @Async
    Future<Integer> increment(Future<Integer> delta) {
        int before = await(delta);
        synchronized (lock) {
            count += before;
            if (count > 10) {
                count -= await(delta); // ERROR await-in-synchronized
            }
        }
        return Future.ready(count + await(delta));
    }
}

package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.annotations.Suppress;

@Suppress("blocking-call-in-async")
class SuppressedClass {

    @Async
    static Future<String> sleeps(Future<String> f) throws InterruptedException {
        Thread.sleep(1);
        return Future.ready(await(f));
    }

    @Async
    static Future<String> drops(Future<String> f) {
        Future.failed(new IllegalStateException("lost")); // WARNING future-never-polled
        return f;
    }

    /** Nested classes are class files of their own: the outer annotation does not reach them. */
    static final class Nested {
        @Async
        static Future<String> sleeps(Future<String> f) throws InterruptedException {
            Thread.sleep(1); // WARNING blocking-call-in-async
            return Future.ready(await(f));
        }
    }
}

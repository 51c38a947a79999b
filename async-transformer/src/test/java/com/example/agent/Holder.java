package com.example.agent;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

/** A nest host that mentions no await itself; its member's state machine reads its private field. */
public class Holder {

    private static String secret = "the holder's secret";

    /** The nest member with the @Async method. */
    public static class Worker {

        @Async
        public static Future<String> reveal(Future<String> prefix) {
            String p = await(prefix);
            return Future.ready(p + secret);
        }
    }
}

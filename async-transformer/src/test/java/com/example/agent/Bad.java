package com.example.agent;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

/** Rejected by the transformer: the agent must make it fail at first use with the diagnostic. */
public class Bad {

    private static final Object LOCK = new Object();

    @Async
    static Future<String> locked(Future<String> f) {
        synchronized (LOCK) {
            String v = await(f);
            return Future.ready(v);
        }
    }

    public static void main(String[] args) {
        System.out.println("main started");
        System.out.println(locked(Future.ready("never")));
    }
}

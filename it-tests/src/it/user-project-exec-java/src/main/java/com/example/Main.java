package com.example;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.Time;
import java.time.Duration;

public class Main {

    @Async
    static Future<String> greet(String name) {
        await(Time.sleep(Duration.ofMillis(10)));
        return Future.ready("hello, " + name);
    }

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.multiThread().build()) {
            System.out.println(runtime.blockOn(greet("ferrite")));
        }
    }
}

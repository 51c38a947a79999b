package com.example.agent;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;

/** Run by FerriteAgentTest with the agent: a pitfall warning is printed, and the class still runs transformed. */
public class Warned {

    @Async
    static Future<String> nap(Future<String> then) throws InterruptedException {
        Thread.sleep(0);
        return Future.ready(await(then));
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(BlockOn.blockOn(nap(Future.ready("rested"))));
    }
}

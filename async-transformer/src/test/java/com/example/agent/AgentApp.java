package com.example.agent;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;
import java.util.concurrent.CompletableFuture;

/** Run by FerriteAgentTest in a JVM started with the agent: untransformed, its awaits would throw. */
public class AgentApp {

    @Async
    static Future<String> greet(Future<String> name) {
        String n = await(name);
        return Future.ready("hello " + n);
    }

    @Async
    static Future<String> fromAnotherThread() {
        CompletableFuture<String> later = new CompletableFuture<>();
        new Thread(() -> later.complete("completed on another thread")).start();
        String value = await(later);
        return Future.ready(value);
    }

    public static void main(String[] args) {
        System.out.println(BlockOn.blockOn(greet(Future.ready("agent"))));
        // Loads the nested class before its nest host, which must still list its state machine.
        System.out.println(BlockOn.blockOn(Holder.Worker.reveal(Future.ready("worker sees "))));
        System.out.println(BlockOn.blockOn(fromAnotherThread()));
    }
}

package com.example.agent;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;
import io.ferrite.stream.AsyncStream;

/** A generator read by an @Async method, transformed by the agent as the classes load. */
public class Counter {

    @Async
    static AsyncStream<Integer> upTo(int n) {
        for (int i = 1; i <= n; i++) {
            emit(await(Future.ready(i)));
        }
        return AsyncStream.empty();
    }

    @Async
    static Future<Integer> sum(AsyncStream<Integer> numbers) {
        int total = 0;
        for (Integer n; (n = await(numbers.next())) != null; ) {
            total += n;
        }
        return Future.ready(total);
    }

    public static void main(String[] args) {
        System.out.println("sum " + BlockOn.blockOn(sum(upTo(4))));
    }
}

package com.example.agent;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;

/** Rejected by the transformer: a generator emitting a String where it declares Integer items. */
public class BadGenerator {

    @Async
    static AsyncStream<Integer> numbers() {
        emit(1);
        emit("two");
        return AsyncStream.empty();
    }

    public static void main(String[] args) {
        System.out.println("main started");
        System.out.println(numbers());
    }
}

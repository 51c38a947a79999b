package io.ferrite.transformer.badfixtures;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import java.util.List;

class EmitTypeMismatch {

    @Async
    AsyncStream<Integer> numbers(Future<Integer> f, Object unknown, Number number, CharSequence text, List<?> list) {
        emit(1);
        emit(await(f));
        emit(number); // a Number may be an Integer: not reported
        emit(unknown); // an Object may be an Integer: not reported
        emit(text); // an interface: not reported
        emit(list.get(0)); // an Object (a List<?> element): not reported
        emit("x"); // ERROR emit-type-mismatch
        emit(2L); // ERROR emit-type-mismatch
        return AsyncStream.empty();
    }

    @Async
    AsyncStream<? extends Number> bounded() {
        emit(1);
        emit(2.5);
        emit("three"); // ERROR emit-type-mismatch
        return AsyncStream.empty();
    }

    @Async
    <T> AsyncStream<T> generic(T item) {
        emit(item);
        emit("anything"); // a type variable: not checked
        return AsyncStream.empty();
    }
}

package io.ferrite.transformer.badfixtures;

import io.ferrite.Await;
import io.ferrite.Future;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

class AwaitMethodReference {

    static List<String> all(List<Future<String>> futures) {
        Function<Future<String>, String> get = Await::await; // ERROR await-method-reference
        return futures.stream().map(get).collect(Collectors.toList());
    }
}

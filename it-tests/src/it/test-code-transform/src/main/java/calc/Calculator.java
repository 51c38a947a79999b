package calc;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Calculator {

    @Async
    public static Future<Integer> add(Future<Integer> a, Future<Integer> b) {
        return Future.ready(await(a) + await(b));
    }
}

package inc;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Counter {
    @Async
    static Future<Integer> scale(Future<Integer> value) {
        int n = await(value);
        return Future.ready(n * 2);
    }
}

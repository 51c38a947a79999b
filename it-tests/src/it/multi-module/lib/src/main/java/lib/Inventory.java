package lib;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Inventory {

    @Async
    public static Future<Integer> stock(Future<String> item) {
        String name = await(item);
        return Future.ready(name.length());
    }
}

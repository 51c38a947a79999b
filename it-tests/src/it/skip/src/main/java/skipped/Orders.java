package skipped;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Orders {
    @Async
    static Future<String> item(Future<String> name) {
        return Future.ready(await(name));
    }
}

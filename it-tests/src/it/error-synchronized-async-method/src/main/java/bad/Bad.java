package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Bad {
    @Async
    synchronized Future<String> locked(Future<String> f) {
        String v = await(f);
        return Future.ready(v);
    }
}

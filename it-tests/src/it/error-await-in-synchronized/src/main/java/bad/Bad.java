package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Bad {
    @Async
    Future<String> locked(Future<String> f) {
        synchronized (this) {
            String v = await(f);
            return Future.ready(v);
        }
    }
}
